"""Late-payment interest (dröjsmålsränta) under räntelagen (1975:635).

6 §: the interest is the reference rate plus eight percentage points a year; 9 §: the
Riksbank sets the reference rate for each calendar half-year. The interest runs per day
on the amount still unpaid that day, from the due date until the day of payment."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

DAY = datetime.timedelta(days=1)
# Räntelagen 6 §: percentage points above the reference rate.
SURCHARGE_POINTS = 8
DAYS_PER_YEAR = 365


def late_interest(amount, due, as_of, payments, reference_rates):
    """Interest on ``amount`` due on ``due``, accrued until ``as_of`` (inclusive).

    ``payments`` are (date, amount) pairs: a payment on day D stops the interest on
    that amount after D (the day of payment itself still counts). ``reference_rates``
    are (first day, rate in percent) pairs; a day before the first rate known counts
    no interest. Returns the interest rounded to öre."""
    rates = sorted(reference_rates)
    paid_by_day = sorted(payments)
    total = Decimal(0)
    outstanding = Decimal(str(amount))
    day = due + DAY
    index = 0
    # Payments on or before the due date reduce the amount the interest runs on.
    while index < len(paid_by_day) and paid_by_day[index][0] <= due:
        outstanding -= Decimal(str(paid_by_day[index][1]))
        index += 1
    while day <= as_of and outstanding > 0:
        rate = rate_on(day, rates)
        if rate is not None:
            total += outstanding * (Decimal(str(rate)) + SURCHARGE_POINTS) / 100 / DAYS_PER_YEAR
        # A payment on ``day`` stops the interest on it from the next day.
        while index < len(paid_by_day) and paid_by_day[index][0] <= day:
            outstanding -= Decimal(str(paid_by_day[index][1]))
            index += 1
        day += DAY
    return float(total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def rate_on(day, sorted_rates):
    """The reference rate in force on ``day`` (the last one starting on or before it)."""
    current = None
    for first_day, rate in sorted_rates:
        if first_day > day:
            break
        current = rate
    return current
