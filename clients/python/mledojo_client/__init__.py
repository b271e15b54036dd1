"""A small client for MLEDojo's gateway: HTTP episodes (HttpEnv) and OpenEnv's WebSocket frames (WsEnv)."""
from . import frames
from .errors import (DojoAuthError, DojoBadRequestError, DojoCapacityError, DojoError, DojoExecutionError,
                     DojoNotFoundError, DojoServerError, DojoTransportError, error_from_frame, error_from_http)
from .frames import execute_code, get_history, new_request_id, request_info, validate_code
from .http_env import HttpEnv
from .ws_env import WsEnv, ws_url

__all__ = ["HttpEnv", "WsEnv", "ws_url", "frames", "execute_code", "get_history", "new_request_id",
           "request_info", "validate_code", "DojoError", "DojoTransportError", "DojoServerError",
           "DojoBadRequestError", "DojoAuthError", "DojoNotFoundError", "DojoCapacityError",
           "DojoExecutionError", "error_from_http", "error_from_frame"]
