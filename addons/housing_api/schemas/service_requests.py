from pydantic import Field

from odoo.addons.housing_service_request.models.maintenance_request import (
    TENANT_CALL_BETWEEN_MAX_LENGTH,
    TENANT_DESCRIPTION_MAX_LENGTH,
    TENANT_MESSAGE_MAX_LENGTH,
    TENANT_REASON_MAX_LENGTH,
    TENANT_TITLE_MAX_LENGTH,
)

from .base import (
    CodeRef,
    CustomerNumber,
    Date,
    DateTime,
    PageQuery,
    RequestBody,
    Resource,
    one_of,
    selection,
    text,
)
from .contacts import ContactRef
from .register import Code, LeaseRef


class Stage(Resource):
    code: selection("maintenance.stage", "housing_code") | None
    name: str


class Location(Resource):
    type: selection("maintenance.request", "location_type")
    rental_object: CodeRef | None
    common_space: selection("maintenance.request", "common_space_type") | None
    property: CodeRef | None
    building: CodeRef | None
    staircase: CodeRef | None


class Access(Resource):
    master_key_allowed: bool
    call_between: str | None
    pet_at_home: bool


class ServiceRequest(Resource):
    """A fault report (felanmälan)."""

    id: int
    title: str
    description: str | None
    category: selection("maintenance.request", "housing_category") | None
    stage: Stage | None
    location: Location
    reported_by: ContactRef | None
    lease: LeaseRef | None
    access: Access
    priority_days: int
    due_date: Date | None
    performed_date: Date | None
    origin: selection("maintenance.request", "origin")
    close_requested: bool
    close_request_reason: str | None
    hidden_from_tenant: bool
    created_at: DateTime
    updated_at: DateTime


class ServiceRequestCreate(RequestBody):
    """A fault report: on a rental object the tenant leases (rental_object_code) or in a
    common space where they live (common_space), not both."""

    model_config = {
        "json_schema_extra": {
            "oneOf": [
                {"required": ["rental_object_code"], "not": {"required": ["common_space"]}},
                {"required": ["common_space"], "not": {"required": ["rental_object_code"]}},
            ],
            "examples": [
                {
                    "customer_number": "P000123",
                    "title": "Element kallt i sovrummet",
                    "rental_object_code": "705-808-00-0006",
                    "category": "building",
                }
            ],
        }
    }

    customer_number: CustomerNumber = Field(description="The reporting tenant.")
    title: text(TENANT_TITLE_MAX_LENGTH, description="The fault in a few words.")
    description: text(TENANT_DESCRIPTION_MAX_LENGTH, description="Plain text.") | None = None
    rental_object_code: Code | None = Field(
        None, description="A rental object the tenant leases; or give common_space."
    )
    common_space: (
        selection(
            "maintenance.request",
            "common_space_type",
            description="A common space of the property where the tenant lives.",
        )
        | None
    ) = None
    property_code: Code | None = Field(
        None, description="With common_space: the property (default: the tenant's home)."
    )
    building_code: Code | None = Field(None, description="With common_space: the building.")
    staircase_code: Code | None = Field(None, description="With common_space: the entrance.")
    category: selection("maintenance.request", "housing_category") | None = None
    master_key_allowed: bool = False
    call_between: text(TENANT_CALL_BETWEEN_MAX_LENGTH, examples=["08-10"]) | None = None
    pet_at_home: bool = False

    one_location = one_of("rental_object_code", "common_space")


class Message(Resource):
    id: int
    date: DateTime
    author: str | None
    from_reporter: bool
    body: str = Field(description="Plain text.")


class MessageCreate(RequestBody):
    customer_number: CustomerNumber = Field(description="The reporting tenant.")
    body: text(TENANT_MESSAGE_MAX_LENGTH, description="Plain text.")


class CloseRequest(RequestBody):
    customer_number: CustomerNumber = Field(description="The reporting tenant.")
    reason: text(TENANT_REASON_MAX_LENGTH)


class ServiceRequestQuery(PageQuery):
    contact: Code | None = Field(None, description="Customer number of the reporter.")
    rental_object: Code | None = Field(None, description="Rental object code.")
