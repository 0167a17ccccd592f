"""The OpenAPI 3 document of /api/housing/v1, served at /api/housing/v1/openapi.json.

Maintained by hand next to the controllers; tests/test_openapi.py compares its paths and
methods with the routes Odoo really registers, both ways, so the two cannot drift.
"""

VERSION = "1.0.0"

# ---------------------------------------------------------------------- building blocks


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema):
    return {**schema, "nullable": True}


STRING = {"type": "string"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
INTEGER = {"type": "integer"}
NUMBER = {"type": "number"}
BOOLEAN = {"type": "boolean"}


def _object(properties, required=None):
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema


def _path_param(name, description, schema=None):
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema or STRING,
    }


def _query_param(name, description, schema=None):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or STRING,
    }


PAGE_PARAMS = [
    {"$ref": "#/components/parameters/limit"},
    {"$ref": "#/components/parameters/offset"},
    {"$ref": "#/components/parameters/modified_since"},
]
IDEMPOTENCY_PARAM = {"$ref": "#/components/parameters/idempotency_key"}


def _error_responses(*statuses):
    return {str(status): {"$ref": f"#/components/responses/error{status}"} for status in statuses}


def _one(schema_name, description="The resource."):
    return {
        "description": description,
        "content": {"application/json": {"schema": _object({"data": _ref(schema_name)})}},
    }


def _page(schema_name):
    return {
        "description": "One page of results.",
        "content": {
            "application/json": {
                "schema": _object(
                    {
                        "data": {"type": "array", "items": _ref(schema_name)},
                        "pagination": _ref("Pagination"),
                    }
                )
            }
        },
    }


def _body(schema):
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _get(summary, tag, response, parameters=(), errors=(401, 403, 404)):
    return {
        "summary": summary,
        "tags": [tag],
        "parameters": list(parameters),
        "responses": {"200": response, **_error_responses(400, *errors)},
    }


def _post(summary, tag, body, response, parameters=(), status=200, errors=(401, 403, 404)):
    return {
        "summary": summary,
        "tags": [tag],
        "parameters": [*parameters, IDEMPOTENCY_PARAM],
        "requestBody": _body(body),
        "responses": {str(status): response, **_error_responses(400, *errors, 409, 413, 415)},
    }


# ---------------------------------------------------------------------- schemas

ADDRESS = _object(
    {
        "street": _nullable(STRING),
        "street2": _nullable(STRING),
        "zip": _nullable(STRING),
        "city": _nullable(STRING),
        "country": _nullable({**STRING, "description": "ISO 3166 country code."}),
    }
)

SCHEMAS = {
    "Error": _object(
        {
            "error": _object(
                {
                    "code": {
                        "type": "string",
                        "enum": [
                            "validation_error",
                            "malformed_json",
                            "unauthorized",
                            "forbidden",
                            "not_found",
                            "method_not_allowed",
                            "conflict",
                            "idempotency_conflict",
                            "payload_too_large",
                            "unsupported_media_type",
                            "internal_error",
                        ],
                    },
                    "message": STRING,
                    "details": {"type": "object", "additionalProperties": True},
                },
                ["code", "message", "details"],
            )
        },
        ["error"],
    ),
    "Pagination": _object(
        {
            "limit": INTEGER,
            "offset": INTEGER,
            "total": INTEGER,
            "next_offset": _nullable(INTEGER),
        }
    ),
    "Contact": _object(
        {
            "id": INTEGER,
            "customer_number": _nullable({**STRING, "example": "P000123"}),
            "name": STRING,
            "is_company": BOOLEAN,
            "personal_number": _nullable({**STRING, "example": "19811218-9876"}),
            "organisation_number": _nullable({**STRING, "example": "556000-4615"}),
            "email": _nullable(STRING),
            "phone": _nullable({**STRING, "description": "E.164, e.g. +46701234567."}),
            "address": ADDRESS,
            "protected_identity": {
                **BOOLEAN,
                "description": "Address, identity number, phone and e-mail are null unless "
                "the API user is a housing manager.",
            },
            "trustee": _nullable(_object({"customer_number": _nullable(STRING), "name": STRING})),
            "updated_at": DATETIME,
        }
    ),
    "ContactLookup": _object(
        {
            "personal_number": {
                **STRING,
                "description": "Personnummer or samordningsnummer, 10 or 12 digits, with or "
                "without dash.",
            },
            "organisation_number": STRING,
        }
    ),
}

# ---------------------------------------------------------------------- paths

PATHS = {
    "/contacts": {
        "get": _get(
            "List tenants and applicants (for synchronisation: modified_since).",
            "Contacts",
            _page("Contact"),
            PAGE_PARAMS,
            errors=(401, 403),
        )
    },
    "/contacts/{customer_number}": {
        "get": _get(
            "A tenant or applicant by customer number.",
            "Contacts",
            _one("Contact"),
            [_path_param("customer_number", "Customer number, e.g. P000123.")],
        )
    },
    "/contacts/lookup": {
        "post": _post(
            "Find a tenant or applicant by personnummer or organisationsnummer (in the body, "
            "so identity numbers stay out of URLs and logs).",
            "Contacts",
            _ref("ContactLookup"),
            _one("Contact"),
        )
    },
    "/openapi.json": {
        "get": {
            "summary": "This document.",
            "tags": ["Meta"],
            "security": [],
            "parameters": [],
            "responses": {"200": {"description": "The OpenAPI 3 document."}},
        }
    },
}


def _error_response(status, description):
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
    }


def build_document(base_url):
    """The OpenAPI 3 document for a server at ``base_url`` (scheme and host)."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Housing API",
            "version": VERSION,
            "description": (
                "Purpose-built endpoints of the housing suite for integrators. Authenticate "
                "with an Odoo API key of a user in the Housing integration group: "
                "'Authorization: Bearer <key>'. Bodies are JSON objects of at most 64 KiB. "
                'Every error has the body {"error": {"code", "message", "details"}} '
                "with a stable code. POSTs accept an Idempotency-Key header: a repeated call "
                "with the same key and body gets the first answer again (header "
                "Idempotency-Replayed: true) instead of acting twice."
            ),
            "license": {"name": "LGPL-3.0", "url": "https://www.gnu.org/licenses/lgpl-3.0"},
        },
        "servers": [{"url": f"{base_url}/api/housing/v1"}],
        "security": [{"bearer": []}],
        "paths": PATHS,
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An Odoo API key (Preferences > Account Security).",
                }
            },
            "schemas": SCHEMAS,
            "parameters": {
                "limit": _query_param(
                    "limit",
                    "Page size, 1-200 (default 50).",
                    {**INTEGER, "minimum": 1, "maximum": 200},
                ),
                "offset": _query_param("offset", "Records to skip.", {**INTEGER, "minimum": 0}),
                "modified_since": _query_param(
                    "modified_since",
                    "Only records changed at or after this time (ISO 8601); sorts by change "
                    "time, oldest first, for synchronisation.",
                    DATETIME,
                ),
                "idempotency_key": {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "description": "Up to 255 characters; makes a retried POST safe.",
                    "schema": STRING,
                },
            },
            "responses": {
                "error400": _error_response(
                    400, "validation_error or malformed_json: the request is invalid."
                ),
                "error401": _error_response(401, "unauthorized: missing or invalid API key."),
                "error403": _error_response(
                    403, "forbidden: the key's user may not do this (not an integration user)."
                ),
                "error404": _error_response(404, "not_found: no such resource."),
                "error409": _error_response(
                    409,
                    "conflict (concurrent change, uniqueness) or idempotency_conflict (key "
                    "reused with another request).",
                ),
                "error413": _error_response(413, "payload_too_large: body over 64 KiB."),
                "error415": _error_response(
                    415, "unsupported_media_type: the body is not application/json."
                ),
            },
        },
    }
