"""Dates of the letting queues in Swedish local time (Europe/Stockholm).

Odoo stores datetimes as naive UTC; the queue's days (publication windows, queue points,
offer deadlines) are Stockholm days.
"""

import datetime

from babel.dates import format_datetime as babel_format_datetime

from odoo.tools.misc import babel_locale_parse

from odoo.addons.housing_base.tools.business_days import add_business_days
from odoo.addons.housing_base.tools.dates import STOCKHOLM, stockholm_date, stockholm_today

__all__ = [
    "STOCKHOLM",
    "format_deadline",
    "offer_deadline",
    "queue_points",
    "stockholm_date",
    "stockholm_today",
]
UTC = datetime.UTC
# How a deadline reads, by language (CLDR patterns); other languages: English.
DEADLINE_PATTERNS = {
    "sv": "EEEE d MMMM 'kl.' HH.mm",
    "en": "EEEE d MMMM 'at' HH:mm",
}


def format_deadline(value, lang):
    """A deadline (naive UTC datetime) as a person reads it, in Swedish time and the
    language ``lang`` (a code such as 'sv_SE'): 'fredag 4 december kl. 23.59',
    'Friday 4 December at 23:59'. Used in lists, forms, e-mails and the portal alike."""
    if not value:
        return ""
    locale = babel_locale_parse(lang or "en_US")
    pattern = DEADLINE_PATTERNS.get(locale.language, DEADLINE_PATTERNS["en"])
    aware = value.replace(tzinfo=UTC)
    return babel_format_datetime(aware, pattern, tzinfo=STOCKHOLM, locale=locale)


def queue_points(queue_start_date, today):
    """A contact's queue points: the days since their queue start date (0 without one)."""
    return max((today - queue_start_date).days, 0) if queue_start_date else 0


def offer_deadline(sent_at, business_days):
    """Naive UTC datetime of 23:59:59 Stockholm time on the ``business_days``-th Swedish
    business day after the Stockholm day of ``sent_at`` (naive UTC).

    An offer sent on Wednesday 1 April 2026 with 3 business days ends on Wednesday
    8 April 2026 at 23:59:59 CEST (21:59:59 UTC): Good Friday and Easter Monday are
    skipped, and so are weekends.
    """
    last_day = add_business_days(stockholm_date(sent_at), business_days)
    local_end = datetime.datetime.combine(last_day, datetime.time(23, 59, 59), tzinfo=STOCKHOLM)
    return local_end.astimezone(UTC).replace(tzinfo=None)
