import base64

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HousingPaymentCase, sample, truncated


@tagged("housing_payment", "post_install", "-at_install")
class TestPaymentAccess(HousingPaymentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env, "anna_portal_pay", groups="base.group_portal", partner_id=cls.tenant.id
        )
        cls.integration_user = new_test_user(
            cls.env, "pay_integration", groups="housing_base.group_housing_integration"
        )
        # Staff of the housing company without Billing (a caretaker, customer service).
        cls.internal_user = new_test_user(cls.env, "pay_internal", groups="base.group_user")
        cls.content = base64.b64encode(sample("bgmax_sample.txt")).decode()

    def test_who_may_import(self):
        for user in (self.lease_user, self.portal_user, self.internal_user):
            with self.subTest(user.login), self.assertRaises(AccessError):
                self.Import.with_user(user).import_file(self.content, "x.txt")
        self.assertFalse(self.Import.search([]))
        record = self.import_sample("bgmax_sample.txt", user=self.lease_manager)
        self.assertEqual(record.line_count, 7)
        self.assertEqual(record.user_id, self.lease_manager)
        # The wizard and the queue are the managers' (Billing).
        self.assertTrue(
            self.StLine.with_user(self.lease_manager).search(
                [("housing_import_id", "=", record.id)]
            )
        )

    def test_integration_imports_over_json2(self):
        """A bank file fetcher imports with a Billing user's API key of its own. The housing
        integration group (tenant apps, the housing API's integrators) may not: a forged
        file would mark rent as paid."""
        with self.assertRaises(AccessError):
            self.Import.with_user(self.integration_user).import_file(self.content, "x.txt")
        fetcher = new_test_user(
            self.env, "pay_bank_fetcher", groups="account.group_account_invoice"
        )
        Import = self.Import.with_user(fetcher)
        record_id = Import.import_file(self.content, "x.txt")
        self.assertEqual(Import.import_file(self.content, "x.txt"), record_id)
        self.assertEqual(Import.browse(record_id).name, "x.txt")
        self.assertEqual(self.avi_exact.payment_state, "paid")

    def test_no_one_else_reads_payments(self):
        record = self.import_sample("bgmax_sample.txt")
        for user in (self.lease_user, self.portal_user, self.internal_user):
            with self.subTest(user.login):
                with self.assertRaises(AccessError):
                    self.StLine.with_user(user).search([])
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["name"])
        for user in (self.portal_user, self.internal_user):
            with self.subTest(user.login), self.assertRaises(AccessError):
                self.env["housing.tenant.arrears"].with_user(user).search([])
        # Housing staff see the tenant's aged balance on the contact, not the payments.
        self.assertEqual(self.other_tenant.with_user(self.lease_user).housing_open, 2800)
        self.assertTrue(self.env["housing.tenant.arrears"].with_user(self.lease_user).search([]))

    def test_swedish(self):
        sv = self.env(context={"lang": "sv_SE"})
        self.env["ir.module.module"]._load_module_terms(["housing_payment"], ["sv_SE"])
        menu = sv.ref("housing_payment.menu_housing_unmatched_payments")
        self.assertEqual(menu.name, "Omatchade inbetalningar")
        with self.assertRaises(Exception) as caught:
            sv["housing.payment.import"]._import_file(truncated(), "x.txt")
        self.assertIn("rad 20: filen saknar slutpost (70)", str(caught.exception))
