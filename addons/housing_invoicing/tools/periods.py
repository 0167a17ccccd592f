"""Rent periods: months, quarters, due dates (Jordabalken 12 kap. 20 §) and pro rata."""

import datetime

from dateutil.relativedelta import relativedelta

from odoo.addons.housing_base.tools.business_days import is_business_day

DAY = datetime.timedelta(days=1)


def month_start(day):
    return day.replace(day=1)


def month_end(day):
    return month_start(day) + relativedelta(months=1) - DAY


def quarter_months(day):
    """The first days of the three months of ``day``'s calendar quarter."""
    first = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return [first + relativedelta(months=offset) for offset in range(3)]


def due_date(period):
    """Rent for a period is due at the latest on the last weekday before it starts
    (Jordabalken 12 kap. 20 §): Saturdays, Sundays, public holidays and midsummer,
    christmas and new year's eve do not count (lag 1930:173)."""
    day = period - DAY
    while not is_business_day(day):
        day -= DAY
    return day


def covered_days(month, *ranges):
    """Days of ``month`` inside every (start, stop) range (stop None: open), and the
    number of days of the month."""
    first, last = month_start(month), month_end(month)
    for start, stop in ranges:
        first = max(first, start)
        if stop:
            last = min(last, stop)
    return max((last - first).days + 1, 0), month_end(month).day


def prorated(amount, days, month_days):
    """The part of a monthly ``amount`` for ``days`` of a month of ``month_days`` days,
    in öre."""
    if days >= month_days:
        return amount
    return round(amount * days / month_days, 2)
