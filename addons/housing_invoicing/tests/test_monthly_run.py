from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from ..models.housing_invoice_billing import HousingInvoiceBilling
from ..tools import ocr, periods
from .common import HousingInvoicingCase

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


@tagged("housing_invoicing", "post_install", "-at_install")
class TestMonthlyRun(HousingInvoicingCase):
    def terminate(self, lease, day):
        """The lease ends on ``day`` (as after an agreed notice: billing looks at the
        termination date only)."""
        lease.write({"state": "notice", "notice_date": day, "termination_date": day})

    def invoice_lines(self, move):
        return [(line.name, line.price_subtotal) for line in move.invoice_line_ids]

    def test_due_date_is_last_weekday_before_the_month(self):
        # 31 December is new year's eve (like a holiday), so January is due on the 30th.
        self.assertEqual(periods.due_date(JAN), date(2025, 12, 30))
        self.assertEqual(periods.due_date(MAR), date(2026, 2, 27))  # 28 Feb is a Saturday
        self.assertEqual(periods.due_date(date(2026, 6, 1)), date(2026, 5, 29))

    def test_samavisering_of_three_leases(self):
        """Flat, parking and storage of one tenant on one avi, in Swedish, due on the last
        weekday before the month, with a valid OCR reference, posted."""
        self.make_lease(self.residence)
        self.make_lease(self.parking)
        self.make_lease(self.storage)
        other = self.lease_for(self.co_tenant, self.premises)
        moves = self.run_period(FEB, date(2026, 1, 10))
        self.assertEqual(len(moves), 2)
        avi = moves.filtered(lambda move: move.partner_id == self.tenant)
        self.assertEqual(avi.state, "posted")
        self.assertEqual(avi.move_type, "out_invoice")
        self.assertEqual(avi.invoice_date_due, date(2026, 1, 30))
        self.assertEqual(avi.journal_id, self.company.housing_invoice_journal_id)
        self.assertEqual(
            sorted(self.invoice_lines(avi)),
            [
                (f"{self.base_rent} 999-001-01-0001, februari 2026", 6200.0),
                (f"{self.base_rent} 999-001-F-001, februari 2026", 150.0),
                (f"{self.base_rent} 999-001-P-001, februari 2026", 950.0),
            ],
        )
        self.assertEqual(avi.amount_total, 7300.0)
        self.assertEqual(avi.invoice_origin, "Hyra februari 2026")
        self.assertEqual(avi.amount_tax, 0.0)
        self.assertTrue(ocr.is_valid_reference(avi.payment_reference))
        self.assertEqual(
            set(avi.invoice_line_ids.account_id.mapped("code")), {"39111", "39112", "39113"}
        )
        self.assertEqual(moves - avi, other.billing_ids.move_id)

    def test_pro_rata_at_start_and_end(self):
        starting = self.make_lease(self.residence, start=date(2026, 1, 15))
        ending = self.lease_for(self.co_tenant, self.parking)
        self.terminate(ending, date(2026, 1, 20))
        moves = self.run_period(JAN, date(2026, 1, 2))
        avi = moves.filtered(lambda move: move.partner_id == self.tenant)
        self.assertEqual(
            self.invoice_lines(avi),
            [(f"{self.base_rent} 999-001-01-0001, januari 2026 (17 av 31 dagar)", 3400.0)],
        )
        self.assertEqual(starting.billing_ids.amount, 3400.0)
        avi = moves - avi
        self.assertEqual(
            self.invoice_lines(avi),
            [(f"{self.base_rent} 999-001-P-001, januari 2026 (20 av 31 dagar)", 612.9)],
        )
        # January's due date has passed when the run bills it: ten business days.
        self.assertEqual(avi.invoice_date_due, date(2026, 1, 19))
        # The ended lease is not billed for February.
        moves = self.run_period(FEB, date(2026, 1, 12))
        self.assertEqual(moves.partner_id, self.tenant)

    def test_vat_on_premises_by_fiscal_position(self):
        premises = self.lease_for(
            self.co_tenant,
            self.premises,
            fiscal_position_id=self.company.housing_vat_fiscal_position_id.id,
        )
        self.make_lease(self.residence)
        moves = self.run_period(FEB, date(2026, 1, 10))
        avi = premises.billing_ids.move_id
        self.assertEqual(avi.amount_untaxed, 12000.0)
        self.assertEqual(avi.amount_tax, 3000.0)
        self.assertEqual(avi.invoice_line_ids.account_id.code, "39131")
        self.assertEqual(avi.invoice_line_ids.tax_ids.amount, 25.0)
        home = moves - avi
        self.assertEqual(home.amount_tax, 0.0)
        self.assertEqual(home.invoice_line_ids.tax_ids, self.company.housing_exempt_tax_id)

    def test_no_vat_on_homes(self):
        lease = self.make_lease(self.residence)
        with self.assertRaisesRegex(Exception, "exempt from VAT"):
            lease.fiscal_position_id = self.company.housing_vat_fiscal_position_id

    def test_co_tenants_avi_to_main_tenant_or_trustee(self):
        lease = self.make_lease(
            self.residence,
            tenant_line_ids=[
                Command.create({"partner_id": self.tenant.id, "role": "main"}),
                Command.create({"partner_id": self.co_tenant.id, "role": "co"}),
            ],
        )
        avi = self.run_period(JAN)
        self.assertEqual(avi.partner_id, self.tenant)
        self.assertEqual(avi.housing_joint_tenants, "Anna Andersson, Ali Andersson")
        trustee = self.make_tenant("God Man")
        lease.avi_partner_id = trustee
        self.assertEqual(self.run_period(FEB).partner_id, trustee)

    def test_quarterly_lease(self):
        lease = self.make_lease(self.parking, billing_frequency="quarterly")
        avi = self.run_period(JAN)
        self.assertEqual(len(avi.invoice_line_ids), 3)
        self.assertEqual(sorted(lease.billing_ids.mapped("period")), [JAN, FEB, MAR])
        self.assertEqual(lease.avi_count, 1)
        self.assertEqual(self.env["account.move"].search(lease.action_view_avier()["domain"]), avi)
        self.assertFalse(self.run_period(FEB))

    def test_running_twice_creates_nothing_new(self):
        self.make_lease(self.residence)
        self.lease_for(self.co_tenant, self.parking)
        first = self.run_period(FEB)
        self.assertEqual(len(first), 2)
        self.assertFalse(self.run_period(FEB))
        self.assertEqual(self.Billing.search_count([("period", "=", FEB)]), 2)

    def test_a_lease_and_month_is_billed_once(self):
        lease = self.make_lease(self.residence)
        avi = self.run_period(FEB)
        self.assertConstraintError(
            "housing.invoice.billing",
            "This lease has already been billed for this month.",
            lambda: self.Billing.create(
                {
                    "lease_id": lease.id,
                    "partner_id": self.tenant.id,
                    "period": FEB,
                    "amount": 6200,
                    "move_id": avi.id,
                }
            ).flush_recordset(),
        )

    def test_crash_in_the_middle_resumes(self):
        """A run that stops after its first batch bills the rest when run again, and
        nobody twice."""
        tenants = [self.tenant, self.co_tenant, self.make_tenant("Cilla Carlsson")]
        for tenant, rental_object in zip(
            tenants, (self.residence, self.parking, self.storage), strict=True
        ):
            self.lease_for(tenant, rental_object)
        original = HousingInvoiceBilling._create_avier
        calls = []

        def crash_on_second_batch(billing, *args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                raise RuntimeError("server stopped")
            return original(billing, *args, **kwargs)

        with (
            patch.object(HousingInvoiceBilling, "_create_avier", crash_on_second_batch),
            patch.object(type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: 0),
            self.assertRaisesRegex(RuntimeError, "server stopped"),
        ):
            self.run_period(FEB, batch_size=1, commit=True)
        self.assertEqual(self.Billing.search_count([("period", "=", FEB)]), 1)
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: 0):
            moves = self.run_period(FEB, batch_size=1, commit=True)
        self.assertEqual(len(moves), 2)
        billed = self.Billing.search([("period", "=", FEB)])
        self.assertEqual(sorted(billed.partner_id.ids), sorted(p.id for p in tenants))

    def test_credit_note_for_months_billed_after_the_end(self):
        lease = self.make_lease(self.residence)
        self.run_period(JAN)
        self.run_period(FEB)
        # Staff agree that the lease ended on 15 January, after both months were billed.
        self.terminate(lease, date(2026, 1, 15))
        lease._update_states(date(2026, 2, 20))
        self.assertEqual(lease.state, "ended")
        credit = self.run_period(MAR, date(2026, 2, 20))
        self.assertEqual(credit.move_type, "out_refund")
        self.assertEqual(credit.partner_id, self.tenant)
        self.assertEqual(
            sorted(self.invoice_lines(credit)),
            [
                (
                    "Kreditering 999-001-01-0001, februari 2026: "
                    "kontraktet upphörde 15 januari 2026",
                    6200.0,
                ),
                (
                    "Kreditering 999-001-01-0001, januari 2026: "
                    "kontraktet upphörde 15 januari 2026",
                    3200.0,
                ),
            ],
        )
        self.assertEqual(credit.amount_total, 9400.0)
        self.assertFalse(self.run_period(MAR, date(2026, 2, 21)))

    def test_credit_note_for_a_cancelled_lease(self):
        """An upcoming lease billed in advance, then cancelled before it started."""
        lease = self.make_lease(self.residence, start=date(2027, 2, 1))
        self.assertEqual(lease.state, "upcoming")
        avi = self.run_period(date(2027, 2, 1), date(2027, 1, 10))
        self.assertEqual(avi.amount_total, 6200.0)
        lease.action_cancel()
        credit = self.run_period(date(2027, 3, 1), date(2027, 1, 20))
        self.assertEqual(credit.move_type, "out_refund")
        self.assertEqual(
            self.invoice_lines(credit),
            [("Kreditering 999-001-01-0001, februari 2027: kontraktet makulerades", 6200.0)],
        )

    def test_a_cancelled_avi_is_billed_again(self):
        lease = self.make_lease(self.residence)
        avi = self.run_period(FEB)
        avi.button_cancel()
        self.assertFalse(lease.billing_ids)
        self.assertEqual(self.run_period(FEB).amount_total, 6200.0)


@tagged("housing_invoicing", "post_install", "-at_install")
class TestRentCron(HousingInvoicingCase):
    def run_cron(self, today):
        module = "odoo.addons.housing_invoicing.models.housing_invoice_billing"
        with (
            patch(f"{module}.stockholm_today", lambda: today),
            patch.object(type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: 0),
        ):
            self.Billing.with_company(self.company)._cron_run()

    def test_next_month_is_billed_the_configured_days_ahead(self):
        lease = self.make_lease(self.residence, start=date(2026, 1, 7))
        self.company.housing_invoice_days_ahead = 20
        # February is due on 30 January: 20 days ahead is 10 January.
        self.run_cron(date(2026, 1, 9))
        self.assertEqual(lease.billing_ids.mapped("period"), [JAN])
        self.assertEqual(lease.billing_ids.amount, 5000.0)  # 25 of 31 days
        self.run_cron(date(2026, 1, 10))
        self.assertEqual(sorted(lease.billing_ids.mapped("period")), [JAN, FEB])
        feb = lease.billing_ids.filtered(lambda billed: billed.period == FEB).move_id
        self.assertEqual(
            (feb.invoice_date, feb.invoice_date_due), (date(2026, 1, 10), date(2026, 1, 30))
        )
        self.run_cron(date(2026, 1, 11))
        self.assertEqual(len(lease.billing_ids), 2)
