from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HousingLeaseCase


@tagged("housing_lease")
class TestNoticeArithmetic(HousingLeaseCase):
    def termination(self, lease_type, notice_date):
        rule = self.env["housing.lease.notice.rule"].search([("lease_type", "=", lease_type)])
        return rule._termination_date(notice_date)

    def test_residence_three_months_to_turn_of_month(self):
        cases = {
            date(2026, 1, 15): date(2026, 4, 30),
            date(2026, 1, 31): date(2026, 4, 30),
            date(2026, 2, 1): date(2026, 5, 31),
            date(2026, 11, 30): date(2027, 2, 28),  # year end, no leap year
            date(2027, 11, 5): date(2028, 2, 29),  # leap year
            date(2026, 12, 31): date(2027, 3, 31),
        }
        for notice, expected in cases.items():
            with self.subTest(notice=notice):
                self.assertEqual(self.termination("residence", notice), expected)

    def test_parking_one_month_and_commercial_nine_months(self):
        self.assertEqual(self.termination("parking", date(2026, 1, 20)), date(2026, 2, 28))
        self.assertEqual(self.termination("parking", date(2027, 12, 31)), date(2028, 1, 31))
        self.assertEqual(self.termination("parking", date(2028, 1, 31)), date(2028, 2, 29))
        self.assertEqual(self.termination("commercial", date(2026, 5, 15)), date(2027, 2, 28))
        self.assertEqual(self.termination("commercial", date(2026, 5, 31)), date(2027, 2, 28))
        self.assertEqual(self.termination("commercial", date(2027, 5, 1)), date(2028, 2, 29))
        self.assertEqual(self.termination("commercial", date(2026, 12, 31)), date(2027, 9, 30))

    def test_rule_is_configurable(self):
        rule = self.env.ref("housing_lease.notice_rule_parking")
        rule.notice_months = 2
        self.assertEqual(self.termination("parking", date(2026, 1, 20)), date(2026, 3, 31))
        rule.to_month_end = False
        self.assertEqual(self.termination("parking", date(2026, 1, 20)), date(2026, 3, 20))
        self.assertEqual(self.termination("parking", date(2027, 12, 31)), date(2028, 2, 29))
        self.assertEqual(self.termination("short_term", date(2026, 1, 20)), date(2026, 1, 20))

    @mute_logger("odoo.sql_db")
    def test_one_rule_per_lease_type(self):
        with self.assertRaises(IntegrityError):
            self.env["housing.lease.notice.rule"].create(
                {"lease_type": "residence", "notice_months": 1}
            )
        self.assertEqual(
            self.env["housing.lease.notice.rule"].search_count([("lease_type", "=", "residence")]),
            1,
        )

    def test_lease_without_rule(self):
        self.env.ref("housing_lease.notice_rule_garage").unlink()
        lease = self.make_lease(self.parking, start=date(2025, 1, 1))
        with self.assertRaisesRegex(UserError, "No notice rule is configured"):
            lease.give_notice(date(2026, 1, 20))
        self.assertEqual(lease.state, "current")
