"""HttpEnv: the gateway's stateful HTTP episodes over urllib."""
import http.client
import json
import socket
import time
import urllib.parse

from . import frames, transport
from .errors import DojoError, DojoTransportError, error_from_http

# 502/503/504 come from proxies and a gateway at capacity: the same request may succeed later.
# 429 is a quota; both are retried after Retry-After when the server sends it.
RETRYABLE_STATUS = frozenset({429, 502, 503, 504})


class HttpEnv:
    """One client for POST /reset, POST /step, GET /state.

    Every step carries a request id, kept across retries of transient failures (connection errors, timeouts,
    429/502/503/504), so a step the server already ran is answered from its record instead of running twice.
    """

    def __init__(self, base_url="http://127.0.0.1:8080", token=None, timeout=600.0, retries=3, backoff=0.5):
        transport.split(base_url)  # a bad URL is refused here, not at the first call
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.episode_id = None

    def _headers(self, has_body):
        headers = {"Accept": "application/json"}
        if has_body:
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        return headers

    def _request_once(self, method, path, body):
        data = None if body is None else json.dumps(body).encode("utf-8")
        connection, prefix = transport.connection(self.base_url, self.timeout)
        try:
            connection.request(method, prefix + path, body=data, headers=self._headers(data is not None))
            response = connection.getresponse()
            status, raw = response.status, response.read().decode("utf-8", "replace")
            retry_after = response.getheader("Retry-After")
        except (http.client.HTTPException, OSError, socket.timeout, TimeoutError) as e:
            raise DojoTransportError(f"{method} {path}: {e}") from e
        finally:
            connection.close()
        if status >= 400:
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = raw
            raise error_from_http(status, parsed, _seconds(retry_after))
        try:
            return json.loads(raw)
        except ValueError as e:
            raise DojoError(f"{method} {path}: the answer is not JSON: {e}") from e

    def request(self, method, path, body=None):
        """One call, retried on transient failures with the very same body (hence the same request id)."""
        attempt = 0
        while True:
            try:
                return self._request_once(method, path, body)
            except DojoTransportError:
                if attempt >= self.retries:
                    raise
                delay = self.backoff * (2 ** attempt)
            except DojoError as e:
                if getattr(e, "status", None) not in RETRYABLE_STATUS or attempt >= self.retries:
                    raise
                delay = e.retry_after if e.retry_after is not None else self.backoff * (2 ** attempt)
            attempt += 1
            time.sleep(delay)

    def health(self):
        return self.request("GET", "/health")

    def reset(self, competition=None, seed=None, episode_id=None, options=None, env="mle"):
        """Start an episode (or resume the one named by episode_id); returns {"episode_id", "observation", ...}."""
        answer = self.request("POST", "/reset", frames.reset_body(competition, env, seed, episode_id, options))
        self.episode_id = answer.get("episode_id")
        return answer

    def step(self, action, request_id=None, episode_id=None):
        """Run one action; returns {"observation", "reward", "done"}."""
        episode = episode_id or self._episode()
        body = frames.step_body(episode, action, request_id or frames.new_request_id())
        return self.request("POST", "/step", body)

    def state(self, episode_id=None):
        episode = episode_id or self._episode()
        return self.request("GET", "/state?episode_id=" + urllib.parse.quote(episode, safe=""))

    def close(self, episode_id=None):
        """End the episode; returns its final state.

        The gateway's HTTP routes have no close yet (OpenEnv's HTTP API has none), so this resumes the episode
        over /ws and sends OpenEnv's close frame there; it needs the websockets package.
        """
        import asyncio

        from .ws_env import WsEnv

        episode = episode_id or self._episode()

        async def close_over_ws():
            ws = WsEnv(self.base_url, token=self.token, timeout=self.timeout)
            await ws.resume(episode)
            return await ws.close()

        return asyncio.run(close_over_ws())

    def _episode(self):
        if not self.episode_id:
            raise DojoError("no episode: call reset first")
        return self.episode_id


def _seconds(value):
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return None
