"""WsEnv: OpenEnv's WebSocket frames at /ws, async, with resume after a dropped connection."""
import asyncio
import urllib.parse

from . import frames, transport
from .errors import DojoError, DojoTransportError

try:
    import websockets
except ImportError:  # HttpEnv and the frame helpers work without it; WsEnv says what to install.
    websockets = None


def ws_url(base_url):
    """http://host:port[/prefix] -> ws://host:port[/prefix]/ws (https -> wss); a ws:// URL is taken as is;
    unix:///path.sock -> ws://localhost/ws (over that socket)."""
    parts = urllib.parse.urlsplit(base_url)
    if parts.scheme in ("ws", "wss"):
        return base_url
    if parts.scheme == transport.UNIX_SCHEME:
        transport.split(base_url)
        return "ws://localhost/ws"
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme)
    if scheme is None:
        raise ValueError(f"not an http(s) or ws(s) URL: {base_url!r}")
    return urllib.parse.urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + "/ws", "", ""))


class WsEnv:
    """One episode over one WebSocket; the episode outlives the connection.

    When the connection drops mid-call, the call reconnects, sends a reset naming the episode id (which resumes
    it), and sends the frame again; steps carry a request id, so a step the server already ran is not run twice.
    """

    def __init__(self, base_url="http://127.0.0.1:8080", token=None, timeout=600.0, reconnects=3, backoff=0.5,
                 max_size=16 * 1024 * 1024):
        if websockets is None:
            raise DojoError("WsEnv needs the websockets package (Debian: apt-get install python3-websockets)")
        self.url = ws_url(base_url)
        self.socket_path = transport.socket_path(base_url) if urllib.parse.urlsplit(base_url).scheme == "unix" else None
        self.token = token
        self.timeout = timeout
        self.reconnects = reconnects
        self.backoff = backoff
        self.max_size = max_size
        self.episode_id = None
        self._socket = None

    async def connect(self):
        headers = {"Authorization": "Bearer " + self.token} if self.token else None
        try:
            if self.socket_path is not None:
                self._socket = await websockets.unix_connect(self.socket_path, self.url, extra_headers=headers,
                                                             max_size=self.max_size, open_timeout=30)
            else:
                self._socket = await websockets.connect(self.url, extra_headers=headers, max_size=self.max_size,
                                                        open_timeout=30)
        except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException) as e:
            raise DojoTransportError(f"cannot open {self.socket_path or self.url}: {e}") from e
        return self

    async def __aenter__(self):
        return await self.connect()

    async def __aexit__(self, *exc):
        await self.disconnect()

    async def disconnect(self):
        """Drop the connection without closing the episode (it stays resumable)."""
        if self._socket is not None:
            socket, self._socket = self._socket, None
            try:
                await socket.close()
            except Exception:  # closing a dead socket must not hide the caller's own error
                pass

    async def _ask_once(self, frame, expect):
        if self._socket is None:
            await self.connect()
            if self.episode_id is not None and frame["type"] != "reset":
                # A fresh connection points at no episode: resume ours before the real frame.
                await self._send_and_receive(frames.reset_frame(episode_id=self.episode_id), "observation")
        return await self._send_and_receive(frame, expect)

    async def _send_and_receive(self, frame, expect):
        try:
            await self._socket.send(frames.encode(frame))
            text = await asyncio.wait_for(self._socket.recv(), self.timeout)
        except (OSError, asyncio.TimeoutError, websockets.exceptions.ConnectionClosed) as e:
            await self.disconnect()
            raise DojoTransportError(f"the connection to {self.url} dropped: {e!r}") from e
        return frames.parse_frame(text, expect)

    async def _ask(self, frame, expect):
        attempt = 0
        while True:
            try:
                return await self._ask_once(frame, expect)
            except DojoTransportError:
                if attempt >= self.reconnects:
                    raise
            await asyncio.sleep(self.backoff * (2 ** attempt))
            attempt += 1

    async def reset(self, competition=None, seed=None, episode_id=None, options=None, env="mle"):
        """Start an episode, or resume the one named by episode_id; returns {"episode_id", "observation", ...}."""
        data = await self._ask(frames.reset_frame(competition, env, seed, episode_id, options), "observation")
        self.episode_id = (data or {}).get("episode_id") or episode_id
        return data

    async def resume(self, episode_id=None):
        """Reconnect and point the new connection at an existing episode."""
        await self.disconnect()
        return await self.reset(episode_id=episode_id or self.episode_id)

    async def step(self, action, request_id=None):
        """Run one action; returns {"observation", "reward", "done"}."""
        return await self._ask(frames.step_frame(action, request_id or frames.new_request_id()), "observation")

    async def state(self):
        return await self._ask(frames.state_frame(), "state")

    async def close(self):
        """End the episode on the server (OpenEnv's close) and the connection; returns the final state."""
        try:
            return await self._ask(frames.close_frame(), "state")
        finally:
            await self.disconnect()
