"""Swedish business days: weekdays that are neither public holidays nor the de facto
holidays midsummer eve, christmas eve and new year's eve (which lag (1930:173) om beräkning
av lagstadgad tid treats like holidays)."""

import datetime
from functools import lru_cache

import holidays

# python-holidays' categories, never holiday names: names are translated from the
# server's locale (under sv_SE "Midsummer Day" is "Midsommardagen").
SWEDISH_CATEGORIES = ("public", "de_facto")


@lru_cache(maxsize=64)
def swedish_holidays(year):
    """Return the Swedish public and de facto holidays of ``year``."""
    return frozenset(holidays.Sweden(years=year, categories=SWEDISH_CATEGORIES))


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
