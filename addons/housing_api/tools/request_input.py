"""What a request sends, read defensively: the body at most MAX_BODY_BYTES however it is
sent (with Content-Length or chunked), JSON of any depth, and text that no field can store
(NUL, lone surrogates). Each ends in a documented 4xx instead of a server error."""

import json

from werkzeug.exceptions import BadRequest
from werkzeug.wsgi import get_input_stream

from odoo.http import request

from odoo.addons.housing_base.tools.text import has_invalid_characters, printable

from .constants import MAX_BODY_BYTES
from .errors import HousingApiError

BODY_KEY = "housing_api.body"


def too_large():
    return HousingApiError(
        413,
        "payload_too_large",
        request.env._("The request body is larger than %(limit)s bytes.", limit=MAX_BODY_BYTES),
        {"limit_bytes": MAX_BODY_BYTES},
    )


def read_body():
    """The request body, read once and never more than MAX_BODY_BYTES + 1 bytes of it:
    werkzeug checks the limit against Content-Length only, a chunked body has none."""
    httprequest = request.httprequest
    environ = httprequest.environ
    if BODY_KEY not in environ:
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            raise too_large()
        # The WSGI environ itself (Odoo's copy leaves out wsgi.input), as odoo.addons.bus.
        stream = get_input_stream(httprequest._HTTPRequest__environ)
        data = stream.read(MAX_BODY_BYTES + 1)
        if len(data) > MAX_BODY_BYTES:
            raise too_large()
        environ[BODY_KEY] = data
    return environ[BODY_KEY]


def parse_json(raw):
    """The JSON value of ``raw`` bytes; ValueError for what is not JSON, also for nesting
    deeper than Python's parser goes (RecursionError) and for numbers too long to read."""
    try:
        return json.loads(raw)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def invalid_texts(value):
    """Paths ('title', 'items[0]', '' for the value itself) of the strings in the JSON
    value ``value``, keys too, that hold characters no field can store. Walks without
    recursion: the value may be as deep as the parser allowed."""
    found = []
    stack = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            if has_invalid_characters(item):
                found.append(path)
        elif isinstance(item, dict):
            for key, child in item.items():
                child_path = f"{path}.{key}" if path else key
                if has_invalid_characters(key):
                    found.append(child_path)
                else:
                    stack.append((child_path, child))
        elif isinstance(item, list):
            stack.extend((f"{path}[{index}]", child) for index, child in enumerate(item))
    return sorted(found)


def invalid_characters_error(paths):
    """The 400 naming the fields (or parameters) that hold characters no field stores."""
    env = request.env
    message = env._("control characters or broken Unicode (such as NUL)")
    return HousingApiError(
        400,
        "validation_error",
        env._(
            "The request holds text that cannot be stored: %(names)s.",
            names=", ".join(printable(path) for path in paths),
        ),
        {"fields": {printable(path): message for path in paths}},
    )


def check_url(args):
    """400 when the path or the query string holds text no field can store."""
    httprequest = request.httprequest
    bad = [
        name
        for name, value in args.items()
        if isinstance(value, str) and has_invalid_characters(value)
    ]
    for name, value in httprequest.args.items(multi=True):
        if has_invalid_characters(name) or has_invalid_characters(value):
            bad.append(name)
    if bad:
        raise invalid_characters_error(sorted(set(bad)))


def check_json2_body():
    """For Odoo's JSON-2 (/json/2/...): a body too deep for the parser, or with text no
    field can store, is a 400 like any other unreadable body (Odoo answers 500)."""
    httprequest = request.httprequest
    if not httprequest.content_length or httprequest.mimetype != "application/json":
        return
    try:
        value = parse_json(httprequest.get_data())
    except ValueError as exc:
        raise BadRequest(f"could not parse the body as json: {exc}") from None
    paths = invalid_texts(value)
    if paths:
        raise BadRequest(
            "could not parse the body as json: control characters or broken Unicode in "
            + ", ".join(printable(path) for path in paths)
        )
