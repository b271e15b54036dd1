"""Where a gateway URL points: http(s)://host:port[/prefix], or unix:///path/to.sock for a gateway's Unix socket.

An arena agent script runs in a sandbox without a network; its gateway is a Unix socket bound into the sandbox
(DOJO_GATEWAY_URL=unix:///...). HTTP and WebSocket then go over that socket, with "localhost" as the Host.
"""
import http.client
import socket
import urllib.parse

UNIX_SCHEME = "unix"


def split(base_url):
    """(scheme, netloc or socket path, path prefix) of a gateway URL; raises ValueError for anything else."""
    parts = urllib.parse.urlsplit(base_url)
    if parts.scheme == UNIX_SCHEME:
        if parts.netloc or not parts.path.startswith("/"):
            raise ValueError(f"a Unix socket URL is unix:///absolute/path.sock: {base_url!r}")
        return UNIX_SCHEME, parts.path, ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s):// or unix:/// gateway URL: {base_url!r}")
    return parts.scheme, parts.netloc, parts.path.rstrip("/")


def socket_path(base_url):
    """The socket path of a unix:/// URL, or None for an http(s) URL."""
    scheme, where, _ = split(base_url)
    return where if scheme == UNIX_SCHEME else None


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over a Unix domain socket."""

    def __init__(self, path, timeout):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(self.timeout)
        try:
            connection.connect(self.socket_path)
        except OSError:
            connection.close()
            raise
        self.sock = connection


def connection(base_url, timeout):
    """A new connection to the gateway and the path prefix every request path goes under."""
    scheme, where, prefix = split(base_url)
    if scheme == UNIX_SCHEME:
        return UnixHTTPConnection(where, timeout), prefix
    if scheme == "https":
        return http.client.HTTPSConnection(where, timeout=timeout), prefix
    return http.client.HTTPConnection(where, timeout=timeout), prefix
