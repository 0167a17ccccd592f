from datetime import date

from odoo.tests import TransactionCase, tagged

from odoo.addons.housing_base.tools.business_days import add_business_days, is_business_day


@tagged("housing_base")
class TestBusinessDays(TransactionCase):
    def test_weekend_is_not_a_business_day(self):
        self.assertTrue(is_business_day(date(2026, 11, 20)))  # Friday
        self.assertFalse(is_business_day(date(2026, 11, 21)))  # Saturday
        self.assertFalse(is_business_day(date(2026, 11, 22)))  # Sunday

    def test_easter(self):
        # Wednesday before Easter 2026: Good Friday 3 April and Easter Monday 6 April are skipped.
        self.assertEqual(add_business_days(date(2026, 4, 1), 3), date(2026, 4, 8))
        self.assertFalse(is_business_day(date(2026, 4, 3)))
        self.assertFalse(is_business_day(date(2026, 4, 6)))

    def test_midsummer(self):
        # Midsummer eve (Friday 19 June 2026) is a de facto holiday.
        self.assertFalse(is_business_day(date(2026, 6, 19)))
        self.assertEqual(add_business_days(date(2026, 6, 17), 3), date(2026, 6, 23))
        # 2027: midsummer eve is Friday 25 June.
        self.assertFalse(is_business_day(date(2027, 6, 25)))
        self.assertTrue(is_business_day(date(2027, 6, 18)))

    def test_christmas_and_new_year(self):
        # 24, 25, 26 and 31 December and 1 and 6 January are not business days.
        self.assertEqual(add_business_days(date(2026, 12, 22), 3), date(2026, 12, 29))
        self.assertEqual(add_business_days(date(2026, 12, 29), 2), date(2027, 1, 4))
        self.assertEqual(add_business_days(date(2027, 1, 5), 1), date(2027, 1, 7))

    def test_counting_from_a_weekend(self):
        # Offer sent on a Saturday: Monday, Tuesday, Wednesday.
        self.assertEqual(add_business_days(date(2026, 11, 21), 3), date(2026, 11, 25))
        self.assertEqual(add_business_days(date(2026, 11, 21), 0), date(2026, 11, 21))

    def test_negative_count_is_refused(self):
        with self.assertRaises(ValueError):
            add_business_days(date(2026, 11, 20), -1)
