"""The one error format of the housing API and how exceptions map onto it.

Every error answer of ``/api/housing/v1`` has the body::

    {"error": {"code": "not_found", "message": "...", "details": {...}, "request_id": "..."}}

``code`` is stable (clients branch on it), ``message`` is a human readable text in the
language of the API user, ``details`` is an object (possibly empty).
"""

import logging

from psycopg2 import errors as pg_errors
from werkzeug.exceptions import HTTPException

from odoo.exceptions import (
    AccessDenied,
    AccessError,
    ConcurrencyError,
    LockError,
    MissingError,
    UserError,
)
from odoo.http import SessionExpiredException, request

from odoo.addons.housing_letting.tools import letting

from .request_id import request_id

# Status codes and the stable error codes clients see.
ERROR_CODES = {
    400: ("validation_error", "malformed_json"),
    401: ("unauthorized",),
    403: ("forbidden",),
    404: ("not_found",),
    405: ("method_not_allowed",),
    # And the letting refusal codes of the categories installed (parking not_tenant,
    # housing no_profile, storage property_residents_only, every category
    # already_applied, ...): their rules' (tools/openapi.refusal_codes).
    409: ("conflict", "idempotency_conflict"),
    413: ("payload_too_large",),
    415: ("unsupported_media_type",),
    429: ("rate_limited",),
    500: ("internal_error",),
}
# Database errors that mean "someone else changed or holds the same thing": Odoo retries
# serialisation failures a few times, then they and uniqueness/exclusion violations
# (turned into ValidationError by Odoo) reach the API.
CONFLICT_ERRORS = (
    pg_errors.UniqueViolation,
    pg_errors.ExclusionViolation,
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
    pg_errors.LockNotAvailable,
)


class HousingApiError(Exception):
    """An error the API answers with ``status`` and the stable ``code``."""

    # Logged at INFO by odoo.http: a client error is not a server problem.
    loglevel = logging.INFO

    def __init__(self, status, code, message, details=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}


def _is_conflict(exc):
    """Whether ``exc`` is, or was caused by, a database conflict."""
    while exc is not None:
        if isinstance(exc, (*CONFLICT_ERRORS, LockError, ConcurrencyError)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def error_body(exc, env):
    """(HTTP status, response body, headers) of the API answer to ``exc``."""
    headers = {}
    if isinstance(exc, HousingApiError):
        status, code, message, details = exc.status, exc.code, exc.message, exc.details
    elif isinstance(exc, AccessDenied | SessionExpiredException) or (
        isinstance(exc, HTTPException) and exc.code == 401
    ):
        status, code, details = 401, "unauthorized", {}
        message = env._(
            "Missing or invalid API key: send the header 'Authorization: Bearer <key>'."
        )
        headers["WWW-Authenticate"] = 'Bearer realm="housing"'
    elif isinstance(exc, letting.LettingRefusal):
        # A letting category's rules refuse: the reason code is the error code.
        status, code, message, details = 409, exc.code, exc.args[0], {}
    elif isinstance(exc, AccessError):
        status, code, message, details = 403, "forbidden", exc.args[0], {}
    elif isinstance(exc, MissingError):
        status, code, message, details = 404, "not_found", exc.args[0], {}
    elif _is_conflict(exc):
        status, code, details = 409, "conflict", {}
        message = exc.args[0] if isinstance(exc, UserError) else None
        message = message or env._(
            "The change conflicts with another change made at the same time; try again."
        )
    elif isinstance(exc, UserError):
        status, code, message, details = 400, "validation_error", exc.args[0], {}
    elif isinstance(exc, HTTPException) and exc.code in ERROR_CODES:
        status, code = exc.code, ERROR_CODES[exc.code][0]
        message = {
            404: env._("There is no such resource."),
            405: env._("This method is not allowed on this resource."),
            413: env._("The request body is too large."),
        }.get(exc.code, exc.description)
        details = {}
        if exc.code == 413:
            details["limit_bytes"] = request.httprequest.max_content_length
        if exc.code == 405:
            headers.update(exc.get_headers())
            headers.pop("Content-Type", None)
    else:
        status, code, details = 500, "internal_error", {}
        message = env._("An unexpected error occurred; it has been logged.")
    body = {
        "error": {
            "code": code,
            "message": message,
            "details": details,
            "request_id": request_id() if request else None,
        }
    }
    if status == 429:
        headers["Retry-After"] = str(details.get("retry_after_seconds", 60))
    return status, body, headers
