"""What every endpoint of /api/housing/v1 shares: the route decorator (bearer API key,
integration group, JSON answers, idempotency of POSTs), reading the JSON body and the
query string, pagination and lookups that answer 404."""

import datetime
import functools
import hashlib

from odoo import http
from odoo.fields import Domain
from odoo.http import request

from ..tools import sync
from ..tools.constants import (
    API_PREFIX,
    DEFAULT_LIMIT,
    INTEGRATION_GROUP,
    MAX_BODY_BYTES,
    MAX_LIMIT,
    MAX_OFFSET,
    SYNC_OVERLAP_SECONDS,
)
from ..tools.errors import HousingApiError
from ..tools.formatting import parse_datetime
from ..tools.request_input import invalid_characters_error, invalid_texts, parse_json, read_body

PAGE_PARAMS = {"limit", "offset", "modified_since", "cursor"}
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
}


def api_route(path, methods=("GET",), readonly=None):
    """Declare an endpoint ``API_PREFIX + path``.

    The endpoint returns the response body (a dict) or ``(body, status)``. Errors are
    raised (HousingApiError, UserError, AccessError, ...) and answered in the API's error
    format by ir.http, after the transaction has been rolled back. POSTs honour the
    ``Idempotency-Key`` header.
    """
    methods = list(methods)

    def decorator(func):
        @functools.wraps(func)
        def endpoint(self, *args, **kwargs):
            if not request.env.user.has_group(INTEGRATION_GROUP):
                raise HousingApiError(
                    403,
                    "forbidden",
                    request.env._("This API key's user is not a housing integration user."),
                )
            key = request.httprequest.headers.get("Idempotency-Key")
            if request.httprequest.method == "POST" and key is not None:
                status, body, replayed = request.env["housing.api.idempotency"]._run_once(
                    key.strip(), _request_hash(), lambda: _status_body(func(self, *args, **kwargs))
                )
                headers = [("Idempotency-Replayed", "true")] if replayed else []
                return request.make_json_response(body, headers=headers, status=status)
            status, body = _status_body(func(self, *args, **kwargs))
            return request.make_json_response(body, status=status)

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


def _status_body(result):
    return result if isinstance(result, tuple) else (200, result)


def _request_hash():
    httprequest = request.httprequest
    digest = hashlib.sha256()
    for part in (httprequest.method, httprequest.full_path, read_body()):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def json_body(fields_spec):
    """The request's JSON object, checked against ``fields_spec``:
    {name: (python type or tuple of types, required)}. Unknown, missing and mistyped
    fields are a 400 validation_error naming them."""
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
    if not isinstance(body, dict):
        raise HousingApiError(
            400, "malformed_json", env._("The request body must be a JSON object.")
        )
    invalid = invalid_texts(body)
    if invalid:
        raise invalid_characters_error(invalid)
    errors = {}
    for name in body.keys() - fields_spec.keys():
        errors[name] = env._("unknown field")
    for name, (types, required) in fields_spec.items():
        if body.get(name) is None:
            if required:
                errors[name] = env._("required")
        elif not isinstance(body[name], types) or (
            isinstance(body[name], bool) and bool not in _as_tuple(types)
        ):
            errors[name] = env._("wrong type: expected %(type)s", type=_type_names(types))
    if errors:
        raise HousingApiError(
            400,
            "validation_error",
            env._("The request body has invalid fields."),
            {"fields": errors},
        )
    return body


def _as_tuple(types):
    return types if isinstance(types, tuple) else (types,)


def _type_names(types):
    names = {str: "string", bool: "boolean", int: "integer", float: "number", list: "array"}
    return " or ".join(names.get(t, t.__name__) for t in _as_tuple(types))


def query_params(params, allowed):
    """Refuse query parameters the endpoint does not know (typos would silently
    return everything otherwise)."""
    unknown = set(params) - set(allowed)
    if unknown:
        raise HousingApiError(
            400,
            "validation_error",
            request.env._("Unknown query parameters: %(names)s.", names=", ".join(sorted(unknown))),
            {"allowed": sorted(allowed)},
        )
    return params


def _int_param(params, name, default, minimum, maximum):
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not minimum <= number <= maximum:
        raise HousingApiError(
            400,
            "validation_error",
            request.env._(
                "%(name)s must be a whole number from %(min)s to %(max)s.",
                name=name,
                min=minimum,
                max=maximum,
            ),
            {"fields": {name: value}},
        )
    return number


def search_page(model, params, domain=(), filters=None, order=None):
    """One page of ``model`` records in ``domain``, for a list endpoint.

    ``filters`` maps the endpoint's filter parameters to functions value -> Domain. The
    paging parameters are ``limit`` (1-200, default 50) and ``offset`` for browsing, or,
    for incremental synchronisation, ``modified_since`` (ISO 8601) to begin and then the
    ``cursor`` each page returns (see _sync_page); any other query parameter is refused.

    Returns the response body {"data": [...], "pagination": {...}} (and "tombstones"
    when synchronising)."""
    filters = filters or {}
    query_params(params, PAGE_PARAMS | filters.keys())
    empty = sorted(name for name, value in params.items() if value == "")
    if empty:
        raise HousingApiError(
            400,
            "validation_error",
            request.env._("Query parameters must not be empty: %(names)s.", names=", ".join(empty)),
            {"fields": dict.fromkeys(empty, request.env._("empty"))},
        )
    domain = Domain(domain)
    for name, to_domain in filters.items():
        if name in params:
            domain &= to_domain(params[name])
    limit = _int_param(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    if "cursor" in params or "modified_since" in params:
        return _sync_page(model, domain, params, limit, filters.keys())
    offset = _int_param(params, "offset", 0, 0, MAX_OFFSET)
    total = model.search_count(domain)
    records = model.search(domain, limit=limit, offset=offset, order=order or "id")
    return {
        "data": records._housing_api_values(),
        "pagination": {
            "limit": limit,
            "offset": offset,
            "total": total,
            "next_offset": offset + limit if offset + limit < total else None,
        },
    }


def _sync_page(model, domain, params, limit, filter_names):
    """A page of an incremental sync: the records changed after the position, oldest
    change first ((write_date, id) keyset, so a record changing between pages moves
    behind the position instead of pushing another one out of the page), and the
    tombstones of records deleted or archived since. ``next_cursor`` is always given:
    follow it while ``has_more``; keep the last one and start the next sync with it
    (it reads again SYNC_OVERLAP_SECONDS before where it stopped)."""
    env = request.env
    if ("cursor" in params and "modified_since" in params) or "offset" in params:
        raise HousingApiError(
            400,
            "validation_error",
            env._("Synchronise with modified_since to begin, then with cursor alone."),
            {"fields": {name: params[name] for name in ("cursor", "offset") if name in params}},
        )
    digest = sync.filters_digest({name: params[name] for name in filter_names if name in params})
    now = env.cr.now().replace(tzinfo=None)
    if "cursor" in params:
        try:
            cursor = sync.decode(params["cursor"])
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
                {"fields": {"cursor": params["cursor"]}},
            )
        records_from, tombstones_from = sync.start(
            cursor, datetime.timedelta(seconds=SYNC_OVERLAP_SECONDS)
        )
        started = cursor["started"] if cursor["more"] else now
    else:
        since = _datetime_param(params, "modified_since")
        records_from = tombstones_from = (since, 0)
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
        "data": records._housing_api_values(),
        "tombstones": tombstones._housing_api_values(),
        "pagination": {"limit": limit, "has_more": more, "next_cursor": sync.encode(next_cursor)},
    }


def _after(field, position):
    """Records after ``position`` (time, id) in (field, id) order."""
    moment, record_id = position
    return Domain(field, ">", moment) | (Domain(field, "=", moment) & Domain("id", ">", record_id))


def _datetime_param(params, name):
    try:
        return parse_datetime(params[name])
    except ValueError:
        raise HousingApiError(
            400,
            "validation_error",
            request.env._(
                "%(name)s must be an ISO 8601 date or time, e.g. 2026-01-31T12:00:00Z.",
                name=name,
            ),
            {"fields": {name: params[name]}},
        ) from None


def check_selection(model, field_name, value, param):
    """``value`` (of the parameter or body field ``param``) if it is one of the selection
    values of ``model.field_name`` or None, else a 400 listing the allowed values."""
    choices = [key for key, _label in model._fields[field_name]._description_selection(model.env)]
    if value is not None and value not in choices:
        raise HousingApiError(
            400,
            "validation_error",
            request.env._(
                "%(param)s must be one of: %(choices)s.", param=param, choices=", ".join(choices)
            ),
            {"fields": {param: value}, "allowed": choices},
        )
    return value


def find_one(model, field, value, resource, domain=()):
    """The record of ``model`` (within ``domain``) whose ``field`` is ``value``, or a 404
    naming it."""
    record = model.search(Domain(domain) & Domain(field, "=", value), limit=1)
    if not record:
        raise HousingApiError(
            404,
            "not_found",
            NOT_FOUND[resource](request.env, value),
            {"resource": resource, field: value},
        )
    return record
