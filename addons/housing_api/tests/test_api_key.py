from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged


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
