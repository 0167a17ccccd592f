"""Who may be offered a home, and in which order (bostadskö): Mimer's rules.

Pure functions over plain facts, in the style of housing_parking_queue/tools/rules.py, for
the housing category of the letting engine. Sources (Bostads-AB-Mimer/onecore):
``core/src/services/lease-service/services/is-allowed-num-residents.ts`` (the room type
table), ``.../helpers/application-profile.ts`` and
``services/leasing/.../create-or-update-application-profile.ts`` (the profile's dates),
``libs/types/src/schemas/v1/application-profile*.ts`` (the enums). The reason codes are
stable strings: the API and the portal expose them.
"""

import datetime
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

from odoo.addons.housing_letting.tools.letting import Verdict, deferral, refusal

# Why a contact may not apply for a home, or is not rankable (never offered).
NO_PROFILE = "no_profile"
PROFILE_EXPIRED = "profile_expired"
UNDER_18 = "under_18"
TOO_MANY_RESIDENTS = "too_many_residents"
REFERENCE_REJECTED = "reference_rejected"
MAX_APPLICATIONS = "max_applications"
CREDIT_CHECK = "credit_check"
INCOME_TOO_LOW = "income_too_low"
# In the order they are checked: the first that applies is the reason. The engine has
# checked the contact first: identified, and their housing queue place not lapsed
# (housing_letting's NOT_IDENTIFIED and QUEUE_MEMBERSHIP_EXPIRED).
REFUSALS = (
    NO_PROFILE,
    PROFILE_EXPIRED,
    UNDER_18,
    TOO_MANY_RESIDENTS,
    REFERENCE_REJECTED,
    MAX_APPLICATIONS,
    CREDIT_CHECK,
    INCOME_TOO_LOW,
)
# Checked again when the offer is made, not when applying or invited to a viewing
# (lkf.se: "checks at offer stage"): a reference still under review blocks the contract.
REFERENCE_PENDING = "reference_pending"
# The refusals an offer round disqualifies for (what may have changed since applying).
RECHECKED_AT_OFFER = (REFERENCE_REJECTED, CREDIT_CHECK)

# Why an eligible applicant ranks where they do.
PRIORITY_GROUP = "priority_group"  # förtur: a configured group, before the queue
QUEUE_POINTS = "queue_points"
# The priority of the general queue; förtur groups rank 1 … 8 before it.
QUEUE_PRIORITY = "9"
MAX_PRIORITY_GROUPS = 8

# Mimer's housingType: the applicant's current living situation.
HOUSING_TYPES = (
    "LIVES_WITH_FAMILY",
    "LODGER",
    "RENTAL",
    "SUB_RENTAL",
    "OWNS_HOUSE",
    "OWNS_FLAT",
    "OWNS_ROW_HOUSE",
    "OTHER",
)
# Mimer's reviewStatus of the reference from the current landlord (boendereferens).
APPROVED = "APPROVED"
REJECTED = "REJECTED"
CONTACTED_UNREACHABLE = "CONTACTED_UNREACHABLE"
PENDING = "PENDING"
REFERENCE_NOT_REQUIRED = "REFERENCE_NOT_REQUIRED"
REFERENCE_STATUSES = (APPROVED, REJECTED, CONTACTED_UNREACHABLE, PENDING, REFERENCE_NOT_REQUIRED)
# Mimer's reasonRejected.
REJECTION_REASONS = ("DEBT_TO_LANDLORD", "DISTURBANCE", "LATE_RENT_PAYMENT", "MISMANAGEMENT")

# A profile (and a reference review) is valid this long after it was last saved.
PROFILE_VALID_MONTHS = 6
ADULT_AGE = 18

# Mimer's maxResidents: the most persons (adults + children) per room type code. Codes
# that exist in Xpand but not at Mimer included (ATELJE, SAMLGH, STUD, 1,5 R, 1RKDEL,
# 2,5 ROK, 3,5ROK, 8RK). A code not in the table is allowed any household.
MAX_RESIDENTS = {
    **dict.fromkeys(("SAMLGH", "STUD"), 1),
    **dict.fromkeys(("1RKV", "1RKOK", "1,5 R", "1RKDEL"), 2),
    **dict.fromkeys(("1R", "1RK", "1RKSO", "1RKM", "1RKS", "1RKVS"), 3),
    **dict.fromkeys(
        ("2RK", "2RKV", "2RKM", "2RKKA", "2RKAL", "2RKE", "2RKS", "2RKVS", "2RKVMS", "2,5 ROK"), 4
    ),
    **dict.fromkeys(("3RK", "3RKM", "3RKKA", "3RKAL", "3RKE", "3RKV", "3RKS", "3,5ROK"), 5),
    **dict.fromkeys(("4RK", "4RKM", "4RKKA", "4RKAL", "4RKE"), 7),
    **dict.fromkeys(("5RK", "5RKM", "5RKE", "ATELJE", "8RK"), 8),
    **dict.fromkeys(("6RK", "6RKM", "6RKE"), 10),
}


def max_residents(room_code, table=None):
    """The most persons a home of ``room_code`` may house (``table``: code → persons,
    Mimer's by default); None when the code is unknown (allowed, as at Mimer)."""
    table = MAX_RESIDENTS if table is None else table
    return table.get((room_code or "").strip().upper())


def too_many_residents(num_adults, num_children, room_code, table=None):
    """Mimer's verify-application: adults + children above the room type's maximum."""
    limit = max_residents(room_code, table)
    return limit is not None and num_adults + num_children > limit


@dataclass(frozen=True)
class Profile:
    """An application profile (ansökningsprofil) with its reference (boendereferens).

    ``last_updated_at`` and ``expires_at`` are the profile's (expires six months after the
    applicant last saved it); ``reference_*`` the review by staff: a REJECTED reference
    stands until ``reference_expires_at`` (a quarantine staff choose)."""

    num_adults: int = 1
    num_children: int = 0
    housing_type: str | None = None
    housing_type_description: str | None = None
    landlord: str | None = None
    last_updated_at: datetime.datetime | None = None
    expires_at: datetime.datetime | None = None
    reference_status: str = PENDING
    reference_reason_rejected: str | None = None
    reference_reviewed_at: datetime.datetime | None = None
    reference_expires_at: datetime.datetime | None = None


PROFILE_FIELDS = (
    "num_adults",
    "num_children",
    "housing_type",
    "housing_type_description",
    "landlord",
)
REVIEW_FIELDS = ("reference_status", "reference_reason_rejected", "reference_expires_at")


def _valid_until(now):
    return now + relativedelta(months=PROFILE_VALID_MONTHS)


def save_by_applicant(stored, values, now):
    """The profile after the applicant saves ``values`` (profile fields only) at ``now``:
    every save keeps it valid six more months (Mimer's keep-alive); the review stays as
    staff left it, a new profile's reference is PENDING."""
    values = {key: value for key, value in values.items() if key in PROFILE_FIELDS}
    profile = replace(stored or Profile(), **values)
    return replace(profile, last_updated_at=now, expires_at=_valid_until(now))


def save_by_staff(stored, values, now):
    """The profile after staff save ``values`` (profile and review fields) at ``now``,
    as Mimer's internal portal does (core's makeAdminApplicationProfileRequestParams):

    - a change of the profile (household, living situation, landlord): valid six more
      months from now, last updated now;
    - a change of the review (another status, or REJECTED with another end date):
      reviewed now; the reference stands until the chosen date when REJECTED (today when
      none is given), otherwise six months;
    - nothing changed: every date as it was. A new profile starts without profile dates
      and is reviewed now unless PENDING.
    """
    if stored is None:
        profile = replace(Profile(), **values)
        if profile.reference_status != PENDING:
            profile = _reviewed(profile, now)
        return profile
    profile = replace(stored, **values)
    if any(getattr(profile, name) != getattr(stored, name) for name in PROFILE_FIELDS):
        profile = replace(profile, last_updated_at=now, expires_at=_valid_until(now))
    review_changed = profile.reference_status != stored.reference_status or (
        profile.reference_status == REJECTED
        and profile.reference_expires_at != stored.reference_expires_at
    )
    if review_changed:
        profile = _reviewed(profile, now)
    return profile


def _reviewed(profile, now):
    if profile.reference_status == REJECTED:
        until = profile.reference_expires_at or now
    else:
        until = _valid_until(now)
    return replace(profile, reference_reviewed_at=now, reference_expires_at=until)


def profile_valid(profile, now):
    return bool(profile and profile.expires_at and profile.expires_at >= now)


def reference_rejected(profile, now):
    """A REJECTED reference stands until its end date (inclusive)."""
    return bool(
        profile
        and profile.reference_status == REJECTED
        and (profile.reference_expires_at is None or profile.reference_expires_at >= now)
    )


@dataclass(frozen=True)
class ApplicantFacts:
    """What the housing rules need to know about one contact."""

    profile: Profile | None = None
    birth_date: datetime.date | None = None
    active_applications: int = 0  # other active home applications
    debt_collection_date: datetime.date | None = None
    monthly_income: float | None = None
    priority_group: int | None = None  # förtur: the rank of the contact's group (1 = first)


@dataclass(frozen=True)
class ListingTerms:
    """The home's side of the rules and the policy."""

    room_code: str | None
    monthly_rent: float
    now: datetime.datetime
    debt_collection_since: datetime.date
    max_applications: int = 3  # 0: no limit
    income_factor: float = 0.0  # 0: no income requirement; e.g. 3 (times the rent)
    max_residents: dict | None = None  # room code → persons; None: Mimer's table


def age_on(birth_date, day):
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def evaluate(terms, facts):
    """The verdict on a contact with ``facts`` applying for a home with ``terms``: the
    first refusal that applies (REFUSALS, in order), or their priority: a förtur group's
    rank before the general queue (then queue points rank them, as for parking)."""
    profile = facts.profile
    today = terms.now.date()
    if profile is None:
        return refusal(NO_PROFILE)
    if not profile_valid(profile, terms.now):
        return refusal(PROFILE_EXPIRED)
    if facts.birth_date and age_on(facts.birth_date, today) < ADULT_AGE:
        return refusal(UNDER_18)
    if too_many_residents(
        profile.num_adults, profile.num_children, terms.room_code, terms.max_residents
    ):
        return refusal(TOO_MANY_RESIDENTS)
    if reference_rejected(profile, terms.now):
        return refusal(REFERENCE_REJECTED)
    if terms.max_applications and facts.active_applications >= terms.max_applications:
        return refusal(MAX_APPLICATIONS)
    if facts.debt_collection_date and facts.debt_collection_date >= terms.debt_collection_since:
        return refusal(CREDIT_CHECK)
    if terms.income_factor and (facts.monthly_income or 0) < terms.income_factor * (
        terms.monthly_rent
    ):
        return refusal(INCOME_TOO_LOW)
    return _priority(facts)


def _priority(facts):
    group = facts.priority_group
    if group and 1 <= group <= MAX_PRIORITY_GROUPS:
        return Verdict(str(group), PRIORITY_GROUP)
    return Verdict(QUEUE_PRIORITY, QUEUE_POINTS)


def check_at_offer(terms, facts):
    """The verdict when the offer is made: the application's checks again. A reference
    rejected or a failed credit check since applying disqualifies the applicant when the
    round reaches them (they keep their place in the ranking until then); a reference
    still under review blocks the contract for now only: the round passes them over and
    they may be offered the home once it is approved."""
    verdict = evaluate(terms, facts)
    if verdict.reason in RECHECKED_AT_OFFER:
        return refusal(verdict.reason, _priority(facts).priority)
    if verdict.eligible and facts.profile.reference_status in (PENDING, CONTACTED_UNREACHABLE):
        return deferral(REFERENCE_PENDING, verdict.priority)
    return verdict
