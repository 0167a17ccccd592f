from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import HousingPaymentCase


@tagged("housing_payment", "post_install", "-at_install")
class TestTenantLedger(HousingPaymentCase):
    def aged(self, partner):
        partner.invalidate_recordset()
        return (
            partner.housing_not_due,
            partner.housing_due_0_30,
            partner.housing_due_31_60,
            partner.housing_due_61_90,
            partner.housing_due_over_90,
        )

    def test_buckets_across_month_ends(self):
        """Avier due 30 January 2026 (6,200) and 31 March (1,000): days past due on the
        Stockholm day, February having 28 days."""
        self.make_avi(self.tenant, 1000, "202600020126", due=date(2026, 3, 31))
        cases = [
            ("2026-01-30 12:00", (7200, 0, 0, 0, 0)),  # due today: not late
            ("2026-01-30 23:30", (1000, 6200, 0, 0, 0)),  # 31 Jan 00:30 in Stockholm
            ("2026-03-01 12:00", (1000, 6200, 0, 0, 0)),  # 30 days
            ("2026-03-02 12:00", (1000, 0, 6200, 0, 0)),  # 31 days
            ("2026-03-31 12:00", (1000, 0, 6200, 0, 0)),  # 60 days
            ("2026-04-01 12:00", (0, 1000, 0, 6200, 0)),  # 61 days; the March avi 1 day
            ("2026-04-30 12:00", (0, 1000, 0, 6200, 0)),  # 90 days
            ("2026-05-01 12:00", (0, 0, 1000, 0, 6200)),  # 91 days
        ]
        for now, expected in cases:
            with self.subTest(now), freeze_time(now):
                self.assertEqual(self.aged(self.tenant), expected)

    @freeze_time("2026-03-02 10:00")
    def test_arrears_list(self):
        self.import_sample("bgmax_sample.txt")
        Arrears = self.env["housing.tenant.arrears"]
        in_arrears = Arrears.search([("amount_overdue", ">", 0)])
        self.assertEqual(in_arrears.partner_id, self.other_tenant)
        row = in_arrears
        self.assertEqual((row.amount_31_60, row.days_overdue), (2800, 31))
        self.assertEqual(row.oldest_due_date, date(2026, 1, 30))
        credit = Arrears.search([("amount_credit", "<", 0)])
        self.assertEqual(credit.partner_id, self.co_tenant)
        self.assertEqual(self.co_tenant.housing_unapplied_credit, 800)
        self.assertFalse(Arrears.search([("partner_id", "=", self.tenant.id)]))
        self.assertFalse(Arrears.search([("amount_over_90", ">", 0)]))
        action = self.other_tenant.action_view_housing_open_items()
        items = self.env["account.move.line"].search(action["domain"])
        self.assertEqual(items.move_id, self.avi_partial)
        self.assertEqual(sum(items.mapped("amount_residual")), 2800)
