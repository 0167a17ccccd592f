"""Swedish identity numbers: personnummer, samordningsnummer and organisationsnummer.

The functions return the normalised form or raise ``ValueError`` with a short
reason code ('format', 'date', 'checksum') that callers turn into a translated
message.
"""

import datetime
import re

from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

from .dates import stockholm_today

_PERSONAL_RE = re.compile(r"^(\d{2})?(\d{6})([-+]?)(\d{4})$")


def normalize_personal_number(value, today=None):
    """Return ``value`` as 'YYYYMMDD-NNNN'.

    Accepts 10 or 12 digits with or without '-' (or '+' for people aged 100
    or more), and samordningsnummer (day of birth + 60). The century of a 10-digit
    number comes from the full birth date: the holder was born on or before ``today``.
    """
    match = _PERSONAL_RE.match(re.sub(r"\s", "", value or ""))
    if not match:
        raise ValueError("format")
    century, yymmdd, separator, tail = match.groups()
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    birth_day = day - 60 if day > 60 else day
    if century:
        year = int(century + yymmdd[:2])
    else:
        year = _ten_digit_year(int(yymmdd[:2]), month, birth_day, separator, today)
    try:
        datetime.date(year, month, birth_day)
    except ValueError as error:
        raise ValueError("date") from error
    if not luhn.is_valid(yymmdd + tail):
        raise ValueError("checksum")
    return f"{year:04d}{yymmdd[2:]}-{tail}"


def _ten_digit_year(yy, month, day, separator, today=None):
    """Birth year of a 10-digit number: the latest year ending in ``yy`` whose birthday
    is not after ``today`` (the company's day), a hundred years earlier with '+'."""
    today = today or stockholm_today()
    year = today.year // 100 * 100 + yy
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    return year - 100 if separator == "+" else year


def normalize_organisation_number(value):
    """Return ``value`` as 'NNNNNN-NNNN' or raise ValueError."""
    try:
        return orgnr.format(orgnr.validate(value or ""))
    except StdnumError as error:
        raise ValueError("checksum" if "checksum" in str(error) else "format") from error
