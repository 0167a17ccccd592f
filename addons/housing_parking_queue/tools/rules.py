"""Who may be offered a parking space, and in which order (bilplatskö).

Pure functions over plain facts, so that the same rules serve one applicant asking through
the portal and an offer round over thousands of applicants. The reason codes are stable
strings: the API and the portal expose them. This is the parking category of the letting
engine (housing_letting): the engine's verdicts, ranking key and operation refusals are
those of housing_letting/tools/letting.py.
"""

import datetime
from dataclasses import dataclass

from odoo.addons.housing_letting.tools.letting import (
    ALREADY_APPLIED,
    APPLICATION_CLOSED,
    FIRST_COME,
    LISTING_CLOSED,
    NOT_IDENTIFIED,
    OFFER_EXPIRED,
    OFFER_NOT_ACTIVE,
    OPERATION_REFUSALS,
    LettingRefusal,
    Verdict,
    ranking_key,
)
from odoo.addons.housing_letting.tools.letting import refusal as _refusal

__all__ = [
    "ALREADY_APPLIED",
    "APPLICATION_CLOSED",
    "LISTING_CLOSED",
    "OFFER_EXPIRED",
    "OFFER_NOT_ACTIVE",
    "OPERATION_REFUSALS",
    "LettingRefusal",
    "ranking_key",
]

# Why a contact may not apply, or is not rankable (never offered).
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


def reason_selection(env):
    """(code, label) of every eligibility and priority reason, translated."""
    return [
        (NO_PARKING, env._("No parking lease, a home in the area")),
        (REPLACE_ONLY_PARKING, env._("Replaces their only parking space")),
        (ADDITIONAL_TO_ONE, env._("A second parking space")),
        (REPLACE_ONE_OF_SEVERAL, env._("Replaces one of several parking spaces")),
        (ADDITIONAL_TO_SEVERAL, env._("A third or further parking space")),
        (NOT_TENANT, env._("No current or upcoming housing lease")),
        (CREDIT_CHECK, env._("Rent sent to debt collection recently")),
        (SPECIAL_AREA, env._("Parking in this area is for its own tenants")),
        (SPECIAL_PROPERTY, env._("Parking in this property is for its own tenants")),
        (ADDITIONAL_NOT_ALLOWED, env._("Already rents parking here: may only replace it")),
        (NO_HOUSING_IN_AREA, env._("Neither parking nor a home in the area")),
        (INCOMPLETE_ADDRESS, env._("The contact's address is incomplete")),
    ]


def refusal_messages(env):
    """Message shown to a refused applicant or user, by code (those of the letting engine
    in the parking queue's words)."""
    return {
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
    }


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
