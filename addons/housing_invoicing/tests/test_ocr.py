from stdnum import luhn

from odoo.tests import BaseCase, tagged

from ..tools import ocr


@tagged("housing_invoicing")
class TestOcr(BaseCase):
    """OCR references per Bankgirot: Luhn check digit, and a length digit that is the last
    digit of the total length."""

    def test_worked_examples(self):
        # Worked by hand: 1234567890 has 12 digits with length and check digit, so the
        # length digit is 2 (not 1, the first digit of 12 as l10n_se computes it); the
        # Luhn check digit of 12345678902 is 3.
        self.assertEqual(ocr.make_reference("1234567890"), "123456789023")
        # 123: five digits in all, length digit 5; Luhn of 1235 gives 1.
        self.assertEqual(ocr.make_reference("123"), "12351")
        # The textbook Luhn example: 7992739871 has the check digit 3.
        self.assertEqual(ocr.make_reference("7992739871", with_length=False), "79927398713")
        # Exactly ten digits in all: the length digit is 0.
        self.assertEqual(ocr.make_reference("12345678")[-2], "0")

    def test_against_python_stdnum(self):
        """An independent implementation (python-stdnum's luhn) agrees on every length."""
        for length in range(1, 24):
            base = "".join(str((7 * index + length) % 10) for index in range(length))
            with self.subTest(base=base):
                reference = ocr.make_reference(base)
                self.assertTrue(luhn.is_valid(reference))
                self.assertEqual(reference[:-1], base + str(len(reference) % 10))
                self.assertEqual(reference[-1], luhn.calc_check_digit(reference[:-1]))
                self.assertTrue(ocr.is_valid_reference(reference))

    def test_l10n_se_length_digit_is_refused(self):
        """l10n_se's level 3 reference for 1234567890 (length digit 1) fails the length
        control, though its check digit is right."""
        l10n_se_style = "12345678901" + luhn.calc_check_digit("12345678901")
        self.assertTrue(luhn.is_valid(l10n_se_style))
        self.assertFalse(ocr.is_valid_reference(l10n_se_style))
        self.assertTrue(ocr.is_valid_reference(l10n_se_style, with_length=False))

    def test_bad_references(self):
        for reference in ("", "12a4", "123456789024", "1"):
            with self.subTest(reference=reference):
                self.assertFalse(ocr.is_valid_reference(reference))
        with self.assertRaises(ValueError):
            ocr.make_reference("12-3")
        with self.assertRaises(ValueError):
            ocr.make_reference("1" * 24)

    def test_bankgiro_and_payment_line(self):
        self.assertEqual(ocr.format_bankgiro("50501055"), "5050-1055")
        with self.assertRaises(ValueError):
            ocr.bankgiro_digits("5050-1056")
        line = ocr.payment_line("123456789023", 6200.5, "5050-1055")
        # Amount check digit: Luhn of 620050 is 5.
        self.assertEqual(line, "# 123456789023 #  6200 50   5 >  50501055#41#")
        self.assertEqual(luhn.calc_check_digit("620050"), "5")
