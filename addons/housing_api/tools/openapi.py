"""The OpenAPI 3 document of /api/housing/v1, served at /api/housing/v1/openapi.json.

Maintained by hand next to the controllers; tests/test_openapi.py compares its paths and
methods with the routes Odoo really registers, both ways, so the two cannot drift. The
allowed values of selection fields (types, states, ...) are read from the models.
"""

from .constants import API_PREFIX, MAX_BODY_BYTES, MAX_LIMIT
from .errors import ERROR_CODES as API_ERROR_CODES

VERSION = "1.0.0"

STRING = {"type": "string"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
INTEGER = {"type": "integer"}
NUMBER = {"type": "number"}
BOOLEAN = {"type": "boolean"}
PAGE_PARAMS = [
    {"$ref": "#/components/parameters/limit"},
    {"$ref": "#/components/parameters/offset"},
    {"$ref": "#/components/parameters/modified_since"},
]
IDEMPOTENCY_PARAM = {"$ref": "#/components/parameters/idempotency_key"}
ERROR_CODES = sorted({code for codes in API_ERROR_CODES.values() for code in codes})


# ---------------------------------------------------------------------- building blocks


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema):
    schema = {**schema, "nullable": True}
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]  # OpenAPI 3.0: null must be listed too
    return schema


def _array(items):
    return {"type": "array", "items": items}


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


def _error_responses(*statuses):
    return {str(status): {"$ref": f"#/components/responses/error{status}"} for status in statuses}


def _one(schema_name, description="The resource."):
    return {
        "description": description,
        "content": {"application/json": {"schema": _object({"data": _ref(schema_name)})}},
    }


def _many(schema_name, description="The resources."):
    return {
        "description": description,
        "content": {"application/json": {"schema": _object({"data": _array(_ref(schema_name))})}},
    }


def _page(schema_name):
    return {
        "description": "One page of results.",
        "content": {
            "application/json": {
                "schema": _object(
                    {"data": _array(_ref(schema_name)), "pagination": _ref("Pagination")}
                )
            }
        },
    }


def _get(summary, tag, response, parameters=(), errors=(401, 403, 404)):
    return {
        "summary": summary,
        "tags": [tag],
        "parameters": list(parameters),
        "responses": {"200": response, **_error_responses(400, *errors)},
    }


def _list(summary, tag, schema_name, filters=()):
    """A paged list endpoint with its filter query parameters."""
    return _get(summary, tag, _page(schema_name), [*PAGE_PARAMS, *filters])


def _post(summary, tag, body_schema, response, parameters=(), status=200):
    return {
        "summary": summary,
        "tags": [tag],
        "parameters": [*parameters, IDEMPOTENCY_PARAM],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _ref(body_schema)}},
        },
        "responses": {
            str(status): response,
            **_error_responses(400, 401, 403, 404, 409, 413, 415),
        },
    }


def _choices(env, model, field):
    """Schema of a selection field's values, read from the model."""
    values = [key for key, _label in env[model]._fields[field]._description_selection(env)]
    return {"type": "string", "enum": values}


def _code_ref(description):
    return _nullable(
        {
            **_object({"id": INTEGER, "code": STRING, "name": STRING}),
            "description": description,
        }
    )


ADDRESS = _object(
    {
        "street": _nullable(STRING),
        "street2": _nullable(STRING),
        "zip": _nullable(STRING),
        "city": _nullable(STRING),
        "country": _nullable({**STRING, "description": "ISO 3166 country code."}),
    }
)
SHORT_ADDRESS = _object(
    {"street": _nullable(STRING), "zip": _nullable(STRING), "city": _nullable(STRING)}
)


# ---------------------------------------------------------------------- schemas


def _schemas(env):
    return {
        "Error": _object(
            {
                "error": _object(
                    {
                        "code": {"type": "string", "enum": ERROR_CODES},
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
                    "description": "Protected identity (skyddad identitet): the address is "
                    "the special postal address, identity number, phone and e-mail are null, "
                    "and the contact's leases and fault reports are not returned.",
                },
                "trustee": _nullable(
                    _object({"customer_number": _nullable(STRING), "name": STRING})
                ),
                "updated_at": DATETIME,
            }
        ),
        "ContactLookup": _object(
            {
                "personal_number": {
                    **STRING,
                    "description": "Personnummer or samordningsnummer, 10 or 12 digits, "
                    "with or without dash.",
                },
                "organisation_number": STRING,
            }
        ),
        "ResidentialArea": _object(
            {
                "id": INTEGER,
                "code": {**STRING, "example": "CEN"},
                "name": STRING,
                "district": _code_ref("District."),
                "updated_at": DATETIME,
            }
        ),
        "Staircase": _object(
            {"id": INTEGER, "code": STRING, "name": STRING, "address": SHORT_ADDRESS}
        ),
        "Building": _object(
            {
                "id": INTEGER,
                "code": STRING,
                "name": STRING,
                "type": _nullable(_choices(env, "housing.building", "building_type")),
                "construction_year": _nullable(INTEGER),
                "property": _code_ref("The property the building stands on."),
                "staircases": _array(_ref("Staircase")),
                "rental_object_count": INTEGER,
                "updated_at": DATETIME,
            }
        ),
        "Property": _object(
            {
                "id": INTEGER,
                "code": {**STRING, "example": "24104"},
                "name": {**STRING, "example": "SJÖODJURET 2"},
                "municipality": _nullable(STRING),
                "residential_area": _code_ref("Residential area (bostadsområde)."),
                "caretaker_area": _code_ref("Caretaker area (kvartersvärdsområde)."),
                "buildings": _array(_ref("Building")),
                "rental_object_count": INTEGER,
                "updated_at": DATETIME,
            }
        ),
        "RentalObject": _object(
            {
                "id": INTEGER,
                "code": {**STRING, "example": "705-808-00-0006"},
                "name": STRING,
                "type": _choices(env, "housing.rental.object", "object_type"),
                "status": {
                    **_choices(env, "housing.rental.object", "status"),
                    "description": "Today's status, derived from blocks and leases.",
                },
                "property": _code_ref("Property."),
                "building": _code_ref("Building."),
                "staircase": _code_ref("Entrance."),
                "residential_area": _code_ref("Residential area."),
                "caretaker_area": _code_ref("Caretaker area."),
                "address": SHORT_ADDRESS,
                "area": _nullable({**NUMBER, "description": "m² (BOA/LOA)."}),
                "room_code": _nullable({**STRING, "example": "2RK"}),
                "apartment_number": _nullable({**STRING, "example": "1102"}),
                "floor": INTEGER,
                "has_elevator": BOOLEAN,
                "has_balcony": BOOLEAN,
                "is_accessible": BOOLEAN,
                "parking_type": _nullable(_choices(env, "housing.rental.object", "parking_type")),
                "has_charging": BOOLEAN,
                "base_rent": {**NUMBER, "description": "Monthly base rent."},
                "current_rent": {
                    **NUMBER,
                    "description": "Monthly rent today: the current lease's rent lines, or "
                    "the base rent when vacant.",
                },
                "currency": STRING,
                "vacant_from": _nullable(DATE),
                "current_lease": _nullable(_object({"id": INTEGER, "number": STRING})),
                "blocks": _array(
                    _object(
                        {
                            "reason": _choices(env, "housing.rental.block", "reason"),
                            "note": _nullable(STRING),
                            "date_from": DATE,
                            "date_to": _nullable(DATE),
                        }
                    )
                ),
                "updated_at": DATETIME,
            }
        ),
        "Lease": _object(
            {
                "id": INTEGER,
                "number": {**STRING, "example": "705-808-00-0006/01"},
                "type": _choices(env, "housing.lease", "lease_type"),
                "state": _choices(env, "housing.lease", "state"),
                "rental_object": _object({"id": INTEGER, "code": STRING, "name": STRING}),
                "property": _code_ref("Property."),
                "residential_area": _code_ref("Residential area."),
                "tenants": _array(
                    _object(
                        {
                            "customer_number": _nullable(STRING),
                            "name": STRING,
                            "role": _choices(env, "housing.lease.tenant", "role"),
                        }
                    )
                ),
                "contract_date": _nullable(DATE),
                "start_date": DATE,
                "end_date": _nullable(DATE),
                "last_day": _nullable(
                    {**DATE, "description": "Termination date after notice, else end date."}
                ),
                "notice": _nullable(
                    _object(
                        {
                            "given_by": _nullable(
                                _choices(env, "housing.lease", "notice_given_by")
                            ),
                            "notice_date": DATE,
                            "preferred_move_out_date": _nullable(DATE),
                            "termination_date": _nullable(DATE),
                        }
                    )
                ),
                "current_rent": NUMBER,
                "currency": STRING,
                "rent_lines": _array(
                    _object(
                        {
                            "kind": _choices(env, "housing.lease.rent.line", "kind"),
                            "description": _nullable(STRING),
                            "amount": NUMBER,
                            "tax_rate": NUMBER,
                            "valid_from": DATE,
                            "valid_to": _nullable(DATE),
                        }
                    )
                ),
                "updated_at": DATETIME,
            }
        ),
        "ServiceRequest": _object(
            {
                "id": INTEGER,
                "title": STRING,
                "description": _nullable(STRING),
                "category": _nullable(_choices(env, "maintenance.request", "housing_category")),
                "stage": _nullable(
                    _object(
                        {
                            "code": _nullable(_choices(env, "maintenance.stage", "housing_code")),
                            "name": STRING,
                        }
                    )
                ),
                "location": _object(
                    {
                        "type": _choices(env, "maintenance.request", "location_type"),
                        "rental_object": _code_ref("The rental object of the fault."),
                        "common_space": _nullable(
                            _choices(env, "maintenance.request", "common_space_type")
                        ),
                        "property": _code_ref("Property."),
                        "building": _code_ref("Building."),
                        "staircase": _code_ref("Entrance."),
                    }
                ),
                "reported_by": _nullable(
                    _object({"customer_number": _nullable(STRING), "name": STRING})
                ),
                "lease": _nullable(_object({"id": INTEGER, "number": STRING})),
                "access": _object(
                    {
                        "master_key_allowed": BOOLEAN,
                        "call_between": _nullable(STRING),
                        "pet_at_home": BOOLEAN,
                    }
                ),
                "priority_days": INTEGER,
                "due_date": _nullable(DATE),
                "performed_date": _nullable(DATE),
                "origin": _choices(env, "maintenance.request", "origin"),
                "close_requested": BOOLEAN,
                "close_request_reason": _nullable(STRING),
                "hidden_from_tenant": BOOLEAN,
                "created_at": DATETIME,
                "updated_at": DATETIME,
            }
        ),
        "ServiceRequestCreate": _object(
            {
                "customer_number": {**STRING, "description": "The reporting tenant."},
                "title": {**STRING, "description": "The fault in a few words."},
                "description": STRING,
                "rental_object_code": {
                    **STRING,
                    "description": "A rental object the tenant leases; or give common_space.",
                },
                "common_space": {
                    **_choices(env, "maintenance.request", "common_space_type"),
                    "description": "A common space of the property where the tenant lives.",
                },
                "property_code": {
                    **STRING,
                    "description": "With common_space: the property (default: the tenant's home).",
                },
                "building_code": {**STRING, "description": "With common_space: the building."},
                "staircase_code": {**STRING, "description": "With common_space: the entrance."},
                "category": _choices(env, "maintenance.request", "housing_category"),
                "master_key_allowed": BOOLEAN,
                "call_between": {**STRING, "example": "08-10"},
                "pet_at_home": BOOLEAN,
            },
            ["customer_number", "title"],
        ),
        "Message": _object(
            {
                "id": INTEGER,
                "date": DATETIME,
                "author": _nullable(STRING),
                "from_reporter": BOOLEAN,
                "body": {**STRING, "description": "Plain text."},
            }
        ),
        "MessageCreate": _object(
            {"customer_number": STRING, "body": STRING}, ["customer_number", "body"]
        ),
        "CloseRequest": _object(
            {"customer_number": STRING, "reason": STRING}, ["customer_number", "reason"]
        ),
        **_parking_schemas(env),
    }


def _parking_schemas(env):
    verdict = _object(
        {
            "eligible": BOOLEAN,
            "priority": _nullable({**STRING, "enum": ["1", "2", "3"]}),
            "reason": {
                **_choices(env, "housing.parking.application", "priority_reason"),
                "description": "Why the contact has this priority, or why they may not apply.",
            },
            "label": STRING,
        }
    )
    listing_ref = _object({"id": INTEGER, "rental_object_code": STRING})
    contact_ref = _object({"customer_number": _nullable(STRING), "name": STRING})
    return {
        "ParkingListing": _object(
            {
                "id": INTEGER,
                "rental_object": _object({"id": INTEGER, "code": STRING, "name": STRING}),
                "property": _code_ref("Property."),
                "residential_area": _code_ref("Residential area."),
                "parking_type": _nullable(_choices(env, "housing.rental.object", "parking_type")),
                "monthly_rent": NUMBER,
                "currency": STRING,
                "rule": _choices(env, "housing.parking.listing", "rule"),
                "state": _choices(env, "housing.parking.listing", "state"),
                "residents_only": BOOLEAN,
                "published_from": DATE,
                "published_until": DATE,
                "vacant_from": DATE,
                "updated_at": DATETIME,
                "eligibility": {
                    **_object({"replace": verdict, "additional": verdict}),
                    "description": "Only with the contact filter: may the contact apply.",
                },
            }
        ),
        "ParkingApplication": _object(
            {
                "id": INTEGER,
                "listing": _object(
                    {
                        "id": INTEGER,
                        "rental_object_code": STRING,
                        "state": _choices(env, "housing.parking.listing", "state"),
                    }
                ),
                "contact": contact_ref,
                "application_type": _choices(
                    env, "housing.parking.application", "application_type"
                ),
                "state": _choices(env, "housing.parking.application", "state"),
                "priority": _nullable(_choices(env, "housing.parking.application", "priority")),
                "priority_reason": _nullable(
                    _choices(env, "housing.parking.application", "priority_reason")
                ),
                "rank": _nullable(INTEGER),
                "queue_start_date": _nullable(DATE),
                "applied_at": DATETIME,
                "updated_at": DATETIME,
            }
        ),
        "ParkingApplicationCreate": _object(
            {
                "customer_number": {**STRING, "description": "The applicant."},
                "application_type": _choices(
                    env, "housing.parking.application", "application_type"
                ),
            },
            ["customer_number", "application_type"],
        ),
        "ParkingOffer": _object(
            {
                "id": INTEGER,
                "listing": listing_ref,
                "application_id": INTEGER,
                "contact": contact_ref,
                "state": _choices(env, "housing.parking.offer", "state"),
                "sent_at": DATETIME,
                "deadline": {
                    **DATETIME,
                    "description": "23:59:59 Swedish time on the last business day to answer.",
                },
                "answered_at": _nullable(DATETIME),
                "lease": _nullable(_object({"id": INTEGER, "number": STRING, "start_date": DATE})),
                "updated_at": DATETIME,
            }
        ),
        "ParkingAnswer": _object(
            {
                "customer_number": {**STRING, "description": "The applicant answering."},
                "answer": {**STRING, "enum": ["accept", "decline"]},
            },
            ["customer_number", "answer"],
        ),
        "ParkingWithdraw": _object(
            {"customer_number": {**STRING, "description": "The applicant withdrawing."}},
            ["customer_number"],
        ),
    }


# ---------------------------------------------------------------------- paths


def _paths(env):
    customer_number = _path_param("customer_number", "Customer number, e.g. P000123.")
    code = _path_param("code", "The code.")
    request_id = _path_param("request_id", "Service request id.", INTEGER)
    contact_filter = _query_param("contact", "Customer number of a tenant.")
    object_filter = _query_param("rental_object", "Rental object code.")
    area_filter = _query_param("residential_area", "Residential area code, e.g. CEN.")
    return {
        "/contacts": {
            "get": _list(
                "Tenants and applicants (for synchronisation: modified_since).",
                "Contacts",
                "Contact",
            )
        },
        "/contacts/{customer_number}": {
            "get": _get(
                "A tenant or applicant by customer number.",
                "Contacts",
                _one("Contact"),
                [customer_number],
            )
        },
        "/contacts/lookup": {
            "post": _post(
                "Find a tenant or applicant by personnummer or organisationsnummer (in the "
                "body, so identity numbers stay out of URLs and logs).",
                "Contacts",
                "ContactLookup",
                _one("Contact"),
            )
        },
        "/residential-areas": {
            "get": _list("Residential areas (bostadsområden).", "Register", "ResidentialArea")
        },
        "/properties": {
            "get": _list(
                "Properties with their buildings and entrances.",
                "Register",
                "Property",
                [area_filter],
            )
        },
        "/properties/{code}": {
            "get": _get(
                "A property (fastighet) by code, with its buildings and entrances.",
                "Register",
                _one("Property"),
                [code],
            )
        },
        "/buildings/{code}": {
            "get": _get(
                "A building by code, with its property and entrances.",
                "Register",
                _one("Building"),
                [code],
            )
        },
        "/rental-objects": {
            "get": _list(
                "Rental objects with status and current rent.",
                "Register",
                "RentalObject",
                [
                    _query_param(
                        "type", "Type.", _choices(env, "housing.rental.object", "object_type")
                    ),
                    _query_param(
                        "status",
                        "Today's status.",
                        _choices(env, "housing.rental.object", "status"),
                    ),
                    _query_param("property", "Property code."),
                    _query_param("building", "Building code."),
                    area_filter,
                ],
            )
        },
        "/rental-objects/{code}": {
            "get": _get(
                "A rental object by code, with status, current lease and current rent.",
                "Register",
                _one("RentalObject"),
                [code],
            )
        },
        "/leases": {
            "get": _list(
                "Leases by contact (any tenant role), rental object, state or type.",
                "Leases",
                "Lease",
                [
                    contact_filter,
                    object_filter,
                    _query_param("state", "State.", _choices(env, "housing.lease", "state")),
                    _query_param("type", "Type.", _choices(env, "housing.lease", "lease_type")),
                ],
            )
        },
        "/leases/{number}": {
            "get": _get(
                "A lease by number (rental object code/NN; the slash as is or as %2F).",
                "Leases",
                _one("Lease"),
                [_path_param("number", "Lease number, e.g. 705-808-00-0006/01.")],
            )
        },
        "/service-requests": {
            "get": _list(
                "Service requests (fault reports) visible to tenants, by reporter or rental "
                "object.",
                "Service requests",
                "ServiceRequest",
                [contact_filter, object_filter],
            ),
            "post": _post(
                "Report a fault on behalf of a tenant, on a rental object they lease or a "
                "common space where they live (origin 'api').",
                "Service requests",
                "ServiceRequestCreate",
                _one("ServiceRequest", "The new service request."),
                status=201,
            ),
        },
        "/service-requests/{request_id}": {
            "get": _get(
                "A service request.",
                "Service requests",
                _one("ServiceRequest"),
                [request_id],
            )
        },
        "/service-requests/{request_id}/messages": {
            "get": _get(
                "The messages the tenant sees on the request (never internal notes).",
                "Service requests",
                _many("Message"),
                [request_id],
            ),
            "post": _post(
                "A message from the reporting tenant, seen by staff and tenant.",
                "Service requests",
                "MessageCreate",
                _one("Message", "The new message."),
                [request_id],
                status=201,
            ),
        },
        "/service-requests/{request_id}/close-request": {
            "post": _post(
                "The reporting tenant asks to close the request; staff decide.",
                "Service requests",
                "CloseRequest",
                _one("ServiceRequest"),
                [request_id],
            )
        },
        **_parking_paths(contact_filter),
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


def _parking_paths(contact_filter):
    tag = "Parking queue"
    listing_id = _path_param("listing_id", "Parking listing id.", INTEGER)
    state_filter = _query_param("state", "Only in this state.")
    refusals = (
        "409: the queue's rules refuse, with the reason as the error code (not_tenant, "
        "credit_check, special_area, special_property, additional_not_allowed, "
        "no_housing_in_area, incomplete_address, already_applied, listing_closed)."
    )
    return {
        "/parking/listings": {
            "get": _list(
                "Published parking listings; with contact, whether that contact may apply "
                "(per application type) and why not.",
                tag,
                "ParkingListing",
                [
                    contact_filter,
                    _query_param("residential_area", "Residential area code."),
                ],
            )
        },
        "/parking/listings/{listing_id}": {
            "get": _get("A parking listing.", tag, _one("ParkingListing"), [listing_id])
        },
        "/parking/listings/{listing_id}/applications": {
            "post": _post(
                "Apply for a listing on behalf of a contact. On a non-scored listing the "
                "first eligible applicant gets the lease at once. " + refusals,
                tag,
                "ParkingApplicationCreate",
                _one("ParkingApplication", "The application."),
                [listing_id],
                status=201,
            )
        },
        "/parking/applications": {
            "get": _list(
                "Parking applications, newest first.",
                tag,
                "ParkingApplication",
                [
                    contact_filter,
                    _query_param("listing", "Parking listing id.", INTEGER),
                    state_filter,
                ],
            )
        },
        "/parking/applications/{application_id}/withdraw": {
            "post": _post(
                "The applicant withdraws; an active offer on it goes to the next in line. "
                "409 application_closed when it is no longer active.",
                tag,
                "ParkingWithdraw",
                _one("ParkingApplication"),
                [_path_param("application_id", "Parking application id.", INTEGER)],
            )
        },
        "/parking/offers": {
            "get": _list(
                "Parking offers, newest first.",
                tag,
                "ParkingOffer",
                [contact_filter, state_filter],
            )
        },
        "/parking/offers/{offer_id}/answer": {
            "post": _post(
                "The applicant accepts (the parking lease is created and returned) or "
                "declines. 409 offer_not_active or offer_expired when it is too late, or a "
                "refusal code when the applicant no longer qualifies.",
                tag,
                "ParkingAnswer",
                _one("ParkingOffer"),
                [_path_param("offer_id", "Parking offer id.", INTEGER)],
            )
        },
    }


def _error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
    }


def build_document(base_url, env):
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
        "servers": [{"url": base_url + API_PREFIX}],
        "security": [{"bearer": []}],
        "paths": _paths(env),
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An Odoo API key (Preferences > Account Security).",
                }
            },
            "schemas": _schemas(env),
            "parameters": {
                "limit": _query_param(
                    "limit",
                    f"Page size, 1-{MAX_LIMIT} (default 50).",
                    {**INTEGER, "minimum": 1, "maximum": MAX_LIMIT},
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
                    "validation_error or malformed_json: the request is invalid."
                ),
                "error401": _error_response("unauthorized: missing or invalid API key."),
                "error403": _error_response(
                    "forbidden: the key's user may not do this (not an integration user)."
                ),
                "error404": _error_response("not_found: no such resource."),
                "error409": _error_response(
                    "conflict (concurrent change, uniqueness) or idempotency_conflict (key "
                    "reused with another request)."
                ),
                "error413": _error_response(
                    f"payload_too_large: body over {MAX_BODY_BYTES} bytes."
                ),
                "error415": _error_response(
                    "unsupported_media_type: the body is not application/json."
                ),
            },
        },
    }
