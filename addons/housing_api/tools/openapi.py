"""The OpenAPI 3.1 document of /api/housing/v1, served at /api/housing/v1/openapi.json.

Generated from the operations the controllers declare with ``api_route`` (path, method,
query, body and response schemas, status, docstring) and from the pydantic schemas in
housing_api/schemas: the document cannot say something the server does not check.
tests/test_openapi.py compares its paths and methods with the routes Odoo registers, both
ways. The values of selection fields (types, states, ...) are read from the models.
"""

import re

from pydantic.json_schema import models_json_schema

from odoo.addons.housing_letting.models.housing_letting_rules import RULES_MODEL

from ..schemas.base import SELECTION_KEY, Error, envelopes
from .constants import (
    API_PREFIX,
    MAX_BODY_BYTES,
    MAX_IDEMPOTENCY_KEY,
    SYNC_OVERLAP_SECONDS,
)
from .errors import ERROR_CODES as API_ERROR_CODES

VERSION = "1.3.0"
GET_ERRORS = (400, 401, 403, 404, 429)
POST_ERRORS = (400, 401, 403, 404, 409, 413, 415, 429)
ERROR_DESCRIPTIONS = {
    400: "validation_error or malformed_json: the request is invalid (details.fields "
    "names each wrong field or parameter).",
    401: "unauthorized: missing or invalid API key.",
    403: "forbidden: the key's user may not do this (not an integration user).",
    404: "not_found: no such resource (or not the named contact's).",
    409: "conflict (concurrent change, uniqueness), idempotency_conflict (key reused with "
    "another request) or a letting refusal code of the queue's category:",
    413: f"payload_too_large: body over {MAX_BODY_BYTES} bytes (however it is sent).",
    415: "unsupported_media_type: the body is not application/json.",
    429: "rate_limited: too many requests for this API key; wait Retry-After seconds.",
}
# Routes under the prefix that are not api_route operations.
META_PATHS = {
    "/openapi.json": {
        "get": {
            "operationId": "openapi_document",
            "summary": "This document.",
            "tags": ["Meta"],
            "security": [],
            "parameters": [],
            "responses": {"200": {"description": "The OpenAPI 3.1 document."}},
        }
    },
    "/docs": {
        "get": {
            "operationId": "api_reference",
            "summary": "The interactive API reference (Swagger UI) of this document.",
            "tags": ["Meta"],
            "security": [],
            "parameters": [],
            "responses": {"200": {"description": "An HTML page.", "content": {"text/html": {}}}},
        }
    },
}
DESCRIPTION = f"""Purpose-built endpoints of the housing suite for integrators.

**Authentication**: an Odoo API key of a user in the Housing integration group,
`Authorization: Bearer <key>`. Name the database too, `X-Odoo-Database: <name>`: without
it Odoo lists the server's databases on every call.

**Requests**: bodies are JSON objects of at most {MAX_BODY_BYTES // 1024} KiB (however they
are sent, chunked too), with exactly the documented fields and JSON types. Text may not
hold control characters or broken Unicode. POSTs accept an `Idempotency-Key` header (1-
{MAX_IDEMPOTENCY_KEY} characters): a repeated call with the same key and body gets the first
answer again (header `Idempotency-Replayed: true`) instead of acting twice.

**Errors**: every error has the body `{{"error": {{"code", "message", "details",
"request_id"}}}}` with a stable `code`; nothing under this prefix answers 5xx for what a
client sends.

**Request ids**: every answer carries `X-Request-Id` (yours, if you send one of 1-128
letters, digits and `._:-`); quote it when you report a problem.

**Caching**: single resources carry an `ETag`; send it back as `If-None-Match` to get
`304 Not Modified` when nothing changed.

**Synchronisation**: list endpoints page by `limit`/`offset` for browsing. To synchronise,
begin with `modified_since` (e.g. 1970-01-01T00:00:00Z for everything) and follow
`pagination.next_cursor` while `pagination.has_more`; pages are in (change time, id) order,
so nothing is skipped when records change meanwhile. Keep the last cursor and start the
next sync with it: it reads again from {SYNC_OVERLAP_SECONDS} seconds before where the last
sync stopped and before it began, so a change that committed late is not missed; upsert
by `id`. `tombstones` lists records deleted or archived since (apply them before the page's
`data`).

**Versioning**: within v1 fields, endpoints, optional parameters and enum values may be
added; nothing is removed or changes meaning. What is to go is marked `deprecated` here and
answered with `Deprecation` and `Sunset` headers for at least six months first.

**Rate limits**: the reverse proxy limits requests per client; an API key over its
configured limit gets 429 with `Retry-After`.
"""


def _operation(op, env):
    path_names = re.findall(r"<(?:(\w+):)?(\w+)>", op["path"])
    parameters = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "description": op["path_params"].get(name, ""),
            "schema": {"type": "integer"} if converter == "int" else {"type": "string"},
        }
        for converter, name in path_names
    ]
    query_schema = op["query"].model_json_schema()
    for name, field in op["query"].model_fields.items():
        schema = _clean(query_schema["properties"][name])
        description = schema.pop("description", "")
        schema = _parameter_schema(schema)
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": field.is_required(),
                "description": description or schema.pop("description", ""),
                "schema": schema,
            }
        )
    parameters.append({"$ref": "#/components/parameters/request_id"})
    operation = {
        "operationId": op["operation_id"],
        "summary": _first_sentence(op["summary"]),
        "description": " ".join(op["summary"].split()),
        "tags": [op["tag"]],
        "parameters": parameters,
        "responses": {str(op["status"]): _success(op)},
    }
    if op["method"] in ("post", "put"):
        if op["method"] == "post":
            parameters.append({"$ref": "#/components/parameters/idempotency_key"})
        if op["body"]:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _ref(op["body"].__name__)}},
            }
        errors = POST_ERRORS
    else:
        errors = GET_ERRORS
        if op["shape"] == "one":
            parameters.append({"$ref": "#/components/parameters/if_none_match"})
            operation["responses"]["304"] = {
                "description": "Not modified: the ETag sent in If-None-Match is current.",
                "headers": _headers("X-Request-Id", "ETag"),
            }
    for status in errors:
        operation["responses"][str(status)] = {"$ref": f"#/components/responses/error{status}"}
    if op["deprecated"]:
        operation["deprecated"] = True
        operation["description"] += " " + _deprecation_note(op)
    return operation


def _deprecation_note(op):
    deprecated = op["deprecated"]
    note = f"Deprecated: use {op['method'].upper()} {deprecated['successor']} instead"
    if deprecated.get("sunset"):
        note += f" (this operation is withdrawn after {deprecated['sunset']})"
    return note + "."


def _success(op):
    envelope = envelopes(op["response"])
    if op["shape"] == "page":
        schema = {"oneOf": [_ref(envelope["page"].__name__), _ref(envelope["sync"].__name__)]}
    else:
        schema = _ref(envelope[op["shape"]].__name__)
    headers = ("X-Request-Id", "ETag") if op["shape"] == "one" and op["method"] == "get" else ()
    return {
        "description": "The resource." if op["shape"] == "one" else "The resources.",
        "headers": _headers("X-Request-Id", *headers[1:]),
        "content": {"application/json": {"schema": schema}},
    }


def _headers(*names):
    descriptions = {
        "X-Request-Id": "This request's id (the client's, if it sent one).",
        "ETag": "The resource's version; send it back in If-None-Match.",
        "Retry-After": "Seconds to wait before the next request.",
    }
    return {
        name: {"description": descriptions[name], "schema": {"type": "string"}} for name in names
    }


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _first_sentence(text):
    text = " ".join(text.split())
    return text.split(". ")[0].rstrip(".") + "." if text else ""


def _clean(schema):
    """A pydantic JSON schema without its generated titles (field names and examples
    stay as they are)."""
    if isinstance(schema, list):
        return [_clean(value) for value in schema]
    if not isinstance(schema, dict):
        return schema
    cleaned = {}
    for key, value in schema.items():
        if key == "title" and isinstance(value, str):
            continue
        if key in ("properties", "$defs"):
            cleaned[key] = {name: _clean(sub) for name, sub in value.items()}
        elif key in ("examples", "example", "default", "enum", "const"):
            cleaned[key] = value
        else:
            cleaned[key] = _clean(value)
    return cleaned


def _parameter_schema(schema):
    """A query parameter's schema: an optional one is simply absent, never null."""
    options = schema.get("anyOf", [])
    if len(options) == 2 and {"type": "null"} in options:
        [schema] = [option for option in options if option != {"type": "null"}]
    return schema


def _selections(schema, env):
    """Replace the selection markers by the models' values ("enum")."""
    if isinstance(schema, list):
        return [_selections(value, env) for value in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: _selections(value, env) for key, value in schema.items()}
    if SELECTION_KEY in schema:
        model, field = schema.pop(SELECTION_KEY).split(":")
        schema["enum"] = [
            key for key, _label in env[model]._fields[field]._description_selection(env)
        ]
    return schema


def refusal_codes(env):
    """{category: its refusal codes} of the letting categories installed in ``env``'s
    database: every code their rules refuse with (housing.letting.rules.
    _refusal_messages: applying, answering, withdrawing, joining a queue), which the
    letting endpoints answer as 409 with that code."""
    Listing = env["housing.listing"]
    codes = {}
    for category, __ in Listing._fields["category"].selection:
        rules = env.get(RULES_MODEL % category)
        if rules is not None:
            codes[category] = sorted(rules._refusal_messages())
    return codes


def error_codes(env):
    """Every error code the API answers in ``env``'s database."""
    codes = {code for status_codes in API_ERROR_CODES.values() for code in status_codes}
    for category_codes in refusal_codes(env).values():
        codes.update(category_codes)
    return sorted(codes)


def _error_description(status, description, env):
    if status != 409:
        return description
    by_category = "; ".join(
        f"{category}: {', '.join(codes)}" for category, codes in refusal_codes(env).items()
    )
    return f"{description} {by_category}."


def _components(operations, env):
    models = {Error}
    for op in operations:
        if op["body"]:
            models.add(op["body"])
        envelope = envelopes(op["response"])
        models |= {envelope["page"], envelope["sync"]} if op["shape"] == "page" else set()
        if op["shape"] != "page":
            models.add(envelope[op["shape"]])
    _keys, top = models_json_schema(
        [(model, "validation") for model in sorted(models, key=lambda m: m.__name__)],
        ref_template="#/components/schemas/{model}",
    )
    schemas = _clean(top["$defs"])
    schemas["ErrorDetail"]["properties"]["code"]["enum"] = error_codes(env)
    return schemas


def build_document(base_url, env, operations):
    """The OpenAPI 3.1 document for a server at ``base_url`` (scheme and host)."""
    paths = {}
    for op in operations:
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", op["path"])
        paths.setdefault(path, {})[op["method"]] = _operation(op, env)
    paths.update(META_PATHS)
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "Housing API",
            "version": VERSION,
            "description": DESCRIPTION,
            "license": {"name": "LGPL-3.0", "identifier": "LGPL-3.0-only"},
        },
        "servers": [{"url": base_url + API_PREFIX}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An Odoo API key of a Housing integration user.",
                }
            },
            "schemas": _components(operations, env),
            "parameters": {
                "idempotency_key": {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "description": "Makes a retried POST safe: the same key and body get "
                    "the first answer again.",
                    "schema": {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": MAX_IDEMPOTENCY_KEY,
                    },
                },
                "request_id": {
                    "name": "X-Request-Id",
                    "in": "header",
                    "required": False,
                    "description": "Your id for this request, returned on the answer.",
                    "schema": {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,128}$"},
                },
                "if_none_match": {
                    "name": "If-None-Match",
                    "in": "header",
                    "required": False,
                    "description": "The ETag you have: 304 when it is still current.",
                    "schema": {"type": "string"},
                },
            },
            "responses": {
                f"error{status}": {
                    "description": _error_description(status, description, env),
                    "headers": _headers(
                        "X-Request-Id", *(("Retry-After",) if status == 429 else ())
                    ),
                    "content": {"application/json": {"schema": _ref("Error")}},
                }
                for status, description in ERROR_DESCRIPTIONS.items()
            },
        },
    }
    return _selections(document, env)
