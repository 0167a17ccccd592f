"""Bankgirot's incoming payments file, BGMax ("Bankgiro Inbetalningar").

A BGMax file is fixed-width text in ISO 8859-1 (Latin-1), one record (post) of up to 80
characters a line, the record type (transaktionskod, TK) in the first two characters:

- ``01`` start: layout name ``BGMAX``, version, time written, ``T`` for a test file.
- ``05`` opening of a deposit: the payee's bankgiro and plusgiro numbers, the currency.
- ``20`` payment and ``21`` deduction (avdrag): the payer's bankgiro, the reference, the
  amount in öre, the reference code (2 = an OCR number checked by Bankgirot, 5 = a wrong
  reference, ...), the payment channel, Bankgirot's serial number; a deduction also has a
  deduction code.
- ``22``/``23`` an extra reference of the payment before them (23: a negative amount),
  ``25`` a line of the payer's message, ``26`` name, ``27`` address and postal code,
  ``28`` town and country, ``29`` the payer's organisation or personal number.
- ``15`` deposit: closes the deposit opened by ``05`` with the account credited, the
  payment date, the deposit serial number, its amount and its number of payments.
- ``70`` end: the numbers of payments, deductions, extra references and deposits.

Bankgirot asks readers to ignore record types they do not know. Positions below are
1-based, as in Bankgirot's technical manual.
"""

import dataclasses
from datetime import date, datetime
from decimal import Decimal

from odoo.tools import LazyTranslate

from .statement import Line, Statement

_lt = LazyTranslate(__name__)

ENCODING = "latin-1"

REFERENCE_BLANK = 0
REFERENCE_UNAVAILABLE = 1
REFERENCE_OCR = 2
REFERENCE_SEVERAL = 3
REFERENCE_TEXT = 4
REFERENCE_INVALID = 5

CHANNEL_ELECTRONIC = 1
CHANNEL_SUPPLIER_PAYMENTS = 2
CHANNEL_FORM = 3
CHANNEL_AUTOGIRO = 4


class BgmaxError(ValueError):
    """A file that is not a well-formed BGMax file. ``message`` is translatable."""

    def __init__(self, message, line=None):
        super().__init__(message._translate("en_US"))
        self.message = message
        self.line = line


@dataclasses.dataclass
class ExtraReference:
    reference: str
    amount: Decimal
    reference_code: int
    channel: int
    bgc_serial: str


@dataclasses.dataclass
class Payment:
    """A payment (TK20) or a deduction (TK21, a negative ``amount``) with the records
    that follow it."""

    line: int
    sender_bankgiro: str
    reference: str
    amount: Decimal
    reference_code: int
    channel: int
    bgc_serial: str
    has_image: bool
    deduction_code: int | None = None
    extra_references: list = dataclasses.field(default_factory=list)
    information: list = dataclasses.field(default_factory=list)
    payer_name: str = ""
    payer_extra_name: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""
    country_code: str = ""
    organisation_number: str = ""

    @property
    def is_deduction(self):
        return self.deduction_code is not None


@dataclasses.dataclass
class Deposit:
    """One deposit (TK05 ... TK15): the payments credited to the payee's account on one
    payment date."""

    bankgiro: str
    plusgiro: str
    currency: str
    payments: list = dataclasses.field(default_factory=list)
    account: str = ""
    payment_date: date | None = None
    serial: str = ""
    amount: Decimal = Decimal(0)
    count: int = 0
    deposit_type: str = ""


@dataclasses.dataclass
class BgmaxFile:
    version: int
    written_at: datetime
    is_test: bool
    deposits: list = dataclasses.field(default_factory=list)

    @property
    def payments(self):
        return [payment for deposit in self.deposits for payment in deposit.payments]


def _text(record, start, end):
    """Characters ``start`` to ``end`` (1-based, inclusive), without padding blanks."""
    return record[start - 1 : end].strip()


def _number(record, start, end, line):
    value = _text(record, start, end)
    if not value.isdigit():
        raise BgmaxError(
            _lt(
                "positions %(start)s-%(end)s hold %(value)r where a number belongs",
                start=start,
                end=end,
                value=value,
            ),
            line,
        )
    return int(value)


def _amount(record, start, end, line):
    return Decimal(_number(record, start, end, line)) / 100


def _code(record, position):
    value = record[position - 1 : position]
    return int(value) if value.isdigit() else 0


def _date(value, line):
    try:
        return datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        raise BgmaxError(_lt("%(value)r is not a date (YYYYMMDD)", value=value), line) from None


def _payment(record, line):
    deduction = record[:2] == "21"
    amount = _amount(record, 38, 55, line)
    return Payment(
        line=line,
        sender_bankgiro=_text(record, 3, 12).lstrip("0"),
        reference=_text(record, 13, 37),
        amount=-amount if deduction else amount,
        reference_code=_code(record, 56),
        channel=_code(record, 57),
        bgc_serial=_text(record, 58, 69),
        has_image=record[69:70] == "1",
        deduction_code=_code(record, 71) if deduction else None,
    )


def decode(data):
    """The text of a file's bytes: BGMax is Latin-1 (every byte decodes)."""
    return data.decode(ENCODING) if isinstance(data, bytes) else data


def parse(data):
    """Read a BGMax file (bytes or text) into a :class:`BgmaxFile`, checking its
    structure and that the deposits and the end record add up. Raises
    :class:`BgmaxError` naming the line of the first problem."""
    lines = decode(data).splitlines()
    records = [(number, line.rstrip("\r\n")) for number, line in enumerate(lines, 1)]
    records = [(number, record) for number, record in records if record.strip()]
    if not records or records[0][1][:2] != "01" or _text(records[0][1], 3, 22) != "BGMAX":
        raise BgmaxError(_lt("the file does not start with a BGMax start record (01BGMAX)"), 1)
    number, start = records[0]
    try:
        written_at = datetime.strptime(_text(start, 25, 44), "%Y%m%d%H%M%S%f")
    except ValueError:
        raise BgmaxError(_lt("the start record has no valid time stamp"), number) from None
    result = BgmaxFile(
        version=_number(start, 23, 24, number),
        written_at=written_at,
        is_test=start[44:45] == "T",
    )
    deposit = payment = None
    end = None
    for number, record in records[1:]:
        kind = record[:2]
        if end is not None:
            raise BgmaxError(_lt("there are records after the end record (70)"), number)
        if len(record) > 80:
            raise BgmaxError(_lt("a record is longer than 80 characters"), number)
        if kind == "05":
            if deposit is not None:
                raise BgmaxError(
                    _lt("a deposit opens (05) before the last one closed (15)"), number
                )
            deposit = Deposit(
                bankgiro=_text(record, 3, 12).lstrip("0"),
                plusgiro=_text(record, 13, 22).lstrip("0"),
                currency=_text(record, 23, 25),
            )
            payment = None
        elif kind in ("20", "21"):
            if deposit is None:
                raise BgmaxError(_lt("a payment comes before an opening record (05)"), number)
            payment = _payment(record, number)
            deposit.payments.append(payment)
        elif kind in ("22", "23", "25", "26", "27", "28", "29"):
            if payment is None:
                raise BgmaxError(
                    _lt("record %(kind)s does not follow a payment (20 or 21)", kind=kind), number
                )
            if kind in ("22", "23"):
                amount = _amount(record, 38, 55, number)
                payment.extra_references.append(
                    ExtraReference(
                        reference=_text(record, 13, 37),
                        amount=-amount if kind == "23" else amount,
                        reference_code=_code(record, 56),
                        channel=_code(record, 57),
                        bgc_serial=_text(record, 58, 69),
                    )
                )
            elif kind == "25":
                payment.information.append(_text(record, 3, 52))
            elif kind == "26":
                payment.payer_name = _text(record, 3, 37)
                payment.payer_extra_name = _text(record, 38, 72)
            elif kind == "27":
                payment.address = _text(record, 3, 37)
                payment.postal_code = _text(record, 38, 46)
            elif kind == "28":
                payment.city = _text(record, 3, 37)
                payment.country = _text(record, 38, 72)
                payment.country_code = _text(record, 73, 74)
            else:
                payment.organisation_number = _text(record, 3, 14)
        elif kind == "15":
            if deposit is None:
                raise BgmaxError(
                    _lt("a deposit record (15) without an opening record (05)"), number
                )
            deposit.account = _text(record, 3, 37)
            deposit.payment_date = _date(_text(record, 38, 45), number)
            deposit.serial = _text(record, 46, 50)
            deposit.amount = _amount(record, 51, 68, number)
            deposit.currency = _text(record, 69, 71) or deposit.currency
            deposit.count = _number(record, 72, 79, number)
            deposit.deposit_type = _text(record, 80, 80)
            _check_deposit(deposit, number)
            result.deposits.append(deposit)
            deposit = payment = None
        elif kind == "70":
            end = (number, record)
        # Other record types: Bankgirot asks readers to skip what they do not know.
    if deposit is not None:
        raise BgmaxError(_lt("the last deposit has no deposit record (15)"), records[-1][0])
    if end is None:
        raise BgmaxError(_lt("the file has no end record (70)"), records[-1][0])
    _check_end(result, *end)
    return result


def _check_deposit(deposit, line):
    total = sum(payment.amount for payment in deposit.payments)
    if total != deposit.amount:
        raise BgmaxError(
            _lt(
                "the payments of the deposit add up to %(total)s, "
                "the deposit record says %(amount)s",
                total=total,
                amount=deposit.amount,
            ),
            line,
        )
    if len(deposit.payments) != deposit.count:
        raise BgmaxError(
            _lt(
                "the deposit has %(found)s payments, the deposit record says %(count)s",
                found=len(deposit.payments),
                count=deposit.count,
            ),
            line,
        )


def _check_end(result, line, record):
    payments = result.payments
    found = (
        sum(not payment.is_deduction for payment in payments),
        sum(payment.is_deduction for payment in payments),
        sum(len(payment.extra_references) for payment in payments),
        len(result.deposits),
    )
    stated = tuple(_number(record, start, start + 7, line) for start in (3, 11, 19, 27))
    if found != stated:
        raise BgmaxError(
            _lt(
                "the end record counts %(stated)s payments, deductions, extra references and "
                "deposits; the file has %(found)s",
                stated="/".join(map(str, stated)),
                found="/".join(map(str, found)),
            ),
            line,
        )


def statements(data):
    """The bank statements of a BGMax file: one per deposit, a line per payment or
    deduction. An OCR reference checked by Bankgirot is structured; extra references
    and the payer's message go into the note."""
    result = []
    for deposit in parse(data).deposits:
        statement = Statement(
            name=f"BGMax {deposit.payment_date.isoformat()} {deposit.serial}",
            date=deposit.payment_date,
            currency=deposit.currency,
            bankgiro=deposit.bankgiro,
        )
        for index, payment in enumerate(deposit.payments, 1):
            serial = payment.bgc_serial or f"#{index}"
            note = [
                *(f"{extra.reference} {extra.amount}" for extra in payment.extra_references),
                *payment.information,
            ]
            statement.lines.append(
                Line(
                    key=f"bgmax:{deposit.bankgiro}:{deposit.payment_date:%Y%m%d}:"
                    f"{deposit.serial}:{serial}",
                    date=deposit.payment_date,
                    amount=payment.amount,
                    reference=payment.reference,
                    structured=payment.reference_code == REFERENCE_OCR,
                    payer_name=payment.payer_name,
                    note="\n".join(note),
                )
            )
        result.append(statement)
    return result


def write(bankgiro, deposits, written_at, test=False):
    """A BGMax file (bytes) as Bankgirot writes it, for demo data and benchmarks:
    ``deposits`` is a list of ``(payment_date, serial, payments)`` with ``payments`` a
    list of ``(reference, amount, payer_name)``; a negative amount is a deduction."""

    def record(text):
        return text.ljust(80)

    lines = [record(f"01{'BGMAX':<20}01{written_at:%Y%m%d%H%M%S%f}{'T' if test else 'P'}")]
    counts = [0, 0, 0, len(deposits)]
    for payment_date, serial, payments in deposits:
        lines.append(record(f"05{bankgiro:0>10}{'':10}SEK"))
        total = 0
        for index, (reference, amount, payer_name) in enumerate(payments, 1):
            ore = round(Decimal(amount) * 100)
            total += ore
            kind = "21" if ore < 0 else "20"
            counts[kind == "21"] += 1
            code = REFERENCE_OCR if reference else REFERENCE_BLANK
            lines.append(
                record(
                    f"{kind}{'':0>10}{reference:<25}{abs(ore):018d}{code}{CHANNEL_ELECTRONIC}"
                    f"{serial:0>5}{index:07d}0{'0' if kind == '21' else ''}"
                )
            )
            if payer_name:
                lines.append(record(f"26{payer_name[:35]}"))
        lines.append(
            record(f"15{'':35}{payment_date:%Y%m%d}{serial:0>5}{total:018d}SEK{len(payments):08d}")
        )
    lines.append(record("70" + "".join(f"{count:08d}" for count in counts)))
    return ("\r\n".join(lines) + "\r\n").encode(ENCODING)
