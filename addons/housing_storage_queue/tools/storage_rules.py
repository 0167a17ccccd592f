"""Who may be offered a storage room, and in which order (förrådskö).

Pure functions over plain facts, in the style of housing_parking_queue/tools/rules.py, for
the storage category of the letting engine. Mimer's storage rules are not in OneCore
(unverified); the research's proposal: tenants with a housing lease only, priority to a
home in the same property, then in the same residential area, then other tenants; a
storage room can be for its property's residents only. Ranked by storage queue points.
"""

from dataclasses import dataclass

from odoo.addons.housing_letting.tools.letting import Verdict, refusal

# Why a contact may not apply for a storage room.
NOT_TENANT = "not_tenant"
PROPERTY_RESIDENTS_ONLY = "property_residents_only"
REFUSALS = (NOT_TENANT, PROPERTY_RESIDENTS_ONLY)

# Why an eligible applicant has the priority they have.
SAME_PROPERTY = "same_property"
SAME_AREA = "same_area"
OTHER_TENANT = "other_tenant"


@dataclass(frozen=True)
class ApplicantFacts:
    """``housing`` counts the contact's residence leases that are upcoming, current or
    under notice; ``home_in_property`` and ``home_in_area`` whether one of them is in the
    storage room's property and residential area."""

    housing: int = 0
    home_in_property: bool = False
    home_in_area: bool = False


@dataclass(frozen=True)
class ListingTerms:
    residents_only: bool = False  # only for the residents of the storage room's property


def evaluate(terms, facts):
    """The verdict on a contact with ``facts`` applying for a storage room with
    ``terms``."""
    if not facts.housing:
        return refusal(NOT_TENANT)
    if facts.home_in_property:
        return Verdict("1", SAME_PROPERTY)
    if terms.residents_only:
        return refusal(PROPERTY_RESIDENTS_ONLY)
    if facts.home_in_area:
        return Verdict("2", SAME_AREA)
    return Verdict("3", OTHER_TENANT)
