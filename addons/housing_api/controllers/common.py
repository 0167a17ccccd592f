"""What every endpoint of /api/housing/v1 shares: the route decorator (bearer API key,
integration group, its request and response schemas, idempotency of POSTs, ETags,
request ids), pagination and synchronisation, and lookups that answer 404."""

import datetime
import functools
import hashlib
import json
import re

import pydantic
from werkzeug.http import http_date

from odoo import http
from odoo.fields import Domain
from odoo.http import request

from ..schemas.base import Query, envelopes
from ..tools import rate_limit, sync
from ..tools.constants import (
    API_PREFIX,
    INTEGRATION_GROUP,
    MAX_BODY_BYTES,
    MAX_IDEMPOTENCY_KEY,
    SYNC_OVERLAP_SECONDS,
)
from ..tools.errors import HousingApiError
from ..tools.request_id import request_id
from ..tools.request_input import invalid_characters_error, invalid_texts, parse_json, read_body

NOT_FOUND = {
    "contact": lambda env, value: env._(
        "There is no tenant or applicant with customer number %(value)s.", value=value
    ),
    "rental_object": lambda env, value: env._(
        "There is no rental object with code %(value)s.", value=value
    ),
    "lease": lambda env, value: env._("There is no lease with number %(value)s.", value=value),
    "property": lambda env, value: env._("There is no property with code %(value)s.", value=value),
    "building": lambda env, value: env._("There is no building with code %(value)s.", value=value),
    "residential_area": lambda env, value: env._(
        "There is no residential area with code %(value)s.", value=value
    ),
    "service_request": lambda env, value: env._(
        "There is no service request %(value)s.", value=value
    ),
    "parking_listing": lambda env, value: env._(
        "There is no parking listing %(value)s.", value=value
    ),
    "parking_application": lambda env, value: env._(
        "There is no parking application %(value)s.", value=value
    ),
    "parking_offer": lambda env, value: env._("There is no parking offer %(value)s.", value=value),
    "listing": lambda env, value: env._("There is no listing %(value)s.", value=value),
    "application": lambda env, value: env._("There is no application %(value)s.", value=value),
    "offer": lambda env, value: env._("There is no offer %(value)s.", value=value),
    "viewing_invitation": lambda env, value: env._(
        "There is no invitation to a viewing %(value)s.", value=value
    ),
    "queue_place": lambda env, value: env._(
        "The contact has no place in the queue %(value)s.", value=value
    ),
    "queue": lambda env, value: env._("There is no queue %(value)s.", value=value),
}


def api_route(
    path,
    methods=("GET",),
    *,
    tag,
    response,
    shape="one",
    query=None,
    body=None,
    status=200,
    path_params=None,
    readonly=None,
    deprecated=None,
):
    """Declare the endpoint ``API_PREFIX + path`` and its contract.

    ``query`` (a schemas.base.Query) validates the query string and ``body`` (a
    schemas.base.RequestBody) the JSON body; the endpoint gets them as ``query`` and
    ``body``, and the path parameters by name. It returns the response body (a dict) or
    ``(status, body)``, which is checked against and serialised by ``response`` (a
    schemas.base.Resource) in ``shape``: "one" ({"data": resource}), "list" ({"data":
    [...]}) or "page" (a list page or a sync page). Errors are raised and answered in the
    API's error format by ir.http, after the transaction has been rolled back. POSTs
    honour the ``Idempotency-Key`` header; single-resource GETs answer ETag and 304.
    ``deprecated``: {"sunset": "YYYY-MM-DD", "successor": the path (within the API, with
    this route's path parameters as {name}, e.g. "/listings/{listing_id}") of what
    replaces it, "link": optionally a page about the deprecation}, marked deprecated in
    the document and answered with the headers Deprecation, Sunset and Link (see
    readme/API_POLICY.md). The OpenAPI document is generated from OPERATIONS.
    """
    methods = list(methods)
    query = query or NoQuery

    def decorator(func):
        OPERATIONS.append(
            {
                # The addon declaring it: a bridge module's operations are in the API (and
                # its document) where that module is installed.
                "module": func.__module__.split(".")[2],
                "path": path,
                "method": methods[0].lower(),
                "operation_id": func.__name__.removeprefix("housing_api_"),
                "summary": (func.__doc__ or "").strip(),
                "tag": tag,
                "query": query,
                "body": body,
                "response": response,
                "shape": shape,
                "status": status,
                "path_params": path_params or {},
                "deprecated": deprecated,
            }
        )

        def endpoint(self, **kwargs):
            env = request.env
            path_args = {name: kwargs.pop(name) for name in _path_names(path)}
            headers = _deprecation_headers(deprecated, path_args)
            # An error answer of a deprecated operation says so too (ir.http).
            request.housing_api_headers = list(headers)
            if not env.user.has_group(INTEGRATION_GROUP):
                raise HousingApiError(
                    403,
                    "forbidden",
                    env._("This API key's user is not a housing integration user."),
                )
            rate_limit.check(env)
            arguments = dict(path_args)
            checked = validate(query, kwargs, "query")
            if query is not NoQuery:
                arguments["query"] = checked
            if body is not None:
                arguments["body"] = validate(body, json_body(), "body")
            key = request.httprequest.headers.get("Idempotency-Key")
            if request.httprequest.method == "POST" and key is not None:
                result_status, result, replayed = env["housing.api.idempotency"]._run_once(
                    _idempotency_key(key),
                    _request_hash(),
                    lambda: _serialise(response, shape, _status_body(func(self, **arguments))),
                )
                if replayed:
                    headers.append(("Idempotency-Replayed", "true"))
                return json_response(result, result_status, headers)
            result_status, result = _serialise(
                response, shape, _status_body(func(self, **arguments))
            )
            if request.httprequest.method == "GET" and shape == "one":
                return _with_etag(result, headers)
            return json_response(result, result_status, headers)

        # Not functools.wraps: Odoo passes an endpoint only the parameters its signature
        # names (it follows __wrapped__), and every parameter is the query schema's to check.
        functools.update_wrapper(endpoint, func, updated=())
        del endpoint.__wrapped__
        return http.route(
            API_PREFIX + path,
            type="http",
            auth="bearer",
            methods=methods,
            csrf=False,
            save_session=False,
            readonly=methods == ["GET"] if readonly is None else readonly,
            max_content_length=MAX_BODY_BYTES,
        )(endpoint)

    return decorator


# Every endpoint declared with api_route, in declaration order (tools/openapi.py), by
# housing_api and the bridge modules that add endpoints to /api/housing/v1.
OPERATIONS = []


def installed_operations(env):
    """The operations of the modules installed in ``env``'s database."""
    return [op for op in OPERATIONS if op["module"] in env.registry._init_modules]


class NoQuery(Query):
    """An endpoint without query parameters refuses any."""


def _path_names(path):
    return re.findall(r"<(?:\w+:)?(\w+)>", path)


def _status_body(result):
    return result if isinstance(result, tuple) else (200, result)


def _serialise(resource, shape, status_body):
    """(status, body) with the body checked against and dumped by its schema."""
    result_status, result = status_body
    envelope = envelopes(resource)
    model = envelope["sync" if shape == "page" and "tombstones" in result else shape]
    if shape == "page" and "tombstones" not in result:
        model = envelope["page"]
    dumped = model.model_validate(result).model_dump(mode="json", exclude_unset=True)
    return result_status, dumped


def json_response(body, status=200, headers=()):
    headers = [*headers, ("X-Request-Id", request_id())]
    return request.make_json_response(body, headers=headers, status=status)


def _with_etag(body, headers):
    """A single resource: its ETag, and 304 without a body when the client has it."""
    raw = json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
    tag = hashlib.sha256(raw).hexdigest()[:32]
    headers = [*headers, ("ETag", f'"{tag}"'), ("X-Request-Id", request_id())]
    if request.httprequest.if_none_match.contains(tag):
        return request.make_response(b"", headers=headers, status=304)
    return request.make_json_response(body, headers=headers)


def _deprecation_headers(deprecated, path_args):
    if not deprecated:
        return []
    headers = [("Deprecation", "true")]
    if deprecated.get("sunset"):
        sunset = datetime.date.fromisoformat(deprecated["sunset"])
        # An HTTP date is English whatever the server's locale (strftime's %a/%b are not).
        headers.append(("Sunset", http_date(sunset)))
    if deprecated.get("link"):
        headers.append(("Link", f'<{deprecated["link"]}>; rel="deprecation"'))
    if deprecated.get("successor"):
        successor = API_PREFIX + deprecated["successor"].format(**path_args)
        headers.append(("Link", f'<{successor}>; rel="successor-version"'))
    return headers


def _idempotency_key(key):
    key = key.strip()
    if not 1 <= len(key) <= MAX_IDEMPOTENCY_KEY:
        raise HousingApiError(
            400,
            "validation_error",
            request.env._(
                "Idempotency-Key must be 1 to %(max)s characters.", max=MAX_IDEMPOTENCY_KEY
            ),
            {"fields": {"Idempotency-Key": key[:MAX_IDEMPOTENCY_KEY]}},
        )
    return key


def _request_hash():
    httprequest = request.httprequest
    digest = hashlib.sha256()
    for part in (httprequest.method, httprequest.full_path, read_body()):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def json_body():
    """The request's JSON value (the body schema checks its shape)."""
    env = request.env
    raw = read_body()
    if request.httprequest.mimetype != "application/json":
        raise HousingApiError(
            415,
            "unsupported_media_type",
            env._("Send the body as JSON with the header 'Content-Type: application/json'."),
        )
    try:
        body = parse_json(raw or b"null")
    except ValueError as exc:
        raise HousingApiError(
            400,
            "malformed_json",
            env._("The request body is not valid JSON: %(error)s", error=str(exc)),
        ) from None
    invalid = invalid_texts(body)
    if invalid:
        raise invalid_characters_error(invalid)
    return body


def validate(schema, data, where):
    """``data`` checked against ``schema`` (selection values against the models), or a
    400 naming each wrong field."""
    env = request.env
    if where == "body" and not isinstance(data, dict):
        raise HousingApiError(
            400, "malformed_json", env._("The request body must be a JSON object.")
        )
    try:
        return schema.model_validate(data, context={"env": env})
    except pydantic.ValidationError as exc:
        fields = {}
        for error in exc.errors(include_url=False, include_input=False):
            name = ".".join(str(part) for part in error["loc"]) or "(body)"
            fields[name] = _error_text(env, error, where)
        if where == "body":
            message = env._("The request body has invalid fields.")
        else:
            message = env._("Invalid query parameters: %(names)s.", names=", ".join(sorted(fields)))
        details = {"fields": fields}
        if where == "query":
            details["allowed"] = sorted(schema.model_fields)
        raise HousingApiError(400, "validation_error", message, details) from None


def _error_text(env, error, where):
    """A translated text for one pydantic error."""
    kind, ctx = error["type"], error.get("ctx") or {}
    type_names = {
        "string_type": "string",
        "int_type": "integer",
        "bool_type": "boolean",
        "float_type": "number",
        "list_type": "array",
        "dict_type": "object",
        "model_type": "object",
        "model_attributes_type": "object",
    }
    if kind in type_names:
        return env._("wrong type: expected %(type)s", type=type_names[kind])
    texts = {
        "missing": lambda: env._("required"),
        "extra_forbidden": lambda: (
            env._("unknown parameter") if where == "query" else env._("unknown field")
        ),
        "string_too_short": lambda: env._("must not be empty"),
        "string_pattern_mismatch": lambda: env._("must not be blank"),
        "string_too_long": lambda: env._(
            "at most %(count)s characters", count=ctx.get("max_length")
        ),
        "greater_than_equal": lambda: env._("at least %(min)s", min=ctx.get("ge")),
        "less_than_equal": lambda: env._("at most %(max)s", max=ctx.get("le")),
        "int_parsing": lambda: env._("must be a whole number"),
        "int_from_float": lambda: env._("must be a whole number"),
        "literal_error": lambda: env._("must be one of: %(choices)s", choices=ctx.get("expected")),
        "selection": lambda: env._("must be one of: %(choices)s", choices=ctx.get("choices")),
        "one_of": lambda: env._(
            "give either %(first)s or %(second)s", first=ctx.get("first"), second=ctx.get("second")
        ),
        "datetime_iso": lambda: env._(
            "must be an ISO 8601 date or time, e.g. 2026-01-31T12:00:00Z"
        ),
    }
    return texts[kind]() if kind in texts else error["msg"]


def search_page(model, query, domain=(), filters=None, order=None, values=None):
    """One page of ``model`` records in ``domain``, for a list endpoint.

    ``query`` is the endpoint's validated schemas.base.PageQuery (or BrowseQuery, pages
    by limit and offset only); ``filters`` maps its filter fields to functions value ->
    Domain, applied when given. Browsing pages by ``limit`` and ``offset`` (in ``order``),
    or synchronising: ``modified_since`` to begin, then the ``cursor`` each page returns
    (see _sync_page). ``values`` (records -> list of dicts) gives the resources,
    ``_housing_api_values`` by default.

    Returns the response body {"data": [...], "pagination": {...}} (and "tombstones"
    when synchronising)."""
    given = {name: getattr(query, name) for name in filters or {}}
    given = {name: value for name, value in given.items() if value is not None}
    domain = Domain(domain)
    for name, value in given.items():
        domain &= filters[name](value)
    if getattr(query, "cursor", None) is not None or getattr(query, "modified_since", None):
        return _sync_page(model, domain, query, given, values)
    offset = query.offset or 0
    total = model.search_count(domain)
    records = model.search(domain, limit=query.limit, offset=offset, order=order or "id")
    return {
        "data": values(records) if values else records._housing_api_values(),
        "pagination": {
            "limit": query.limit,
            "offset": offset,
            "total": total,
            "next_offset": offset + query.limit if offset + query.limit < total else None,
        },
    }


def _sync_page(model, domain, query, filter_values, values=None):
    """A page of an incremental sync: the records changed after the position, oldest
    change first ((write_date, id) keyset, so a record changing between pages moves
    behind the position instead of pushing another one out of the page), and the
    tombstones of records deleted or archived since. ``next_cursor`` is always given:
    follow it while ``has_more``; keep the last one and start the next sync with it
    (it reads again SYNC_OVERLAP_SECONDS before where it stopped)."""
    env = request.env
    limit = query.limit
    if (query.cursor is not None and query.modified_since is not None) or query.offset:
        names = [name for name in ("cursor", "offset") if getattr(query, name) is not None]
        raise HousingApiError(
            400,
            "validation_error",
            env._("Synchronise with modified_since to begin, then with cursor alone."),
            {"fields": {name: str(getattr(query, name)) for name in names}},
        )
    digest = sync.filters_digest({name: str(value) for name, value in filter_values.items()})
    now = env.cr.now().replace(tzinfo=None)
    if query.cursor is not None:
        try:
            cursor = sync.decode(query.cursor)
        except ValueError:
            cursor = None
        if cursor is None or cursor["filters"] != digest:
            raise HousingApiError(
                400,
                "validation_error",
                env._(
                    "cursor is not a cursor this endpoint returned for these filters; "
                    "begin again with modified_since."
                ),
                {"fields": {"cursor": query.cursor}},
            )
        records_from, tombstones_from = sync.start(
            cursor, datetime.timedelta(seconds=SYNC_OVERLAP_SECONDS)
        )
        started = cursor["started"] if cursor["more"] else now
    else:
        records_from = tombstones_from = (query.modified_since, 0)
        started = now
    records = model.search(
        domain & _after("write_date", records_from), limit=limit + 1, order="write_date, id"
    )
    Tombstone = env["housing.api.tombstone"].sudo()
    tombstones = Tombstone.search(
        Domain("res_model", "=", model._name) & _after("create_date", tombstones_from),
        limit=limit + 1,
        order="create_date, id",
    )
    more = len(records) > limit or len(tombstones) > limit
    records, tombstones = records[:limit], tombstones[:limit]
    next_cursor = {
        "more": more,
        "started": started,
        "records": (records[-1].write_date, records[-1].id) if records else records_from,
        "tombstones": (tombstones[-1].create_date, tombstones[-1].id)
        if tombstones
        else tombstones_from,
        "filters": digest,
    }
    return {
        "data": values(records) if values else records._housing_api_values(),
        "tombstones": tombstones._housing_api_values(),
        "pagination": {"limit": limit, "has_more": more, "next_cursor": sync.encode(next_cursor)},
    }


def _after(field, position):
    """Records after ``position`` (time, id) in (field, id) order."""
    moment, record_id = position
    return Domain(field, ">", moment) | (Domain(field, "=", moment) & Domain("id", ">", record_id))


def find_one(model, field, value, resource, domain=()):
    """The record of ``model`` (within ``domain``) whose ``field`` is ``value``, or a 404
    naming it."""
    record = model.search(Domain(domain) & Domain(field, "=", value), limit=1)
    if not record:
        raise not_found(resource, field, value)
    return record


def not_found(resource, field, value):
    """The 404 naming the ``resource`` whose ``field`` is ``value`` (NOT_FOUND)."""
    return HousingApiError(
        404,
        "not_found",
        NOT_FOUND[resource](request.env, value),
        {"resource": resource, field: value},
    )
