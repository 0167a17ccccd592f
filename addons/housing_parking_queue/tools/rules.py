"""Who may be offered a parking space, and in which order (bilplatskö).

Pure functions over plain facts, so that the same rules serve one applicant asking through
the portal and an offer round over thousands of applicants. The reason codes are stable
strings: the API and the portal expose them.
"""

import datetime
from dataclasses import dataclass

from odoo.exceptions import UserError

# Why a contact may not apply, or is not rankable (never offered).
NOT_IDENTIFIED = "not_identified"
NOT_TENANT = "not_tenant"
CREDIT_CHECK = "credit_check"
SPECIAL_AREA = "special_area"
SPECIAL_PROPERTY = "special_property"
ADDITIONAL_NOT_ALLOWED = "additional_not_allowed"
NO_HOUSING_IN_AREA = "no_housing_in_area"
INCOMPLETE_ADDRESS = "incomplete_address"
REFUSALS = (
    NOT_IDENTIFIED,
    NOT_TENANT,
    CREDIT_CHECK,
    SPECIAL_AREA,
    SPECIAL_PROPERTY,
    ADDITIONAL_NOT_ALLOWED,
    NO_HOUSING_IN_AREA,
    INCOMPLETE_ADDRESS,
)
# Why an operation on a listing, application or offer is refused.
ALREADY_APPLIED = "already_applied"
LISTING_CLOSED = "listing_closed"
OFFER_NOT_ACTIVE = "offer_not_active"
OFFER_EXPIRED = "offer_expired"
APPLICATION_CLOSED = "application_closed"

# How one applies: instead of a parking space one rents, or for one more.
REPLACE = "replace"
ADDITIONAL = "additional"
APPLICATION_TYPES = (REPLACE, ADDITIONAL)

# Why an eligible applicant has the priority they have.
NO_PARKING = "no_parking"
REPLACE_ONLY_PARKING = "replace_only_parking"
ADDITIONAL_TO_ONE = "additional_to_one"
REPLACE_ONE_OF_SEVERAL = "replace_one_of_several"
ADDITIONAL_TO_SEVERAL = "additional_to_several"
FIRST_COME = "first_come"

NOT_RANKABLE = "none"


def reason_selection(env):
    """(code, label) of every eligibility and priority reason, translated."""
    return [
        (NO_PARKING, env._("No parking lease, a home in the area")),
        (REPLACE_ONLY_PARKING, env._("Replaces their only parking space")),
        (ADDITIONAL_TO_ONE, env._("A second parking space")),
        (REPLACE_ONE_OF_SEVERAL, env._("Replaces one of several parking spaces")),
        (ADDITIONAL_TO_SEVERAL, env._("A third or further parking space")),
        (FIRST_COME, env._("First come, first served")),
        (NOT_IDENTIFIED, env._("Not an identified housing contact")),
        (NOT_TENANT, env._("No current or upcoming housing lease")),
        (CREDIT_CHECK, env._("Rent sent to debt collection recently")),
        (SPECIAL_AREA, env._("Parking in this area is for its own tenants")),
        (SPECIAL_PROPERTY, env._("Parking in this property is for its own tenants")),
        (ADDITIONAL_NOT_ALLOWED, env._("Already rents parking here: may only replace it")),
        (NO_HOUSING_IN_AREA, env._("Neither parking nor a home in the area")),
        (INCOMPLETE_ADDRESS, env._("The contact's address is incomplete")),
    ]


def refusal_messages(env):
    """Message shown to a refused applicant or user, by code."""
    return {
        NOT_IDENTIFIED: env._(
            "Applying needs an identified housing contact: a personal identity number (or an "
            "organisation number for a company) and a customer number. Please contact "
            "customer service."
        ),
        NOT_TENANT: env._("Only tenants with a current or upcoming housing lease may apply."),
        CREDIT_CHECK: env._(
            "The application cannot be accepted: rent was sent to debt collection within "
            "the last months."
        ),
        SPECIAL_AREA: env._("This parking space is only for tenants who live in its area."),
        SPECIAL_PROPERTY: env._("This parking space is only for tenants who live in its property."),
        ADDITIONAL_NOT_ALLOWED: env._(
            "You already rent a parking space here: you may only apply to replace it."
        ),
        NO_HOUSING_IN_AREA: env._(
            "You have neither a parking space nor a home in this area, so you cannot be "
            "offered this parking space."
        ),
        INCOMPLETE_ADDRESS: env._(
            "Your address in our register is incomplete (street, postcode and city), so you "
            "cannot apply yet. Contact customer service to have it completed."
        ),
        ALREADY_APPLIED: env._("You have already applied for this parking space."),
        LISTING_CLOSED: env._("This parking space is no longer open for applications."),
        OFFER_NOT_ACTIVE: env._("This offer has already been answered or has expired."),
        OFFER_EXPIRED: env._("The time to answer this offer has run out."),
        APPLICATION_CLOSED: env._("This application can no longer be withdrawn."),
    }


class ParkingRefusal(UserError):
    """A refused parking queue operation: a translated message for people and a stable
    ``code`` for programs."""

    def __init__(self, env, code):
        super().__init__(refusal_messages(env)[code])
        self.code = code


@dataclass(frozen=True)
class ApplicantFacts:
    """What the rules need to know about one contact, relative to one listing.

    ``housing`` counts residence leases that are upcoming, current or under notice,
    ``housing_in_area`` those in the listing's residential area. ``home_in_area`` and
    ``home_in_property`` say whether the home that decides the residents-only rules is in
    the listing's area and property (or property group): the upcoming residence lease when
    there is one, otherwise the current one (one is moving there). ``parking`` counts
    parking and garage leases that are upcoming or current (not under notice), the
    ``parking_in_*`` counts those in the listing's area and property (or property group).
    """

    housing: int = 0
    housing_in_area: int = 0
    home_in_area: bool = False
    home_in_property: bool = False
    parking: int = 0
    parking_in_area: int = 0
    parking_in_property: int = 0
    debt_collection_date: datetime.date | None = None
    complete_address: bool = False


@dataclass(frozen=True)
class ListingTerms:
    """The listing's side of the rules."""

    scored: bool
    special_area: bool
    special_property: bool
    debt_collection_since: datetime.date  # a debt collection on or after this day fails


@dataclass(frozen=True)
class Verdict:
    """``priority`` is '1', '2', '3', 'none' (refused: ``reason`` is a refusal code) or ''
    on first-come-first-served listings. A contact refused only by the checks an offer
    round repeats (credit check, residents-only property, additional not allowed) keeps
    the priority they rank with in ``ranked_as``; the others are not rankable."""

    priority: str
    reason: str
    ranked_as: str = ""

    @property
    def eligible(self):
        return self.priority != NOT_RANKABLE

    @property
    def rankable(self):
        return self.eligible or bool(self.ranked_as)


def _refusal(reason, ranked_as=""):
    return Verdict(NOT_RANKABLE, reason, ranked_as)


def evaluate(terms, facts, application_type):
    """The verdict on a contact with ``facts`` applying with ``application_type``
    ('replace' or 'additional') to a listing with ``terms``.

    Scored listings follow Mimer's two steps: the priority list ranks the applicant (not
    a tenant, outside a residents-only area, or neither parking nor a home in the area:
    not rankable), then the rental rules and the credit check validate them."""
    failed_credit = bool(
        facts.debt_collection_date and facts.debt_collection_date >= terms.debt_collection_since
    )
    if not terms.scored:
        # External listings: anybody with a complete address who passes the credit check.
        if not facts.complete_address:
            return _refusal(INCOMPLETE_ADDRESS)
        return _refusal(CREDIT_CHECK) if failed_credit else Verdict("", FIRST_COME)
    if not facts.housing:
        return _refusal(NOT_TENANT)
    if terms.special_area and not facts.home_in_area:
        return _refusal(SPECIAL_AREA)
    ranked = _priority(facts, application_type)
    rents_parking_here = (terms.special_area and facts.parking_in_area) or (
        terms.special_property and facts.parking_in_property
    )
    if failed_credit:
        refusal = CREDIT_CHECK
    elif terms.special_property and not facts.home_in_property:
        refusal = SPECIAL_PROPERTY
    elif rents_parking_here and application_type != REPLACE:
        refusal = ADDITIONAL_NOT_ALLOWED
    else:
        return ranked
    return _refusal(refusal, ranked.priority if ranked.eligible else "")


def _priority(facts, application_type):
    replace = application_type == REPLACE
    if not facts.parking:
        if not facts.housing_in_area:
            return _refusal(NO_HOUSING_IN_AREA)
        return Verdict("1", NO_PARKING)
    if facts.parking == 1:
        return Verdict("1", REPLACE_ONLY_PARKING) if replace else Verdict("2", ADDITIONAL_TO_ONE)
    if replace:
        return Verdict("2", REPLACE_ONE_OF_SEVERAL)
    return Verdict("3", ADDITIONAL_TO_SEVERAL)


def ranking_key(verdict, queue_start_date, applied_at, application_id):
    """Sort key of the ranking: priority ascending (an applicant an offer round would
    disqualify keeps their place, the not rankable come last), then queue points descending
    (the earlier queue start date first), then the earlier application, then the lower
    id."""
    return (
        verdict.priority if verdict.eligible else verdict.ranked_as or "9",
        queue_start_date or datetime.date.max,
        applied_at,
        application_id,
    )
