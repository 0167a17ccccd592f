from datetime import date

from odoo.tests import tagged

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
        self.assertEqual(self.termination("commercial", date(2026, 5, 31)), date(2027, 2, 28))
        self.assertEqual(self.termination("commercial", date(2027, 5, 29)), date(2028, 2, 29))

    def test_rule_is_configurable(self):
        rule = self.env.ref("housing_lease.notice_rule_parking")
        rule.notice_months = 2
        self.assertEqual(self.termination("parking", date(2026, 1, 20)), date(2026, 3, 31))
