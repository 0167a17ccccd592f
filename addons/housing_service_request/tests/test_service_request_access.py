from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HousingServiceRequestCase


@tagged("housing_service_request")
class TestServiceRequestAccess(HousingServiceRequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.report(name="Läckande element", maintenance_team_id=cls.contractor_team.id)
        cls.others = cls.report(name="Trasig dörr")

    def test_contractor_sees_only_own_team(self):
        visible = self.Request.with_user(self.contractor).search([("is_housing", "=", True)])
        self.assertEqual(visible, self.own)
        self.assertFalse(
            self.Request.with_user(self.other_contractor).search([("is_housing", "=", True)])
        )
        with self.assertRaises(AccessError):
            self.others.with_user(self.contractor).read(["name"])

    def test_contractor_works_but_cannot_close(self):
        self.own.with_user(self.contractor).stage_id = self.stage["started"]
        self.assertEqual(self.own.stage_id, self.stage["started"])
        with self.assertRaisesRegex(AccessError, "cannot close"):
            self.own.with_user(self.contractor).stage_id = self.stage["closed"]
        self.assertEqual(self.own.stage_id, self.stage["started"])
        with self.assertRaises(AccessError):
            self.others.with_user(self.contractor).write({"priority_days": 1})

    def test_staff_see_all_and_close(self):
        requests = self.Request.with_user(self.housing_user).search([("is_housing", "=", True)])
        self.assertEqual(requests, self.own | self.others)
        self.others.with_user(self.housing_user).stage_id = self.stage["closed"]
        self.assertTrue(self.others.close_date)

    def test_integration_reads_only(self):
        self.assertEqual(
            self.others.with_user(self.integration_user).read(["name"])[0]["name"], "Trasig dörr"
        )
        with self.assertRaises(AccessError):
            self.others.with_user(self.integration_user).write({"priority_days": 1})

    def test_portal_has_no_backend_access(self):
        with self.assertRaises(AccessError):
            self.Request.with_user(self.portal_user).search([])
