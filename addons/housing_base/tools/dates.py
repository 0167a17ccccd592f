"""The company's day: every date that depends on "today" is a day in Europe/Stockholm.

Odoo's ``fields.Date.context_today`` uses the time zone of the user (UTC for a user or
cron user without one), so between Swedish midnight and 01:00/02:00 it still gives
yesterday. Use these helpers wherever a day matters.
"""

import datetime
from zoneinfo import ZoneInfo

from odoo import fields, models
from odoo.exceptions import ValidationError

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def stockholm_date(utc_datetime):
    """The Stockholm calendar day of a naive UTC datetime."""
    return utc_datetime.replace(tzinfo=datetime.UTC).astimezone(STOCKHOLM).date()


def stockholm_today(*_record):
    """Today in Stockholm. Usable as a field default (``default=stockholm_today``)."""
    return stockholm_date(fields.Datetime.now())


def parse_date(value):
    """The day of ``value``: a date, or exactly 'YYYY-MM-DD' (as JSON sends dates and
    forms post them). Anything else, also a valid date followed by more text, raises
    ValueError: Odoo's ``fields.Date.to_date`` keeps the first ten characters."""
    if isinstance(value, datetime.datetime):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise ValueError(f"not a date: {value!r}")
    return datetime.date.fromisoformat(value)


def date_argument(env, value, name):
    """``value`` of the method argument ``name`` as a date, from a date or the ISO text
    JSON sends ('2026-12-31'); anything else is a ValidationError naming it (an
    integration calling over JSON-2 gets a 422, not a server error)."""
    if not value:
        return value
    try:
        return parse_date(value)
    except (ValueError, TypeError):
        raise ValidationError(
            env._("%(name)s must be a date as YYYY-MM-DD, not %(value)s.", name=name, value=value)
        ) from None


def record_argument(model, value, name):
    """``value`` of the method argument ``name`` as a record of ``model``: a record, or
    the id JSON sends; an id that does not exist is a ValidationError naming it."""
    if isinstance(value, models.BaseModel):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            model.env._("%(name)s must be a record id, not %(value)s.", name=name, value=value)
        )
    record = model.browse(value).exists()
    if not record:
        raise ValidationError(
            model.env._("%(name)s: there is no record with id %(value)s.", name=name, value=value)
        )
    return record
