"""Building blocks of the API's schemas: strict request models, response models whose
every field is required (null where it may be empty), selection values read from the
Odoo models, and the page shapes of list endpoints.

A schema is the one declaration of a resource: the route decorator validates requests
and serialises responses with it, and tools/openapi.py generates the OpenAPI document
from it."""

import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..tools.constants import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from ..tools.formatting import parse_datetime

# The OpenAPI document replaces this key by the selection's values ("enum").
SELECTION_KEY = "x-odoo-selection"


class RequestBody(BaseModel):
    """A JSON request body: JSON types only (no "1" for 1), no unknown fields."""

    model_config = ConfigDict(strict=True, extra="forbid")


class Query(BaseModel):
    """Query parameters: text by nature, read as the declared types; no unknown ones."""

    model_config = ConfigDict(extra="forbid")


class Resource(BaseModel):
    """A resource the API answers: exactly these fields, each of them always present."""

    model_config = ConfigDict(strict=True, extra="forbid")


def _check_selection(model, field):
    def check(value, info: ValidationInfo):
        env = (info.context or {}).get("env")
        if value is None or env is None:
            return value
        choices = [key for key, _label in env[model]._fields[field]._description_selection(env)]
        if value not in choices:
            raise PydanticCustomError(
                "selection", "must be one of: {choices}", {"choices": ", ".join(choices)}
            )
        return value

    return check


def one_of(first, second):
    """A model validator: exactly one of the fields ``first`` and ``second`` is given
    (declare the same rule as "oneOf" in the model's json_schema_extra)."""

    def check(self):
        if (getattr(self, first) is None) == (getattr(self, second) is None):
            raise PydanticCustomError(
                "one_of", "give either {first} or {second}", {"first": first, "second": second}
            )
        return self

    return model_validator(mode="after")(check)


def selection(model, field, **kwargs):
    """A selection value of ``model.field`` (checked against the model's values when an
    Odoo environment is in the validation context; listed as "enum" by the document)."""
    extra = {SELECTION_KEY: f"{model}:{field}"}
    return Annotated[
        str,
        Field(json_schema_extra=extra, **kwargs),
        AfterValidator(_check_selection(model, field)),
    ]


def text(max_length, **kwargs):
    """Text that must say something: 1 to ``max_length`` characters, not only blanks."""
    return Annotated[str, Field(min_length=1, max_length=max_length, pattern=r"\S", **kwargs)]


def _utc(value):
    if not isinstance(value, str):
        return value
    try:
        return parse_datetime(value)
    except ValueError:
        raise PydanticCustomError("datetime_iso", "not an ISO 8601 date or time") from None


SinceDatetime = Annotated[
    datetime.datetime,
    BeforeValidator(_utc),
    Field(
        description="Begin a sync: records changed at or after this time (ISO 8601, "
        "e.g. 2026-01-31T12:00:00Z; a date means its midnight UTC).",
        examples=["2026-01-31T12:00:00Z"],
        json_schema_extra={"format": "date-time"},
    ),
]
Date = Annotated[str, Field(json_schema_extra={"format": "date"}, examples=["2026-01-31"])]
DateTime = Annotated[
    str, Field(json_schema_extra={"format": "date-time"}, examples=["2026-01-31T12:00:00Z"])
]
CustomerNumber = Annotated[
    str, Field(min_length=1, max_length=32, pattern=r"\S", examples=["P000123"])
]


class BrowseQuery(Query):
    """Paging of a list that is browsed with limit/offset only."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size.")
    offset: int | None = Field(
        None,
        ge=0,
        le=MAX_OFFSET,
        description="Records to skip when browsing (not with modified_since or cursor).",
    )


class PageQuery(BrowseQuery):
    """Paging of a list: browse with limit/offset, or synchronise with modified_since
    and then the cursor of each page."""

    modified_since: SinceDatetime | None = None
    cursor: str | None = Field(
        None,
        min_length=1,
        max_length=1000,
        description="next_cursor of the previous page of a sync (alone, without "
        "modified_since); the last one of a sync starts the next sync.",
    )


class CodeRef(Resource):
    id: int
    code: str
    name: str


class IdNumber(Resource):
    id: int
    number: str


class ContactRef(Resource):
    customer_number: str | None
    name: str


class Pagination(Resource):
    """Browsing: where this page is."""

    limit: int
    offset: int
    total: int
    next_offset: int | None


class SyncPagination(Resource):
    """Synchronising: follow next_cursor while has_more; keep the last one."""

    limit: int
    has_more: bool
    next_cursor: str


class Tombstone(Resource):
    """A record deleted or archived: remove it (apply tombstones before the data of
    the same page)."""

    id: int
    key: str | None = Field(description="Its code or lease number, if it has one.")
    reason: selection("housing.api.tombstone", "reason")
    at: DateTime


class ErrorDetail(Resource):
    code: str
    message: str
    details: dict
    request_id: str | None = Field(
        description="The request's X-Request-Id: quote it when you report a problem."
    )


class Error(Resource):
    error: ErrorDetail


_ENVELOPES = {}


def envelopes(resource):
    """The response bodies around ``resource``: one ({"data"}), a plain list, a page
    and a sync page, as models named after it."""
    if resource not in _ENVELOPES:
        name = resource.__name__
        config = ConfigDict(strict=True, extra="forbid")
        _ENVELOPES[resource] = {
            "one": create_model(f"{name}Response", __config__=config, data=(resource, ...)),
            "list": create_model(f"{name}List", __config__=config, data=(list[resource], ...)),
            "page": create_model(
                f"{name}Page",
                __config__=config,
                data=(list[resource], ...),
                pagination=(Pagination, ...),
            ),
            "sync": create_model(
                f"{name}SyncPage",
                __config__=config,
                data=(list[resource], ...),
                tombstones=(list[Tombstone], ...),
                pagination=(SyncPagination, ...),
            ),
        }
    return _ENVELOPES[resource]
