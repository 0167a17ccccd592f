"""The company's day: every date that depends on "today" is a day in Europe/Stockholm.

Odoo's ``fields.Date.context_today`` uses the time zone of the user (UTC for a user or
cron user without one), so between Swedish midnight and 01:00/02:00 it still gives
yesterday. Use these helpers wherever a day matters.
"""

import datetime
from zoneinfo import ZoneInfo

from odoo import fields

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def stockholm_date(utc_datetime):
    """The Stockholm calendar day of a naive UTC datetime."""
    return utc_datetime.replace(tzinfo=datetime.UTC).astimezone(STOCKHOLM).date()


def stockholm_today(*_record):
    """Today in Stockholm. Usable as a field default (``default=stockholm_today``)."""
    return stockholm_date(fields.Datetime.now())
