from pydantic import Field

from odoo.addons.housing_api.schemas.base import (
    Date,
    DateTime,
    RequestBody,
    Resource,
    selection,
    text,
)

PROFILE = "housing.application.profile"


def _no_default(schema):
    """Left out: the value stays; the field is not nullable (no "default": null)."""
    schema.pop("default", None)


class ApplicationProfile(Resource):
    """A housing applicant's application profile (ansökningsprofil): their household and
    living situation, which they keep up to date, and the review of the reference from
    their current landlord, which staff make."""

    customer_number: str | None
    num_adults: int
    num_children: int
    num_persons: int = Field(description="Adults and children.")
    housing_type: selection(PROFILE, "housing_type") | None = Field(
        description="Current living situation."
    )
    housing_type_description: str | None = Field(description="When the situation is OTHER.")
    landlord: str | None = Field(description="The current landlord (first- or second-hand).")
    monthly_income: float | None = Field(description="Before tax, stated by the applicant.")
    currency: str = Field(examples=["SEK"])
    reference_phone: str | None
    reference_email: str | None
    reference_status: selection(PROFILE, "reference_status") = Field(
        description="The landlord's reference as staff reviewed it."
    )
    reference_reason_rejected: selection(PROFILE, "reference_reason_rejected") | None
    reference_expires_at: Date | None = Field(
        description="A reference not approved stands until this day."
    )
    last_updated_at: DateTime | None = Field(description="The applicant's last save.")
    expires_at: DateTime | None = Field(
        description="Six months after the last save: then the applicant may not apply for "
        "homes until they save it again."
    )
    valid: bool
    updated_at: DateTime


class ApplicationProfileUpdate(RequestBody):
    """What the applicant writes (the review of the reference is staff's: an unknown field
    here). Fields left out keep their value; every save keeps the profile valid six more
    months and confirms the contact's place in the housing queue."""

    num_adults: int = Field(None, ge=1, le=20, json_schema_extra=_no_default)
    num_children: int = Field(None, ge=0, le=20, json_schema_extra=_no_default)
    housing_type: selection(PROFILE, "housing_type") | None = None
    housing_type_description: text(200) | None = None
    landlord: text(200) | None = None
    reference_phone: text(50) | None = None
    reference_email: text(200) | None = None
    monthly_income: float | None = Field(None, ge=0)
