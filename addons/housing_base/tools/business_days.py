"""Swedish business days: weekdays that are neither public holidays nor the
de facto holidays midsummer eve, christmas eve and new year's eve."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def swedish_holidays(year):
    """Return the Swedish public and de facto holidays of ``year``."""
    public = holidays.Sweden(years=year)
    days = set(public)
    midsummer_day = next(d for d, name in public.items() if name == "Midsummer Day")
    days.add(midsummer_day - datetime.timedelta(days=1))
    days.add(datetime.date(year, 12, 24))
    days.add(datetime.date(year, 12, 31))
    return frozenset(days)


def is_business_day(day):
    """True when ``day`` is a Swedish working day."""
    return day.weekday() < 5 and day not in swedish_holidays(day.year)


def add_business_days(day, count):
    """Return the date ``count`` business days after ``day`` (``count`` >= 0),
    counting only business days: Wednesday 1 April 2026 + 3 is Wednesday
    8 April (Good Friday and Easter Monday are skipped)."""
    if count < 0:
        raise ValueError("count must be zero or positive")
    current = day
    while count:
        current += datetime.timedelta(days=1)
        if is_business_day(current):
            count -= 1
    return current
