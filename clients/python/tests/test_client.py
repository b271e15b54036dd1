"""Unit tests for the client's pure parts and HttpEnv's retries, against a local http.server stub."""
import asyncio
import http.server
import json
import os
import socketserver
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from mledojo_client import (DojoAuthError, DojoBadRequestError, DojoCapacityError, DojoError,  # noqa: E402
                            DojoExecutionError, DojoNotFoundError, DojoServerError, DojoTransportError, HttpEnv,
                            WsEnv, error_from_frame, error_from_http, execute_code, frames, request_info, ws_url)
from mledojo_client.ws_env import websockets  # noqa: E402


class FrameTests(unittest.TestCase):
    def test_reset_frame_carries_the_fields_and_leaves_out_absent_ones(self):
        frame = frames.reset_frame("spaceship-titanic", seed=3, episode_id="ep-1", options={"max_steps": 5})
        self.assertEqual(frame, {"type": "reset", "data": {"env": "mle", "competition": "spaceship-titanic", "seed": 3,
                                                           "episode_id": "ep-1", "options": {"max_steps": 5}}})
        self.assertEqual(frames.reset_frame("c")["data"], {"env": "mle", "competition": "c"})

    def test_a_resume_names_only_the_episode(self):
        self.assertEqual(frames.reset_frame(episode_id="ep-1"), {"type": "reset", "data": {"episode_id": "ep-1"}})

    def test_step_frame_is_the_action_with_the_request_id_beside_it(self):
        action = execute_code("print(1)")
        frame = frames.step_frame(action, "r-1")
        self.assertEqual(frame, {"type": "step", "data": {"action_type": "execute_code", "code": "print(1)",
                                                          "request_id": "r-1"}})
        self.assertNotIn("request_id", action, "the caller's action must not be changed")

    def test_step_body_wraps_the_action(self):
        self.assertEqual(frames.step_body("ep", request_info("overview"), "r"),
                         {"episode_id": "ep", "action": {"action_type": "request_info", "info_type": "overview"},
                          "request_id": "r"})

    def test_an_unknown_action_is_refused_before_sending(self):
        with self.assertRaises(ValueError):
            frames.step_frame({"action_type": "teleport"})
        with self.assertRaises(ValueError):
            frames.step_body("ep", "execute_code")

    def test_state_and_close_frames(self):
        self.assertEqual(frames.encode(frames.state_frame()), '{"type":"state"}')
        self.assertEqual(frames.encode(frames.close_frame()), '{"type":"close"}')

    def test_parse_frame_returns_the_data_of_the_expected_type(self):
        self.assertEqual(frames.parse_frame('{"type": "observation", "data": {"done": false}}', "observation"),
                         {"done": False})
        self.assertIsNone(frames.parse_frame('{"type": "state", "data": null}', ("state", "observation")))

    def test_parse_frame_raises_the_error_frame_as_a_typed_error(self):
        text = json.dumps({"type": "error", "data": {"message": "code must be a string", "code": "VALIDATION_ERROR",
                                                     "errors": [{"loc": "$.data.code", "msg": "x"}]}})
        with self.assertRaises(DojoBadRequestError) as caught:
            frames.parse_frame(text, "observation")
        self.assertEqual(caught.exception.code, "VALIDATION_ERROR")
        self.assertEqual(caught.exception.message, "code must be a string")
        self.assertEqual(caught.exception.errors[0]["loc"], "$.data.code")

    def test_parse_frame_refuses_garbage_and_surprises(self):
        for text in ("not json", "[1]", '{"data": 1}'):
            with self.assertRaises(DojoError):
                frames.parse_frame(text, "observation")
        with self.assertRaises(DojoError):
            frames.parse_frame('{"type": "state", "data": {}}', "observation")

    def test_request_ids_are_unique(self):
        self.assertEqual(len({frames.new_request_id() for _ in range(100)}), 100)

    def test_ws_url(self):
        self.assertEqual(ws_url("http://127.0.0.1:8080"), "ws://127.0.0.1:8080/ws")
        self.assertEqual(ws_url("https://dojo.example/env/"), "wss://dojo.example/env/ws")
        self.assertEqual(ws_url("ws://h:1/ws"), "ws://h:1/ws")
        with self.assertRaises(ValueError):
            ws_url("ftp://h")


class ErrorMappingTests(unittest.TestCase):
    def test_http_statuses_map_to_types_and_keep_the_servers_error(self):
        cases = {400: DojoBadRequestError, 401: DojoAuthError, 403: DojoAuthError, 404: DojoNotFoundError,
                 429: DojoCapacityError, 503: DojoCapacityError, 500: DojoExecutionError, 418: DojoServerError}
        for status, cls in cases.items():
            error = error_from_http(status, {"error": f"said {status}"})
            self.assertIs(type(error), cls, status)
            self.assertEqual(error.message, f"said {status}")
            self.assertEqual(error.status, status)
            self.assertIn(f"said {status}", str(error))

    def test_a_body_without_error_still_says_something(self):
        self.assertEqual(error_from_http(502, "<html>bad gateway</html>").message, "<html>bad gateway</html>")
        self.assertEqual(error_from_http(500, None).message, "HTTP 500")

    def test_ws_codes_map_to_types(self):
        cases = {"INVALID_JSON": DojoBadRequestError, "UNKNOWN_TYPE": DojoBadRequestError,
                 "VALIDATION_ERROR": DojoBadRequestError, "SESSION_ERROR": DojoNotFoundError,
                 "CAPACITY_REACHED": DojoCapacityError, "EXECUTION_ERROR": DojoExecutionError,
                 "SOMETHING_NEW": DojoServerError}
        for code, cls in cases.items():
            error = error_from_frame({"message": "m", "code": code})
            self.assertIs(type(error), cls, code)
            self.assertEqual(error.code, code)
        self.assertTrue(issubclass(DojoServerError, DojoError))
        self.assertTrue(issubclass(DojoTransportError, DojoError))


class StubGateway(http.server.BaseHTTPRequestHandler):
    """Answers from a script of (status, body, headers) and records every request it saw."""
    script = []
    seen = []

    def log_message(self, *args):  # keep the test output clean
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        type(self).seen.append({"method": self.command, "path": self.path, "body": body,
                                "authorization": self.headers.get("Authorization")})
        status, answer, headers = type(self).script.pop(0)
        if status is None:  # drop the connection without an answer, as a crashed proxy would
            self.close_connection = True
            self.connection.shutdown(2)
            return
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = _answer
    do_POST = _answer


class HttpEnvTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StubGateway)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def setUp(self):
        StubGateway.script = []
        StubGateway.seen = []

    def env(self, **kwargs):
        env = HttpEnv(self.url, backoff=0.01, timeout=5, **kwargs)
        env.episode_id = "ep-1"
        return env

    def test_a_retried_step_keeps_its_request_id(self):
        observation = {"action_status": "SUCCESS", "steps_taken": 1}
        StubGateway.script = [(503, {"error": "busy"}, {"Retry-After": "0"}), (None, None, None),
                              (200, {"observation": observation, "reward": 0.5, "done": False}, None)]
        answer = self.env().step(execute_code("print(1)"))
        self.assertEqual(answer["reward"], 0.5)
        self.assertEqual(len(StubGateway.seen), 3)
        ids = {seen["body"]["request_id"] for seen in StubGateway.seen}
        self.assertEqual(len(ids), 1, f"every retry must carry the same request id, got {ids}")
        self.assertTrue(all(seen["path"] == "/step" for seen in StubGateway.seen))

    def test_a_caller_given_request_id_is_sent(self):
        StubGateway.script = [(200, {"observation": {}, "reward": None, "done": False}, None)]
        self.env().step(request_info("overview"), request_id="mine-1")
        self.assertEqual(StubGateway.seen[0]["body"]["request_id"], "mine-1")

    def test_a_client_error_is_not_retried_and_keeps_the_servers_message(self):
        StubGateway.script = [(404, {"error": "No episode 'ep-1': reset one first."}, None)]
        with self.assertRaises(DojoNotFoundError) as caught:
            self.env().step(request_info("overview"))
        self.assertEqual(caught.exception.message, "No episode 'ep-1': reset one first.")
        self.assertEqual(len(StubGateway.seen), 1)

    def test_retries_give_up_with_the_last_error(self):
        StubGateway.script = [(503, {"error": "full"}, None)] * 3
        with self.assertRaises(DojoCapacityError):
            self.env(retries=2).step(request_info("overview"))
        self.assertEqual(len(StubGateway.seen), 3)

    def test_the_token_is_sent_as_a_bearer_header_and_only_when_given(self):
        StubGateway.script = [(200, {"episode_id": "e", "observation": {}, "reward": None, "done": False}, None),
                              (200, {"episode_id": "e"}, None)]
        HttpEnv(self.url, token="mlk_user_a_b").reset("spaceship-titanic")
        HttpEnv(self.url).state("e")
        self.assertEqual(StubGateway.seen[0]["authorization"], "Bearer mlk_user_a_b")
        self.assertIsNone(StubGateway.seen[1]["authorization"])

    def test_reset_remembers_the_episode_and_state_quotes_it(self):
        StubGateway.script = [(200, {"episode_id": "a b", "observation": {}, "reward": None, "done": False}, None),
                              (200, {"episode_id": "a b", "status": "running"}, None)]
        env = HttpEnv(self.url)
        env.reset("spaceship-titanic", options={"max_steps": 3})
        self.assertEqual(StubGateway.seen[0]["body"], {"env": "mle", "competition": "spaceship-titanic",
                                                       "options": {"max_steps": 3}})
        env.state()
        self.assertEqual(StubGateway.seen[1]["path"], "/state?episode_id=a%20b")

    def test_an_unreachable_gateway_is_a_transport_error(self):
        env = HttpEnv("http://127.0.0.1:9", retries=1, backoff=0.01, timeout=2)
        env.episode_id = "ep"
        with self.assertRaises(DojoTransportError):
            env.state()

    def test_step_without_an_episode_says_so(self):
        with self.assertRaises(DojoError):
            HttpEnv(self.url).step(request_info("overview"))


class UnixSocketTests(unittest.TestCase):
    """unix:///path.sock URLs: an arena agent script's gateway, a Unix socket bound into its sandbox."""

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.folder.name, "gateway.sock")
        self.url = "unix://" + self.path
        StubGateway.script = []
        StubGateway.seen = []

    def tearDown(self):
        self.folder.cleanup()

    def serve_http(self):
        server = socketserver.ThreadingUnixStreamServer(self.path, StubGateway)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)

    def test_http_goes_over_the_socket_with_the_token_and_request_ids(self):
        self.serve_http()
        StubGateway.script = [(200, {"episode_id": "arena.e1", "observation": {}, "reward": None, "done": False}, None),
                              (503, {"error": "busy"}, {"Retry-After": "0"}),
                              (200, {"observation": {"action_status": "SUCCESS"}, "reward": 0.25, "done": False}, None)]
        env = HttpEnv(self.url, token="mlk_user_a_b", backoff=0.01, timeout=5)
        env.reset(episode_id="arena.e1", competition=None)
        answer = env.step(request_info("overview"))
        self.assertEqual(answer["reward"], 0.25)
        self.assertEqual([seen["path"] for seen in StubGateway.seen], ["/reset", "/step", "/step"])
        self.assertEqual(StubGateway.seen[0]["authorization"], "Bearer mlk_user_a_b")
        self.assertEqual(StubGateway.seen[1]["body"]["request_id"], StubGateway.seen[2]["body"]["request_id"])

    def test_a_socket_nobody_listens_on_is_a_transport_error(self):
        env = HttpEnv(self.url, retries=1, backoff=0.01, timeout=2)
        with self.assertRaises(DojoTransportError):
            env.state("ep")

    def test_malformed_unix_urls_are_refused_at_once(self):
        for url in ("unix://host/x.sock", "unix:relative.sock", "ftp://h/x"):
            with self.assertRaises(ValueError, msg=url):
                HttpEnv(url)
        self.assertEqual(ws_url(self.url), "ws://localhost/ws")

    @unittest.skipIf(websockets is None, "python3-websockets is not installed")
    def test_websocket_frames_go_over_the_socket(self):
        seen = []

        async def gateway(socket, path):
            seen.append((path, socket.request_headers.get("Authorization")))
            async for text in socket:
                frame = json.loads(text)
                seen.append(frame["type"])
                answer = {"episode_id": "arena.e1", "observation": {}, "reward": None, "done": False}
                await socket.send(json.dumps({"type": "observation", "data": answer}))

        async def play():
            async with websockets.unix_serve(gateway, self.path):
                env = WsEnv(self.url, token="mlk_user_a_b", timeout=5)
                await env.reset(episode_id="arena.e1")
                await env.step(request_info("overview"))
                await env.disconnect()

        asyncio.run(play())
        self.assertEqual(seen, [("/ws", "Bearer mlk_user_a_b"), "reset", "step"])


if __name__ == "__main__":
    unittest.main()
