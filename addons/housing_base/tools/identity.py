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

_PERSONAL_RE = re.compile(r"^(\d{2})?(\d{6})([-+]?)(\d{4})$")


def normalize_personal_number(value, today=None):
    """Return ``value`` as 'YYYYMMDD-NNNN'.

    Accepts 10 or 12 digits with or without '-' (or '+' for people aged 100
    or more), and samordningsnummer (day of birth + 60).
    """
    match = _PERSONAL_RE.match(re.sub(r"\s", "", value or ""))
    if not match:
        raise ValueError("format")
    century, yymmdd, separator, tail = match.groups()
    today = today or datetime.date.today()
    if century:
        year = int(century + yymmdd[:2])
    else:
        year = (today.year // 100) * 100 + int(yymmdd[:2])
        if year > today.year:
            year -= 100
        if separator == "+":
            year -= 100
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    birth_day = day - 60 if day > 60 else day
    try:
        datetime.date(year, month, birth_day)
    except ValueError as error:
        raise ValueError("date") from error
    if not luhn.is_valid(yymmdd + tail):
        raise ValueError("checksum")
    return f"{year:04d}{yymmdd[2:]}-{tail}"


def normalize_organisation_number(value):
    """Return ``value`` as 'NNNNNN-NNNN' or raise ValueError."""
    try:
        return orgnr.format(orgnr.validate(value or ""))
    except StdnumError as error:
        raise ValueError("checksum" if "checksum" in str(error) else "format") from error
