from datetime import date, datetime
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..tools import bgmax
from .common import DEDUCTION, EXACT, INVALID, OVER, PARTIAL, UNKNOWN, sample

START = "01BGMAX               0120260130053012345678P"
OPEN = "050050501055          SEK"
END = "70" + "00000001" + "00000000" + "00000000" + "00000001"


def payment(reference="202600010120", ore="000000000000620000", code="2"):
    return f"20{'0':0>10}{reference:<25}{ore}{code}1{'000000000001':<12}0"


def deposit(ore=620000, count=1):
    return f"15{'':35}2026013000017{ore:018d}SEK{count:08d}"


def parse(*lines):
    return bgmax.parse("\n".join(lines).encode("latin-1"))


@tagged("housing_payment", "at_install", "-post_install")
class TestBgmax(BaseCase):
    def test_sample_file_field_by_field(self):
        result = bgmax.parse(sample("bgmax_sample.txt"))
        self.assertEqual(result.version, 1)
        self.assertEqual(result.written_at, datetime(2026, 1, 30, 5, 30, 12, 345678))
        self.assertFalse(result.is_test)
        first, second = result.deposits
        self.assertEqual((first.bankgiro, first.plusgiro, first.currency), ("50501055", "", "SEK"))
        self.assertEqual(first.account, "00000000000000000000000000000009105")
        self.assertEqual(first.payment_date, date(2026, 1, 30))
        self.assertEqual((first.serial, first.count), ("00017", 6))
        self.assertEqual(first.amount, Decimal("18100.00"))
        self.assertEqual(first.deposit_type, "")
        self.assertEqual(
            [(p.reference, p.amount, p.reference_code) for p in first.payments],
            [
                (EXACT, Decimal(6200), bgmax.REFERENCE_OCR),
                (PARTIAL, Decimal(3000), bgmax.REFERENCE_OCR),
                (OVER, Decimal(7000), bgmax.REFERENCE_OCR),
                (UNKNOWN, Decimal(1500), bgmax.REFERENCE_OCR),
                (INVALID, Decimal(900), bgmax.REFERENCE_INVALID),
                (DEDUCTION, Decimal(-500), bgmax.REFERENCE_OCR),
            ],
        )
        exact, partial, over, _unknown, invalid, deduction = first.payments
        self.assertEqual(exact.sender_bankgiro, "9912346")
        self.assertEqual(exact.channel, bgmax.CHANNEL_ELECTRONIC)
        self.assertEqual(exact.bgc_serial, "000120260001")
        self.assertFalse(exact.has_image)
        self.assertFalse(exact.is_deduction)
        self.assertEqual(exact.payer_name, "ANNA ANDERSSON")
        self.assertEqual((exact.address, exact.postal_code), ("TESTGATAN 1 LGH 1101", "72211"))
        self.assertEqual((exact.city, exact.country_code), ("VÄSTERÅS", "SE"))
        self.assertEqual(exact.organisation_number, "195001019999")
        self.assertEqual(partial.channel, bgmax.CHANNEL_FORM)
        self.assertTrue(partial.has_image)
        self.assertEqual(partial.information, ["Resten betalar jag nästa vecka"])
        self.assertEqual(partial.payer_name, "BERTIL BERGSTRÖM")
        self.assertEqual(len(over.extra_references), 1)
        self.assertEqual(over.extra_references[0].reference, DEDUCTION)
        self.assertEqual(invalid.information, ["Hyra december"])
        self.assertTrue(deduction.is_deduction)
        self.assertEqual(deduction.deduction_code, 0)
        self.assertEqual(second.payment_date, date(2026, 2, 2))
        self.assertEqual([(p.reference, p.amount) for p in second.payments], [(PARTIAL, 3200)])

    def test_statements_of_the_sample(self):
        statements = bgmax.statements(sample("bgmax_sample.txt"))
        self.assertEqual(
            [(s.name, s.date, s.total) for s in statements],
            [
                ("BGMax 2026-01-30 00017", date(2026, 1, 30), Decimal(18100)),
                ("BGMax 2026-02-02 00018", date(2026, 2, 2), Decimal(3200)),
            ],
        )
        line = statements[0].lines[0]
        self.assertEqual(line.key, "bgmax:50501055:20260130:00017:000120260001")
        self.assertTrue(line.structured)
        self.assertFalse(statements[0].lines[4].structured)  # Bankgirot: wrong reference
        keys = [line.key for statement in statements for line in statement.lines]
        self.assertEqual(len(set(keys)), 7)

    def test_unknown_record_types_are_skipped(self):
        result = parse(START, OPEN, payment(), "99 something new", deposit(), END)
        self.assertEqual(len(result.payments), 1)

    def test_malformed_files(self):
        cases = [
            ((OPEN, END), "does not start with a BGMax start record", 1),
            ((START, OPEN, payment(), deposit(ore=1), END), "add up to 6200", 4),
            ((START, OPEN, payment(), deposit(count=2), END), "the deposit record says 2", 4),
            ((START, OPEN, payment(), deposit()), "no end record", 4),
            ((START, OPEN, payment(), END), "no deposit record", 4),
            ((START, payment(), deposit(), END), "before an opening record", 2),
            ((START, OPEN, payment(), deposit(), "70" + "0" * 32), "end record counts", 5),
            ((START, OPEN, payment(ore="x" * 18), deposit(), END), "38-55", 3),
            ((START, OPEN, "26NAME", payment(), deposit(), END), "does not follow", 3),
            ((START, OPEN, payment(), deposit(), END, OPEN), "after the end record", 6),
        ]
        for lines, message, line in cases:
            with self.subTest(message), self.assertRaises(bgmax.BgmaxError) as caught:
                parse(*lines)
            self.assertIn(message, str(caught.exception))
            self.assertEqual(caught.exception.line, line)

    def test_written_file_reads_back(self):
        data = bgmax.write(
            "50501055",
            [(date(2026, 3, 2), "00003", [(EXACT, 6200, "ANNA"), (DEDUCTION, -150.5, "")])],
            datetime(2026, 3, 2, 6, 0),
        )
        result = bgmax.parse(data)
        self.assertEqual(
            [(p.reference, p.amount, p.payer_name) for p in result.payments],
            [(EXACT, Decimal(6200), "ANNA"), (DEDUCTION, Decimal("-150.50"), "")],
        )
        self.assertEqual(result.deposits[0].amount, Decimal("6049.50"))
