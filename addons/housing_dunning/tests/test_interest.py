from datetime import date

from odoo.tests import BaseCase, tagged

from ..tools import deadlines
from ..tools.interest import late_interest

RATES = [(date(2026, 7, 1), 2.0), (date(2027, 1, 1), 3.0)]


@tagged("housing_dunning")
class TestInterestAndDeadlines(BaseCase):
    """Räntelagen 6 §: reference rate + 8 points, per day on what is unpaid."""

    def test_interest_per_day(self):
        # 10 days at 10 % on 6 200 kr: 6200 * 0.10 * 10 / 365 = 16.986...
        self.assertEqual(
            late_interest(6200, date(2026, 6, 30), date(2026, 7, 10), [], RATES), 16.99
        )
        self.assertEqual(late_interest(6200, date(2026, 6, 30), date(2026, 6, 30), [], RATES), 0.0)

    def test_interest_across_half_years_uses_each_rate(self):
        # 31 Dec at 10 %, 1-9 Jan at 11 %: 6200 * (0.10 + 9 * 0.11) / 365 = 18.515...
        self.assertEqual(
            late_interest(6200, date(2026, 12, 30), date(2027, 1, 9), [], RATES), 18.52
        )

    def test_partial_payment_stops_interest_on_what_was_paid(self):
        # 3 100 paid on 4 Jan still counts that day; from 5 Jan only 3 100 bears interest.
        payments = [(date(2027, 1, 4), 3100)]
        expected = round((6200 * (0.10 + 4 * 0.11) + 3100 * 5 * 0.11) / 365, 2)
        self.assertEqual(
            late_interest(6200, date(2026, 12, 30), date(2027, 1, 9), payments, RATES), expected
        )
        self.assertEqual(expected, 13.84)
        paid = [(date(2027, 1, 4), 6200)]
        self.assertEqual(
            late_interest(6200, date(2026, 12, 30), date(2027, 3, 1), paid, RATES),
            round(6200 * (0.10 + 4 * 0.11) / 365, 2),
        )

    def test_forfeiture_deadlines_on_business_days(self):
        # Residence: more than one week. Due 30 Dec 2026; 6 Jan (trettondedag jul) is a
        # holiday, so the week ends on 7 Jan and the lease is forfeitable from 8 Jan.
        self.assertEqual(
            deadlines.forfeitable_from(date(2026, 12, 30), "residence"), date(2027, 1, 8)
        )
        # Premises: more than two weekdays. Due Thursday 18 June 2026, before midsummer:
        # midsummer eve and the weekend do not count, Monday 22 and Tuesday 23 June do.
        self.assertEqual(
            deadlines.forfeitable_from(date(2026, 6, 18), "premises"), date(2026, 6, 24)
        )
        # Premises due 22 Dec 2026: 23 Dec, then 28 Dec (christmas eve to Sunday skipped).
        self.assertEqual(
            deadlines.forfeitable_from(date(2026, 12, 22), "premises"), date(2026, 12, 29)
        )

    def test_regain_deadline(self):
        # Three weeks from Friday 4 Dec 2026 is Friday 25 Dec (juldagen): Monday 28 Dec.
        self.assertEqual(
            deadlines.regain_deadline(date(2026, 12, 4), "residence"), date(2026, 12, 28)
        )
        self.assertEqual(
            deadlines.regain_deadline(date(2026, 12, 1), "residence"), date(2026, 12, 22)
        )
        self.assertEqual(
            deadlines.regain_deadline(date(2026, 12, 1), "premises"), date(2026, 12, 15)
        )
