import itertools
from datetime import date, timedelta

from stdnum import luhn

IDENTITY_SERIALS = itertools.count(1)


def identified_contacts(env, vals_list):
    """Housing contacts as applying needs them: a customer number (is_housing_contact)
    and a personnummer (valid, and different for every contact of the test run)."""
    numbers = []
    for serial in itertools.islice(IDENTITY_SERIALS, len(vals_list)):
        birth = date(1950, 1, 1) + timedelta(days=serial)
        digits = f"{birth:%y%m%d}{serial % 1000:03d}"
        numbers.append(f"{birth:%Y}{digits[2:]}{luhn.calc_check_digit(digits)}")
    return env["res.partner"].create(
        [
            {"is_housing_contact": True, "personal_number": number, **vals}
            for vals, number in zip(vals_list, numbers, strict=True)
        ]
    )
