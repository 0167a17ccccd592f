import subprocess

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import HousingLeaseCase


@tagged("housing_lease", "post_install", "-at_install")
class TestLeasePdf(HousingLeaseCase, HttpCase):
    """The lease contract as the PDF staff and tenants download: rendered by wkhtmltopdf
    (not Odoo's HTML fallback), with the lease number, every tenant and the rent in it."""

    def test_contract_pdf_holds_lease_tenants_and_rent(self):
        # wkhtmltopdf fetches the report's style sheets from this test server.
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        third = self.env["res.partner"].create({"name": "Örjan Åström", "is_housing_contact": True})
        lease = self.make_lease(
            tenant_line_ids=[
                Command.create({"partner_id": self.tenant.id, "role": "main"}),
                Command.create({"partner_id": self.co_tenant.id, "role": "co"}),
                Command.create({"partner_id": third.id, "role": "co"}),
            ]
        )
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("housing_lease.action_report_housing_lease", lease.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"), "wkhtmltopdf made no PDF (HTML fallback?)")
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        self.assertIn(lease.name, text)
        for name in ("Anna Andersson", "Ali Andersson", "Örjan Åström"):
            with self.subTest(tenant=name):
                self.assertIn(name, text)
        self.assertIn("6,200.00", text)
