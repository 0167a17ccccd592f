from typing import Literal

from pydantic import Field

from .base import (
    CodeRef,
    CustomerNumber,
    Date,
    DateTime,
    PageQuery,
    RequestBody,
    Resource,
    selection,
)
from .contacts import ContactRef
from .register import Code


class Verdict(Resource):
    eligible: bool
    priority: Literal["1", "2", "3"] | None
    reason: selection(
        "housing.application",
        "priority_reason",
        description="Why the contact has this priority, or why they may not apply.",
    )
    label: str | None


class Eligibility(Resource):
    replace: Verdict
    additional: Verdict


class ListingObject(Resource):
    id: int
    code: str
    name: str


class ParkingListing(Resource):
    """A parking space published in the queue."""

    id: int
    rental_object: ListingObject
    property: CodeRef | None
    residential_area: CodeRef | None
    parking_type: selection("housing.rental.object", "parking_type") | None
    monthly_rent: float
    currency: str
    rule: selection("housing.listing", "rule")
    state: selection("housing.listing", "state")
    residents_only: bool
    published_from: Date
    published_until: Date
    vacant_from: Date | None
    updated_at: DateTime
    eligibility: Eligibility | None = Field(
        None, description="Only with the contact filter: may the contact apply."
    )


class ApplicationListing(Resource):
    id: int
    rental_object_code: str
    state: selection("housing.listing", "state")


class ParkingApplication(Resource):
    id: int
    listing: ApplicationListing
    contact: ContactRef
    application_type: selection("housing.application", "application_type")
    state: selection("housing.application", "state")
    priority: selection("housing.application", "priority") | None
    priority_reason: selection("housing.application", "priority_reason") | None
    rank: int | None
    queue_start_date: Date | None
    applied_at: DateTime
    updated_at: DateTime


class OfferListing(Resource):
    id: int
    rental_object_code: str


class OfferLease(Resource):
    id: int
    number: str
    start_date: Date


class ParkingOffer(Resource):
    id: int
    listing: OfferListing
    application_id: int
    contact: ContactRef
    state: selection("housing.offer", "state")
    sent_at: DateTime
    deadline: DateTime = Field(
        description="23:59:59 Swedish time on the last business day to answer."
    )
    answered_at: DateTime | None
    lease: OfferLease | None
    updated_at: DateTime


class ParkingApplicationCreate(RequestBody):
    customer_number: CustomerNumber = Field(description="The applicant.")
    application_type: selection("housing.application", "application_type")


class ParkingAnswer(RequestBody):
    customer_number: CustomerNumber = Field(description="The applicant answering.")
    answer: Literal["accept", "decline"]


class ParkingListingQuery(PageQuery):
    contact: Code | None = Field(
        None, description="Customer number: whether this contact may apply, and why not."
    )
    residential_area: Code | None = Field(None, description="Residential area code.")


class ParkingApplicationQuery(PageQuery):
    contact: Code | None = Field(None, description="Customer number of the applicant.")
    listing: int | None = Field(None, ge=1, description="Parking listing id.")
    state: selection("housing.application", "state") | None = None


class ParkingOfferQuery(PageQuery):
    contact: Code | None = Field(None, description="Customer number of the applicant.")
    state: selection("housing.offer", "state") | None = None
