"""Deadlines of the dunning and forfeiture rules, on Swedish business days."""

import datetime

from odoo.addons.housing_base.tools.business_days import add_business_days, is_business_day

DAY = datetime.timedelta(days=1)
# Jordabalken 12 kap. 42 § första stycket 1: a residence is forfeitable when the rent is
# more than one week late; 2: premises when it is more than two weekdays (vardagar) late.
RESIDENCE_GRACE_DAYS = 7
PREMISES_GRACE_BUSINESS_DAYS = 2
# Jordabalken 12 kap. 44 §: the tenant keeps the lease by paying within three weeks
# (premises: two weeks) of being notified of the termination.
REGAIN_DAYS = {"residence": 21, "premises": 14}


def next_business_day(day):
    """``day``, or the next business day when it is a Saturday, Sunday or holiday: a
    deadline that ends on such a day ends on the next business day (lag 1930:173)."""
    while not is_business_day(day):
        day += DAY
    return day


def last_day_to_pay(due):
    """The last day a payment of rent due on ``due`` is in time."""
    return next_business_day(due)


def forfeitable_from(due, kind):
    """The first day the lease is forfeitable when the rent due on ``due`` is still
    unpaid: the day after one week (residence) or two business days (premises) from
    the due date."""
    if kind == "residence":
        return next_business_day(due + datetime.timedelta(days=RESIDENCE_GRACE_DAYS)) + DAY
    return add_business_days(due, PREMISES_GRACE_BUSINESS_DAYS) + DAY


def regain_deadline(notified, kind):
    """The last day to pay and keep the lease (återvinningsfrist) after being notified
    of the termination on ``notified``."""
    return next_business_day(notified + datetime.timedelta(days=REGAIN_DAYS[kind]))
