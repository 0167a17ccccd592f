"""The id of an API request, for the client, the error body and the server log."""

import re
import uuid

from odoo.http import request

REQUEST_ID_KEY = "housing_api.request_id"
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def request_id():
    """This request's id: the client's X-Request-Id when it is a sensible one (1-128
    letters, digits and ._:-), else a new one. Sent back on every answer, in error
    bodies and in the log line."""
    environ = request.httprequest.environ
    if REQUEST_ID_KEY not in environ:
        sent = request.httprequest.headers.get("X-Request-Id", "")
        environ[REQUEST_ID_KEY] = sent if REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
    return environ[REQUEST_ID_KEY]
