import subprocess
from datetime import date, timedelta

from odoo.addons.housing_invoicing.tests.common import HousingInvoicingCase


class HousingDunningCase(HousingInvoicingCase):
    """The invoicing test estate with the reminder fee agreed, a residence let to Anna
    and premises let to a company, and helpers to bill, pay and run the dunning."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.housing_reminder_fee_agreed = True
        cls.Entry = cls.env["housing.dunning.entry"]
        cls.Forfeiture = cls.env["housing.lease.forfeiture"]
        cls.reminder = cls.env.ref("housing_dunning.dunning_step_reminder")
        cls.final = cls.env.ref("housing_dunning.dunning_step_final")
        cls.env["ir.module.module"]._load_module_terms(["housing_dunning"], ["sv_SE"])
        cls.residence_lease = cls.make_lease(cls.residence)
        cls.shop = cls.env["res.partner"].create(
            {"name": "Bageriet AB", "is_company": True, "is_housing_contact": True}
        )
        cls.premises_lease = cls.lease_for(cls.shop, cls.premises)

    @classmethod
    def avi(cls, partner, period=date(2026, 7, 1), due=None):
        """The avi of ``partner`` for ``period`` (billed on the 10th of the month before),
        with its due date moved to ``due``."""
        cls.run_period(period, date(period.year, period.month, 1) - timedelta(days=20))
        move = cls.env["account.move"].search(
            [("partner_id", "=", partner.id), ("housing_period", "=", period)]
        )
        if due:
            move.invoice_date_due = due
        return move

    @classmethod
    def pay(cls, move, day, amount=None):
        values = {"payment_date": day}
        if amount is not None:
            values["amount"] = amount
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create(values)._create_payments()

    @classmethod
    def run_dunning(cls, day, move=None):
        """Run the dunning and forfeiture rules on ``day``: the reminders and the
        forfeiture cases created or changed (only those of ``move`` if given)."""
        entries = cls.Entry._run(cls.company, day)
        cases = cls.Forfeiture._run(cls.company, day)
        if move:
            return entries.filtered(lambda e: e.move_id == move), cases.filtered(
                lambda c: c.move_id == move
            )
        return entries, cases

    def pdf_text(self, report, records):
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"), "wkhtmltopdf made no PDF (HTML fallback?)")
        return subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()

    def messages(self, record):
        return record.message_ids.mapped("body")
