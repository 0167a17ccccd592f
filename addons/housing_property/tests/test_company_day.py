from datetime import date

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import HousingPropertyCase


@tagged("housing_property")
class TestCompanyDay(HousingPropertyCase):
    """Issue 15, item 9: a day is the company's day (Europe/Stockholm), also for a user or
    the cron user without a time zone (Odoo then uses the UTC day)."""

    @freeze_time("2026-03-31 22:30")  # 00:30 on 1 April in Stockholm
    def test_block_starting_today_in_stockholm_is_in_force(self):
        env = self.env(context=dict(self.env.context, tz="UTC"))
        block = env["housing.rental.block"].create(
            {
                "rental_object_id": self.residence.id,
                "reason": "pest",
                "date_from": date(2026, 4, 1),
            }
        )
        self.assertTrue(block.is_current)
        self.assertEqual(env["housing.rental.block"].search([("is_current", "=", True)]), block)
        self.assertEqual(self.residence.with_env(env).status, "blocked")
        self.assertEqual(
            env["housing.rental.object"].search([("status", "=", "blocked")]), self.residence
        )
        form = Form(env["housing.rental.block"])
        self.assertEqual(form.date_from, date(2026, 4, 1))
