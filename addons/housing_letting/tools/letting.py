"""The letting engine's side of the rules: verdicts, the ranking key and the refusals of
operations on listings, applications and offers, for every category.

Each category (parking, housing, storage) decides who may apply and with which priority
in its own pure rule module (facts → Verdict); the engine ranks, offers and lets with the
verdicts. The reason codes are stable strings: the API and the portal expose them.
"""

import datetime
from dataclasses import dataclass

from odoo.exceptions import UserError
from odoo.tools import SQL

# Why an operation on a listing, application or offer is refused (every category).
ALREADY_APPLIED = "already_applied"
LISTING_CLOSED = "listing_closed"
OFFER_NOT_ACTIVE = "offer_not_active"
OFFER_EXPIRED = "offer_expired"
APPLICATION_CLOSED = "application_closed"
INVITATION_NOT_ACTIVE = "invitation_not_active"
INVITATION_EXPIRED = "invitation_expired"
# Joining a queue (housing.queue.membership.join_queue) where the contact has a place already.
ALREADY_IN_QUEUE = "already_in_queue"
OPERATION_REFUSALS = (
    ALREADY_APPLIED,
    LISTING_CLOSED,
    OFFER_NOT_ACTIVE,
    OFFER_EXPIRED,
    APPLICATION_CLOSED,
    INVITATION_NOT_ACTIVE,
    INVITATION_EXPIRED,
    ALREADY_IN_QUEUE,
)

# Why a contact may not apply for anything (every category).
NOT_IDENTIFIED = "not_identified"
# Why a contact may not apply for a scored listing: their place in its queue has lapsed
# (not confirmed within the policy's keep-alive months); staff can restore it.
QUEUE_MEMBERSHIP_EXPIRED = "queue_membership_expired"
# Why an eligible applicant on a first-come-first-served listing is where they are.
FIRST_COME = "first_come"

# How many applicants of a ranking the staff screens show (an allocation audit keeps all).
RANKING_SHOWN = 200

# The priority of a contact who may not be offered the listing.
NOT_RANKABLE = "none"
# Where the not rankable sort: after every priority group (priorities are digits).
LAST = "~"


@dataclass(frozen=True)
class Verdict:
    """A category's verdict on one contact applying for one listing.

    ``priority`` is the priority group the applicant ranks in ('1' before '2' …), 'none'
    (refused: ``reason`` is a refusal code) or '' on first-come-first-served listings. A
    contact refused only by the checks an offer round repeats keeps the priority they rank
    with in ``ranked_as`` (the round disqualifies them when it reaches them); the others
    are not rankable. ``deferred``: refused for now only (homes: a reference still under
    review), so the round passes the contact over and keeps their application."""

    priority: str
    reason: str
    ranked_as: str = ""
    deferred: bool = False

    @property
    def eligible(self):
        return self.priority != NOT_RANKABLE

    @property
    def rankable(self):
        return self.eligible or bool(self.ranked_as)


def refusal(reason, ranked_as=""):
    """The verdict refusing a contact for ``reason``."""
    return Verdict(NOT_RANKABLE, reason, ranked_as)


def deferral(reason, ranked_as):
    """The verdict of an offer round on a contact who ranks with ``ranked_as`` but cannot
    be offered the listing yet, for ``reason``: passed over this time, not disqualified."""
    return Verdict(NOT_RANKABLE, reason, ranked_as, deferred=True)


# The array types sql_array makes.
ARRAY_CASTS = {"int": "%s::int[]", "varchar": "%s::varchar[]", "date": "%s::date[]"}


def sql_array(values, sql_type="int"):
    """SQL of an array of ``sql_type`` holding ``values`` (None: NULL), as one literal:
    a ranking sends tens of thousands of ids, ranks and codes to PostgreSQL, which parses
    one literal in milliseconds, where an ARRAY[...] of as many parameters takes a tenth
    of a second to adapt and plan."""
    items = (
        "NULL"
        if value is None
        else '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
        for value in values
    )
    return SQL(ARRAY_CASTS[sql_type], "{" + ",".join(items) + "}")


def ranking_key(verdict, queue_start_date, applied_at, application_id):
    """Sort key of the ranking: priority ascending (an applicant an offer round would
    disqualify keeps their place, the not rankable come last), then queue points descending
    (the earlier queue start date first), then the earlier application, then the lower
    id."""
    return (
        verdict.priority if verdict.eligible else verdict.ranked_as or LAST,
        queue_start_date or datetime.date.max,
        applied_at,
        application_id,
    )


class LettingRefusal(UserError):
    """A refused letting operation: a translated message for people and a stable ``code``
    for programs. ``messages`` are the messages of the listing's category by code (see
    housing.letting.rules._refusal_messages)."""

    def __init__(self, messages, code):
        super().__init__(messages[code])
        self.code = code
