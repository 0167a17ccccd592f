from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.housing_base.tools.dates import stockholm_date, stockholm_today

from .common import HousingApiCase


@tagged("post_install", "-at_install", "housing_api")
class TestIssueApiKey(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.integration_user = new_test_user(
            cls.env, "key_integration", groups="housing_base.group_housing_integration"
        )
        cls.manager = new_test_user(
            cls.env, "key_manager", groups="housing_base.group_housing_manager"
        )
        cls.Keys = cls.env["res.users.apikeys"]

    def test_admin_issues_a_working_key(self):
        key = self.integration_user.with_user(
            self.env.ref("base.user_admin")
        ).housing_issue_api_key("Hyresgästappen")
        self.assertEqual(
            self.Keys._check_credentials(scope="rpc", key=key), self.integration_user.id
        )
        issued = self.Keys.sudo().search([("user_id", "=", self.integration_user.id)])
        self.assertEqual(issued.name, "Hyresgästappen")
        self.assertEqual(issued.scope, "rpc")

    def test_only_administrators(self):
        with self.assertRaisesRegex(AccessError, "Only administrators"):
            self.integration_user.with_user(self.manager).housing_issue_api_key("x")
        self.assertFalse(self.Keys.sudo().search([("user_id", "=", self.integration_user.id)]))

    def test_only_for_integration_users(self):
        with self.assertRaisesRegex(UserError, "not a housing integration user"):
            self.manager.housing_issue_api_key("x")
        with self.assertRaisesRegex(UserError, "Describe what the API key is for"):
            self.integration_user.housing_issue_api_key("  ")
        self.assertFalse(
            self.Keys.sudo().search([("user_id", "in", (self.manager | self.integration_user).ids)])
        )


@tagged("post_install", "-at_install", "housing_api")
class TestIntegrationKeys(HousingApiCase):
    """Issue 14 item 9: keys that work from the day they are issued, and a list of the
    integrations' keys for housing managers with their last use and a revoke action."""

    def test_key_issued_until_today_works_today(self):
        admin = self.env.ref("base.user_admin")
        today = stockholm_today()
        key = self.integration_user.with_user(admin).housing_issue_api_key("Idag", str(today))
        self.assertEqual(
            self.env["res.users.apikeys"]._check_credentials(scope="rpc", key=key),
            self.integration_user.id,
        )
        issued = self.env["res.users.apikeys"].sudo().search([("name", "=", "Idag")])
        self.assertEqual(stockholm_date(issued.expiration_date), today)
        self.assertGreater(issued.expiration_date, fields.Datetime.now())
        with self.assertRaisesRegex(UserError, "has already passed"):
            self.integration_user.with_user(admin).housing_issue_api_key(
                "Igår", str(today - timedelta(days=1))
            )
        self.assertFalse(self.env["res.users.apikeys"].sudo().search([("name", "=", "Igår")]))

    def test_managers_list_and_revoke_integration_keys(self):
        Listed = self.env["housing.api.key"].with_user(self.housing_manager)
        keys = Listed.search([])
        self.assertEqual(keys.user_id, self.integration_user | self.other_integration_user)
        mine = keys.filtered(lambda k: k.user_id == self.integration_user)
        self.assertFalse(mine.last_used_at)
        response = self.url_open(
            "/json/2/housing.rental.object/search_count",
            json={"domain": []},
            headers={"Authorization": f"Bearer {self.key}"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        mine.invalidate_recordset()
        self.assertTrue(mine.last_used_at)
        self.assertFalse(keys.filtered(lambda k: k.user_id != self.integration_user).last_used_at)
        with self.assertRaises(AccessError):
            self.env["housing.api.key"].with_user(self.housing_user).search([])
        with self.assertRaisesRegex(AccessError, "Only housing managers"):
            mine.with_user(self.integration_user).action_revoke()
        mine.action_revoke()
        self.assertFalse(
            self.env["res.users.apikeys"]._check_credentials(scope="rpc", key=self.key)
        )
        response = self.url_open(
            "/json/2/housing.rental.object/search_count",
            json={"domain": []},
            headers={"Authorization": f"Bearer {self.key}"},
        )
        self.assertEqual(response.status_code, 401, response.text)
