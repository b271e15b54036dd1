"""Pure builders and parsers for the gateway's JSON: no I/O, so they are unit-tested alone."""
import json
import uuid

from .errors import DojoError, error_from_frame

ACTION_TYPES = ("request_info", "validate_code", "execute_code", "get_history")


def new_request_id():
    """A fresh id for one logical step; retries of that step reuse it so the server runs the action once."""
    return "py-" + uuid.uuid4().hex


def request_info(info_type="overview"):
    return {"action_type": "request_info", "info_type": info_type}


def validate_code(code):
    return {"action_type": "validate_code", "code": code}


def execute_code(code):
    return {"action_type": "execute_code", "code": code}


def get_history():
    return {"action_type": "get_history"}


def reset_body(competition, env="mle", seed=None, episode_id=None, options=None):
    """POST /reset's body and the WS reset frame's data; absent fields are left out rather than sent as null."""
    # A resume names only the episode; env rides with the competition it selects.
    body = {}
    if competition is not None:
        body["env"] = env
        body["competition"] = competition
    if seed is not None:
        body["seed"] = seed
    if episode_id is not None:
        body["episode_id"] = episode_id
    if options:
        body["options"] = dict(options)
    return body


def _check_action(action):
    if not isinstance(action, dict) or action.get("action_type") not in ACTION_TYPES:
        raise ValueError(f"an action is a dict whose action_type is one of {ACTION_TYPES}; got {action!r}")


def step_body(episode_id, action, request_id=None):
    """POST /step's body."""
    _check_action(action)
    body = {"episode_id": episode_id, "action": action}
    if request_id is not None:
        body["request_id"] = request_id
    return body


def reset_frame(competition=None, env="mle", seed=None, episode_id=None, options=None):
    return {"type": "reset", "data": reset_body(competition, env, seed, episode_id, options)}


def step_frame(action, request_id=None):
    """OpenEnv's step data is the action itself; request_id rides beside its fields."""
    _check_action(action)
    data = dict(action)
    if request_id is not None:
        data["request_id"] = request_id
    return {"type": "step", "data": data}


def state_frame():
    return {"type": "state"}


def close_frame():
    return {"type": "close"}


def encode(frame):
    return json.dumps(frame, separators=(",", ":"))


def parse_frame(text, expect):
    """Decode a WS answer: its data when the type is one of `expect`; an error frame raises its typed error."""
    try:
        frame = json.loads(text)
    except (TypeError, ValueError) as e:
        raise DojoError(f"the gateway sent a frame that is not JSON: {e}") from e
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise DojoError(f"the gateway sent a frame without a type: {text[:200]!r}")
    kind = frame["type"]
    if kind == "error":
        raise error_from_frame(frame.get("data"))
    expected = (expect,) if isinstance(expect, str) else tuple(expect)
    if kind not in expected:
        raise DojoError(f"expected a {'/'.join(expected)} frame, got {kind!r}")
    return frame.get("data")
