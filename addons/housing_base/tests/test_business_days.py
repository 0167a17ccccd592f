import os
from datetime import date
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

from odoo.addons.housing_base.tools.business_days import (
    add_business_days,
    is_business_day,
    swedish_holidays,
)

SWEDISH_LOCALE = {
    "LANGUAGE": "sv_SE:sv",
    "LC_ALL": "sv_SE.UTF-8",
    "LC_MESSAGES": "sv_SE.UTF-8",
    "LANG": "sv_SE.UTF-8",
}


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

    def test_swedish_locale(self):
        """Issue 15 item 1: a server running under LANG=sv_SE.UTF-8 gets the same business
        days. python-holidays localises holiday names from these environment variables
        (under Swedish, "Midsummer Day" is "Midsommardagen"), so the calendar must never look
        a holiday up by its name. The environment is set here so that the test fails under
        any server locale."""
        swedish_holidays.cache_clear()
        self.addCleanup(swedish_holidays.cache_clear)
        with patch.dict(os.environ, SWEDISH_LOCALE):
            self.assertFalse(is_business_day(date(2026, 6, 19)))  # midsommarafton
            self.assertFalse(is_business_day(date(2031, 6, 20)))  # midsommarafton 2031
            self.assertTrue(is_business_day(date(2031, 6, 23)))
            self.assertEqual(add_business_days(date(2026, 12, 22), 3), date(2026, 12, 29))
            # Good Friday 26 and Easter Monday 29 March 2027 are skipped.
            self.assertEqual(add_business_days(date(2027, 3, 24), 2), date(2027, 3, 30))

    def test_the_set_is_swedish_holidays_and_eves(self):
        """Issue 15 item 1 and the deliberate difference from Mimer (onecore
        core/src/utils/date.ts counts only date-holidays' "public" days): under lag
        (1930:173) om beräkning av lagstadgad tid, midsommarafton, julafton and nyårsafton
        count like holidays, so they are not business days for an offer deadline."""
        swedish_holidays.cache_clear()
        self.addCleanup(swedish_holidays.cache_clear)
        self.assertEqual(
            sorted(day for day in swedish_holidays(2027) if day.weekday() < 5),
            [
                date(2027, 1, 1),  # nyårsdagen
                date(2027, 1, 6),  # trettondedag jul
                date(2027, 3, 26),  # långfredagen
                date(2027, 3, 29),  # annandag påsk
                date(2027, 5, 6),  # Kristi himmelsfärdsdag
                date(2027, 6, 25),  # midsommarafton
                date(2027, 12, 24),  # julafton
                date(2027, 12, 31),  # nyårsafton
            ],
        )
