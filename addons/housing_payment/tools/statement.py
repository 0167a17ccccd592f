"""The bank statements a payments file becomes, whatever its format.

BGMax and camt.054 are read by their own pure parsers (:mod:`.bgmax`, :mod:`.camt054`)
into these plain records; the import then creates one Odoo bank statement per
:class:`Statement`. ``key`` identifies a payment across files: importing a payment that
another file already brought in creates nothing.
"""

import dataclasses
from datetime import date
from decimal import Decimal


@dataclasses.dataclass
class Line:
    key: str
    date: date
    amount: Decimal
    reference: str = ""
    structured: bool = False
    payer_name: str = ""
    note: str = ""


@dataclasses.dataclass
class Statement:
    name: str
    date: date
    currency: str
    bankgiro: str = ""
    iban: str = ""
    lines: list = dataclasses.field(default_factory=list)

    @property
    def total(self):
        return sum((line.amount for line in self.lines), Decimal(0))
