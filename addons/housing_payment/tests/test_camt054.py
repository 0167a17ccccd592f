from datetime import date
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..tools import camt054
from .common import DEDUCTION, EXACT, OVER, PARTIAL, UNKNOWN, sample


@tagged("housing_payment", "at_install", "-post_install")
class TestCamt054(BaseCase):
    def test_sample_file_field_by_field(self):
        (statement,) = camt054.parse(sample("camt054_sample.xml"))
        self.assertEqual(statement.name, "BGC-20260202-5050-1055")
        self.assertEqual((statement.bankgiro, statement.iban), ("50501055", ""))
        self.assertEqual(statement.currency, "SEK")
        self.assertEqual(statement.date, date(2026, 2, 2))
        self.assertEqual(
            [(line.reference, line.amount, line.structured) for line in statement.lines],
            [
                (EXACT, Decimal("6200.00"), True),
                (PARTIAL, Decimal("3000.00"), True),
                (OVER, Decimal("7000.00"), True),
                (UNKNOWN, Decimal("1500.00"), True),
                ("202600010421 Hyra december", Decimal("900.00"), False),
                (DEDUCTION, Decimal("-500.00"), True),
                (PARTIAL, Decimal("3200.00"), True),
            ],
        )
        first, partial = statement.lines[:2]
        self.assertEqual(first.key, "camt054:BG20260130-00017-1")
        self.assertEqual(first.date, date(2026, 1, 30))
        self.assertEqual(first.payer_name, "Anna Andersson")
        self.assertEqual(partial.note, "Resten betalar jag nästa vecka")
        self.assertEqual(statement.lines[-1].date, date(2026, 2, 2))
        # The pending entry (Sts PDNG) is not a payment yet.
        self.assertEqual(statement.total, Decimal("21300.00"))

    def test_not_a_notification(self):
        for data, message in (
            (b"<Document><BkToCstmrStmt/></Document>", "not a camt.054 notification"),
            (b"<Document>", "not XML"),
        ):
            with self.subTest(message), self.assertRaises(camt054.Camt054Error) as caught:
                camt054.parse(data)
            self.assertIn(message, str(caught.exception))

    def test_entities_are_not_resolved(self):
        data = (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<Document><BkToCstmrDbtCdtNtfctn><Ntfctn><Id>&x;</Id></Ntfctn>"
            b"</BkToCstmrDbtCdtNtfctn></Document>"
        )
        self.assertEqual(camt054.parse(data), [])
