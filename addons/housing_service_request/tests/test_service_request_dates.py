from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import HousingServiceRequestCase


@tagged("housing_service_request")
class TestServiceRequestCompanyDay(HousingServiceRequestCase):
    """Issue 15, item 9: request, due, performed and closed dates and 'overdue' use the
    company's day (Europe/Stockholm), also for a user or cron user without a time zone."""

    def test_dates_are_stockholm_days(self):
        Request = self.env["maintenance.request"].with_context(tz="UTC")
        with freeze_time("2026-03-01 23:30"):  # 00:30 on 2 March in Stockholm
            request = Request.create(
                {
                    "name": "Läcker kran",
                    "rental_object_id": self.residence.id,
                    "reporter_id": self.tenant.id,
                    "priority_level": "5",
                    "user_id": self.housing_user.id,
                }
            )
            self.assertEqual(request.request_date, date(2026, 3, 2))
            self.assertEqual(request.date_due, date(2026, 3, 7))
            request.stage_id = self.stage["performed"]
            self.assertEqual(request.date_performed, date(2026, 3, 2))
            request.stage_id = self.stage["closed"]
            self.assertEqual(request.close_date, date(2026, 3, 2))
            request.stage_id = self.stage["started"]
        with freeze_time("2026-03-07 23:30"):  # 8 March in Stockholm: one day late
            self.assertTrue(request.is_overdue)
            self.assertIn(request, Request.search([("is_overdue", "=", True)]))
