from datetime import date, datetime

from odoo.tests import BaseCase, tagged

from odoo.addons.housing_letting.tools.dates import offer_deadline, stockholm_date


@tagged("housing_parking_queue")
class TestDeadline(BaseCase):
    """Offers end at 23:59:59 Swedish time on the third Swedish business day (UTC in the
    database)."""

    def test_plain_week(self):
        # Monday 9 March 2026, 10:00 CET → Thursday 12 March 23:59:59 CET = 22:59:59 UTC.
        self.assertEqual(
            offer_deadline(datetime(2026, 3, 9, 9, 0), 3), datetime(2026, 3, 12, 22, 59, 59)
        )

    def test_weekend_skipped(self):
        # Thursday 12 March → Tuesday 17 March.
        self.assertEqual(
            offer_deadline(datetime(2026, 3, 12, 12, 0), 3), datetime(2026, 3, 17, 22, 59, 59)
        )

    def test_easter_and_summer_time(self):
        # Wednesday 1 April 2026 → Good Friday and Easter Monday skipped → Wednesday 8 April,
        # in summer time (CEST, UTC+2).
        self.assertEqual(
            offer_deadline(datetime(2026, 4, 1, 8, 0), 3), datetime(2026, 4, 8, 21, 59, 59)
        )

    def test_christmas(self):
        # Tuesday 22 December 2026: 24, 25, 26 (Sat), 27 (Sun), 31 Dec and 1 Jan are not
        # business days → 23, 28, 29.
        self.assertEqual(
            offer_deadline(datetime(2026, 12, 22, 10, 0), 3), datetime(2026, 12, 29, 22, 59, 59)
        )

    def test_swedish_day_of_a_late_evening_offer(self):
        # 23:30 UTC on Sunday is already Monday in Stockholm.
        sent = datetime(2026, 3, 8, 23, 30)
        self.assertEqual(stockholm_date(sent), date(2026, 3, 9))
        self.assertEqual(offer_deadline(sent, 3), datetime(2026, 3, 12, 22, 59, 59))
