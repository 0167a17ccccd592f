"""The letting engine's listings, applications, offers and queue places for every
category (parking, housing, storage): the parking queue's resources with the category,
the applicant count and the contact's own place."""

from typing import Literal

from pydantic import Field

from .base import (
    CustomerNumber,
    Date,
    DateTime,
    PageQuery,
    Query,
    RequestBody,
    Resource,
    selection,
)
from .contacts import ContactRef
from .parking import ParkingApplication, ParkingListing, ParkingOffer
from .register import Code

Category = selection("housing.listing", "category", description="What is let, and so the queue.")


class TypedVerdict(Resource):
    application_type: selection("housing.application", "application_type") | None = Field(
        description="How the contact would apply (parking: replace or additional; null when "
        "the category has one way)."
    )
    eligible: bool
    priority: str | None = Field(
        description="The priority group the contact would rank in ('1' before '2' ...)."
    )
    reason: selection(
        "housing.application",
        "priority_reason",
        description="Why the contact has this priority, or why they may not apply.",
    )
    label: str | None
    message: str | None = Field(
        description="Why the contact may not apply, in the words applying would refuse "
        "with; null when eligible."
    )


class ListingEligibility(Resource):
    """May the contact apply for the listing, by the rules of its category (the verdicts
    applying uses). Applying also needs the listing open and no active application by
    the contact (see the listing and GET /applications)."""

    listing_id: int
    category: Category
    customer_number: str
    verdicts: list[TypedVerdict] = Field(
        description="One per application type of the category (parking: replace and "
        "additional; others: one, with application_type null)."
    )


class EligibilityQuery(Query):
    listing: int = Field(ge=1, description="Listing id.")
    contact: Code = Field(description="Customer number of the contact.")


class OwnApplication(Resource):
    id: int
    state: selection("housing.application", "state")
    rank: int | None = Field(description="The contact's place in the listing's last ranking.")


class Listing(ParkingListing):
    """A published listing of any category."""

    category: Category
    applicant_count: int = Field(description="Active applications, the contact's included.")
    eligibility: list[TypedVerdict] | None = Field(
        None,
        description="Only with the contact filter: may the contact apply, per application "
        "type (null for a protected contact: it would tell where they live).",
    )
    application: OwnApplication | None = Field(
        None, description="Only with the contact filter: the contact's application, if any."
    )


class Application(ParkingApplication):
    category: Category
    application_type: selection("housing.application", "application_type") | None


class Offer(ParkingOffer):
    category: Category


class ApplicationCreate(RequestBody):
    customer_number: CustomerNumber = Field(description="The applicant.")
    application_type: selection("housing.application", "application_type") | None = Field(
        None, description="Parking: replace or additional (default additional); others: none."
    )


class ListingQuery(PageQuery):
    category: Category | None = None
    contact: Code | None = Field(
        None,
        description="Customer number: whether this contact may apply and why not, and their "
        "own application.",
    )
    residential_area: Code | None = Field(None, description="Residential area code.")


class ApplicationQuery(PageQuery):
    category: Category | None = None
    contact: Code | None = Field(None, description="Customer number of the applicant.")
    listing: int | None = Field(None, ge=1, description="Listing id.")
    state: selection("housing.application", "state") | None = None


class OfferQuery(PageQuery):
    category: Category | None = None
    contact: Code | None = Field(None, description="Customer number of the applicant.")
    state: selection("housing.offer", "state") | None = None


class QueuePlace(Resource):
    """A contact's place in one queue: the points are the days since the queue start."""

    id: int
    queue_type: selection("housing.queue.membership", "queue_type")
    queue_name: str
    queue_start_date: Date
    points: int = Field(description="Days in the queue since the queue start date.")
    state: selection("housing.queue.membership", "state")
    last_confirmed_at: DateTime | None
    expires_at: Date | None = Field(
        description="The place lapses after this day unless confirmed again (null: it does "
        "not lapse)."
    )
    refusal_count: int = Field(description="Refusals counting toward the policy's limit.")


class InvitationListing(Resource):
    id: int
    rental_object_code: str


class ViewingInvitation(Resource):
    """An applicant's invitation to view a listing (homes: the first applicants in the
    ranking are invited; the offer then goes, in ranking order, to those interested)."""

    id: int
    category: Category
    listing: InvitationListing
    application_id: int
    contact: ContactRef
    rank: int | None = Field(description="The applicant's place in the ranking when invited.")
    state: selection("housing.viewing.invitation", "state")
    viewing_starts_at: DateTime | None
    viewing_ends_at: DateTime | None
    place: str | None
    sent_at: DateTime
    deadline: DateTime = Field(
        description="23:59:59 Swedish time on the last business day to answer."
    )
    answered_at: DateTime | None
    updated_at: DateTime


class ViewingAnswer(RequestBody):
    customer_number: CustomerNumber = Field(description="The applicant answering.")
    answer: Literal["interested", "not_interested"]


class ViewingInvitationQuery(PageQuery):
    category: Category | None = None
    contact: Code | None = Field(None, description="Customer number of the applicant.")
    state: selection("housing.viewing.invitation", "state") | None = None
