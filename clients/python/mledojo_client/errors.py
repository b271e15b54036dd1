"""Typed errors that keep what the gateway said: the HTTP {"error"} body or the WS error frame."""


class DojoError(Exception):
    """Any failure talking to the gateway."""


class DojoTransportError(DojoError):
    """The gateway could not be reached or the connection dropped; the request may be retried."""


class DojoServerError(DojoError):
    """The gateway answered with an error.

    status: the HTTP status (None over WebSocket); code: OpenEnv's WS error code (None over HTTP);
    message: the server's text; errors: the WS validation error's locations, when given; body: the raw answer.
    """

    def __init__(self, message, status=None, code=None, errors=None, body=None, retry_after=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.errors = errors
        self.body = body
        self.retry_after = retry_after

    def __str__(self):
        where = " ".join(p for p in (str(self.status) if self.status else None, self.code) if p)
        return f"{where}: {self.message}" if where else self.message


class DojoBadRequestError(DojoServerError):
    """400 or a VALIDATION_ERROR / INVALID_JSON / UNKNOWN_TYPE frame: the request itself is wrong."""


class DojoAuthError(DojoServerError):
    """401 (missing or bad API key) or 403 (wrong scope or someone else's resource)."""


class DojoNotFoundError(DojoServerError):
    """404, or a SESSION_ERROR frame: no such episode (or no episode on this connection)."""


class DojoCapacityError(DojoServerError):
    """429 (a key's quota) or 503 / CAPACITY_REACHED (execution queues are full); retry_after when sent."""


class DojoExecutionError(DojoServerError):
    """5xx or EXECUTION_ERROR: the gateway failed to answer."""


_BY_STATUS = {400: DojoBadRequestError, 401: DojoAuthError, 403: DojoAuthError, 404: DojoNotFoundError,
              413: DojoBadRequestError, 429: DojoCapacityError, 503: DojoCapacityError}

_BY_CODE = {"INVALID_JSON": DojoBadRequestError, "UNKNOWN_TYPE": DojoBadRequestError,
            "VALIDATION_ERROR": DojoBadRequestError, "SESSION_ERROR": DojoNotFoundError,
            "CAPACITY_REACHED": DojoCapacityError, "EXECUTION_ERROR": DojoExecutionError,
            "UNAUTHORIZED": DojoAuthError, "FORBIDDEN": DojoAuthError}


def error_from_http(status, body, retry_after=None):
    """The error for an HTTP answer: its {"error": ...} text when the body has one, else the raw body."""
    message = None
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        message = body["error"]
    elif isinstance(body, str) and body.strip():
        message = body.strip()[:500]
    if message is None:
        message = f"HTTP {status}"
    cls = _BY_STATUS.get(status, DojoExecutionError if status >= 500 else DojoServerError)
    return cls(message, status=status, body=body, retry_after=retry_after)


def error_from_frame(data):
    """The error for an OpenEnv error frame's data: {"message", "code", "errors"?}."""
    data = data if isinstance(data, dict) else {}
    code = data.get("code")
    message = data.get("message") or "error frame without a message"
    cls = _BY_CODE.get(code, DojoServerError)
    return cls(message, code=code, errors=data.get("errors"), body=data)
