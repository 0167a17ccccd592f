from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HousingLeaseCase


@tagged("housing_lease")
class TestLeaseAccess(HousingLeaseCase):
    def test_staff_create_and_give_notice_but_not_delete(self):
        lease = self.make_lease(start=date(2025, 1, 1), confirm=False)
        lease.with_user(self.housing_user).action_confirm()
        lease.with_user(self.housing_user).give_notice(date(2026, 1, 10))
        self.assertEqual(lease.state, "notice")
        with self.assertRaises(AccessError):
            lease.with_user(self.housing_user).unlink()

    def test_integration_reads_only(self):
        lease = self.make_lease(start=date(2025, 1, 1))
        self.assertEqual(
            lease.with_user(self.integration_user).read(["name"])[0]["name"], lease.name
        )
        with self.assertRaises(AccessError):
            lease.with_user(self.integration_user).write({"date_end": date(2030, 1, 1)})

    def test_rent_change_and_notice_rules_are_for_managers(self):
        with self.assertRaises(AccessError):
            self.env["housing.lease.rent.change"].with_user(self.housing_user).create(
                {"effective_date": date(2025, 1, 1), "value": 1}
            )
        rule = self.env.ref("housing_lease.notice_rule_parking")
        with self.assertRaises(AccessError):
            rule.with_user(self.housing_user).notice_months = 2
        rule.with_user(self.housing_manager).notice_months = 2

    def test_portal_has_no_access(self):
        lease = self.make_lease(start=date(2025, 1, 1))
        with self.assertRaises(AccessError):
            lease.with_user(self.portal_user).read(["name"])
