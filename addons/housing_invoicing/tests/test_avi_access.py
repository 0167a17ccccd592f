import subprocess
import tempfile
from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .. import post_init_hook
from ..tools import ocr
from .common import HousingInvoicingCase

FEB = date(2026, 2, 1)


@tagged("housing_invoicing", "post_install", "-at_install")
class TestAviAccess(HousingInvoicingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_lease(cls.residence)
        cls.lease_for(cls.co_tenant, cls.parking)
        cls.moves = cls.run_period(FEB, date(2026, 1, 10))
        cls.avi = cls.moves.filtered(lambda move: move.partner_id == cls.tenant)
        cls.tenant_user = new_test_user(
            cls.env, "anna_portal", groups="base.group_portal", partner_id=cls.tenant.id
        )

    def test_tenant_sees_only_her_own_avier(self):
        Move = self.env["account.move"].with_user(self.tenant_user)
        self.assertEqual(Move.search([]), self.avi)
        other = (self.moves - self.avi).with_user(self.tenant_user)
        with self.assertRaises(AccessError):
            other.read(["amount_total"])
        self.assertEqual(self.avi.with_user(self.tenant_user).amount_total, 6200.0)

    def test_staff_rights(self):
        """Housing users see the ledger but cannot bill; managers run the monthly run."""
        with self.assertRaises(AccessError):
            self.env["housing.invoice.run.wizard"].with_user(self.lease_user).create(
                {"period": FEB}
            )
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.lease_user).search([])
        partner = self.tenant.with_user(self.lease_user)
        self.assertEqual(partner.housing_billed, 6200.0)
        self.assertEqual(partner.housing_open, 6200.0)
        self.assertEqual(partner.housing_paid, 0.0)
        self.assertEqual(partner.housing_overdue, 6200.0)  # due 30 January 2026
        wizard = (
            self.env["housing.invoice.run.wizard"]
            .with_user(self.lease_manager)
            .create({"period": date(2026, 3, 1), "invoice_date": date(2026, 2, 10)})
        )
        wizard.action_preview()
        self.assertIn("Avier: 2 (for 2 lease months), total", wizard.summary)
        self.assertFalse(
            self.env["housing.invoice.billing"].search([("period", "=", "2026-03-01")])
        )
        wizard.action_run()
        self.assertEqual(len(wizard.move_ids), 2)
        self.assertEqual(set(wizard.move_ids.mapped("state")), {"posted"})

    def test_integration_reads_billing_records_only(self):
        Billing = self.env["housing.invoice.billing"].with_user(self.integration_user)
        self.assertEqual(len(Billing.search([])), 2)
        with self.assertRaises(AccessError):
            Billing.create({"lease_id": 1, "partner_id": 1, "period": FEB, "move_id": 1})

    def test_integration_does_not_see_protected_tenants_billing(self):
        """A billed month names the lease (the home): hidden from the integration when
        a tenant of the lease has a protected identity, as the lease is."""
        Billing = self.env["housing.invoice.billing"].with_user(self.integration_user)
        self.co_tenant.sudo().housing_protect_identity(
            "Beslut från Skatteverket", {"street": "Box 1", "city": "Stockholm"}
        )
        self.assertEqual(Billing.search([]).partner_id, self.tenant)
        self.assertFalse(Billing.search_count([("partner_id", "=", self.co_tenant.id)]))

    def test_bad_bankgiro_is_refused(self):
        with (
            self.assertRaisesRegex(ValidationError, "is not a bankgiro number"),
            self.env.cr.savepoint(),
        ):
            self.company.housing_bankgiro = "5050-1056"
        self.company.invalidate_recordset()
        self.assertEqual(self.company.housing_bankgiro, "5050-1055")


@tagged("housing_invoicing", "post_install", "-at_install")
class TestAviPdf(HousingInvoicingCase, HttpCase):
    def test_pdf_has_bankgiro_and_ocr_line(self):
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        self.make_lease(self.residence)
        avi = self.run_period(FEB, date(2026, 1, 10))
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("account.account_invoices", avi.ids)
        )
        self.assertEqual(report_type, "pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        self.assertIn("5050-1055", text)
        self.assertIn(avi.payment_reference, text)
        self.assertTrue(ocr.is_valid_reference(avi.payment_reference))
        line = ocr.payment_line(avi.payment_reference, 6200.0, "5050-1055")
        self.assertEqual(avi.housing_ocr_line, line)
        # pdftotext lays the spaces out its own way: compare the words.
        self.assertIn(" ".join(line.split()), " ".join(text.split()))

    def test_pdf_has_the_company_letterhead(self):
        """The avi says who sends it: the company's name and logo at the top of the page,
        also with Debian's wkhtmltopdf (unpatched Qt), which drops the report header."""
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        self.company.name = "Bostadsbolaget Test AB"
        self.make_lease(self.residence)
        avi = self.run_period(FEB, date(2026, 1, 10))
        pdf, _report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("account.account_invoices", avi.ids)
        )
        self.assertTrue(pdf.startswith(b"%PDF-"), "wkhtmltopdf made no PDF (HTML fallback?)")
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        self.assertIn("Bostadsbolaget Test AB", text.split(avi.payment_reference)[0])
        # The avi's own text can be read (searched, copied, read aloud), not only seen.
        self.assertIn(avi.name, text)
        self.assertIn("6,200.00", text)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            images = subprocess.run(
                ["pdfimages", "-list", file.name], capture_output=True, check=True
            ).stdout.decode()
        # Two heading lines, then one line per image: the logo.
        self.assertGreater(len(images.strip().splitlines()), 2, f"no logo:\n{images}{text}")


@tagged("housing_invoicing", "post_install", "-at_install")
class TestAviPortal(HousingInvoicingCase, HttpCase):
    """A tenant finds her avier under /my/invoices with the PDF; a neighbour's avi is not
    shown to her."""

    def test_my_invoices_shows_only_her_own_avier(self):
        self.make_lease(self.residence)
        self.lease_for(self.co_tenant, self.parking)
        moves = self.run_period(FEB, date(2026, 1, 10))
        own = moves.filtered(lambda move: move.partner_id == self.tenant)
        other = moves - own
        new_test_user(self.env, "anna_web", groups="base.group_portal", partner_id=self.tenant.id)
        self.authenticate("anna_web", "anna_web")
        page = self.url_open("/my/invoices")
        self.assertEqual(page.status_code, 200)
        self.assertIn(own.name, page.text)
        self.assertNotIn(other.name, page.text)
        self.assertEqual(self.url_open(f"/my/invoices/{own.id}").status_code, 200)
        # The avi itself, as the portal shows it (the PDF is the same document).
        avi = self.url_open(f"/my/invoices/{own.id}?report_type=html")
        self.assertIn(own.payment_reference, avi.text)
        self.assertIn("5050-1055", avi.text)
        response = self.url_open(f"/my/invoices/{other.id}?report_type=html", allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(other.payment_reference, response.text)


@tagged("housing_invoicing", "post_install", "-at_install")
class TestLedgerAndSetup(HousingInvoicingCase):
    def test_ledger_follows_payments(self):
        self.make_lease(self.residence)
        jan = self.run_period(date(2026, 1, 1), date(2025, 12, 10))
        feb = self.run_period(FEB, date(2026, 1, 10))
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=jan.ids
        ).create({"payment_date": date(2025, 12, 29)})._create_payments()
        self.assertEqual(jan.payment_state, "paid")
        partner = self.tenant.with_user(self.lease_user)
        self.assertEqual(
            (partner.housing_billed, partner.housing_paid, partner.housing_open),
            (12400.0, 6200.0, 6200.0),
        )
        self.assertEqual(partner.housing_overdue, 6200.0)  # February, due 30 January 2026
        self.assertEqual(feb.invoice_date_due, date(2026, 1, 30))

    def test_companies_with_the_chart_before_the_module_get_the_setup(self):
        """What the install hook does for a company that had the Swedish chart already."""
        journal = self.company.housing_invoice_journal_id
        self.company.write({"housing_invoice_journal_id": False, "housing_exempt_tax_id": False})
        journal.unlink()
        post_init_hook(self.env)
        self.assertEqual(self.company.housing_invoice_journal_id.code, "HYR")
        self.assertEqual(
            self.company.housing_invoice_journal_id.invoice_reference_model, "housing_ocr"
        )
        self.assertEqual(self.company.housing_exempt_tax_id.amount, 0.0)
        self.assertEqual(self.company.housing_account_parking_id.code, "39112")
