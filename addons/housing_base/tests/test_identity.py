from datetime import date

from odoo.tests import BaseCase, tagged

from odoo.addons.housing_base.tools.identity import normalize_personal_number

TODAY = date(2026, 12, 1)


@tagged("housing_base")
class TestPersonalNumberCentury(BaseCase):
    """The century of a 10-digit personnummer (issue 15, item 8; Skatteverket SKV 704:
    '-' means the holder is under 100 on the day, '+' means 100 or older)."""

    def test_birthday_later_this_year_is_last_century(self):
        """On 2026-12-01, 261215-0009 was born on 1926-12-15 (aged 99): never in the future."""
        self.assertEqual(normalize_personal_number("261215-0009", TODAY), "19261215-0009")

    def test_birthday_already_passed_this_year(self):
        self.assertEqual(normalize_personal_number("2601010008", TODAY), "20260101-0008")

    def test_born_today(self):
        self.assertEqual(normalize_personal_number("261201-0005", TODAY), "20261201-0005")

    def test_plus_means_one_hundred_or_older(self):
        self.assertEqual(normalize_personal_number("261215+0009", TODAY), "18261215-0009")
        self.assertEqual(normalize_personal_number("261130+0001", TODAY), "19261130-0001")

    def test_coordination_number_uses_real_birth_day(self):
        """Samordningsnummer: day + 60; 261275 is born on 15 December."""
        self.assertEqual(normalize_personal_number("261275-0006", TODAY), "19261275-0006")

    def test_twelve_digits_unchanged(self):
        self.assertEqual(normalize_personal_number("192612150009", TODAY), "19261215-0009")
