import subprocess
import tempfile
from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.tests import Form, HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import HousingLeaseCase


@tagged("housing_lease", "post_install", "-at_install")
class TestLeaseStaff(HousingLeaseCase):
    """What a uthyrare notices on the lease form and list."""

    @freeze_time("2026-03-10")
    def test_an_upcoming_lease_shows_the_rent_from_its_start(self):
        lease = self.make_lease(start=date(2026, 5, 1))
        self.assertEqual(lease.state, "upcoming")
        self.assertEqual(lease.current_rent, 6200)
        lease.rent_line_ids.date_to = date(2026, 6, 30)
        self.env["housing.lease.rent.line"].create(
            {"lease_id": lease.id, "amount": 6400, "date_from": date(2026, 7, 1)}
        )
        self.assertEqual(lease.current_rent, 6200, "the rent on the start date")

    def test_a_second_tenant_is_a_co_tenant(self):
        form = Form(self.Lease)
        form.rental_object_id = self.residence
        form.date_start = date(2026, 5, 1)
        with form.tenant_line_ids.new() as line:
            line.partner_id = self.tenant
            self.assertEqual(line.role, "main")
        with form.tenant_line_ids.new() as line:
            line.partner_id = self.co_tenant
            self.assertEqual(line.role, "co")
        lease = form.save()
        self.assertEqual(lease.partner_id, self.tenant)
        self.assertEqual(lease.tenant_line_ids.mapped("role"), ["main", "co"])
        added = self.env["housing.lease.tenant"].create(
            {"lease_id": lease.id, "partner_id": self.env["res.partner"].create({"name": "C"}).id}
        )
        self.assertEqual(added.role, "co")

    def test_a_rent_line_starts_with_the_lease(self):
        form = Form(self.Lease)
        form.rental_object_id = self.residence
        form.date_start = date(2026, 5, 1)
        with form.tenant_line_ids.new() as line:
            line.partner_id = self.tenant
        with form.rent_line_ids.new() as line:
            line.amount = 6300
            self.assertEqual(line.date_from, date(2026, 5, 1))
        lease = form.save()
        self.assertEqual(lease.rent_line_ids.date_from, date(2026, 5, 1))

    def test_the_cancel_button_is_void_with_a_clear_confirmation(self):
        arch = self.Lease.get_view(self.env.ref("housing_lease.housing_lease_view_form").id)["arch"]
        self.assertIn('string="Void"', arch)
        self.assertIn('confirm-label="Void the lease"', arch)
        self.assertIn('cancel-label="Keep the lease"', arch)

    def test_swedish_terms(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["housing_lease"], ["sv_SE"])
        lease = self.make_lease()
        self.assertEqual(lease.rent_line_ids.name, "Grundhyra", "the contract's language")
        arch = self.Lease.with_context(lang="sv_SE").get_view(
            self.env.ref("housing_lease.housing_lease_view_form").id
        )["arch"]
        self.assertIn('string="Makulera"', arch)

    @freeze_time("2026-03-10")
    def test_filters_for_leases_ending_this_and_next_month(self):
        this_month = self.make_lease(start=date(2025, 1, 1), date_end=date(2026, 3, 31))
        next_month = self.make_lease(
            self.parking, start=date(2025, 1, 1), date_end=date(2026, 4, 15)
        )
        view = self.env.ref("housing_lease.housing_lease_view_search")
        root = etree.fromstring(self.Lease.get_view(view.id, "search")["arch"])
        found = {}
        for name in ("ends_this_month", "ends_next_month"):
            # The filter's domain, evaluated as the web client does on 10 March 2026.
            domain = root.xpath(f"//filter[@name='{name}']")[0].get("domain")
            found[name] = self.Lease.search(
                safe_eval(
                    domain,
                    {"context_today": lambda: date(2026, 3, 10), "relativedelta": relativedelta},
                )
            )
        self.assertEqual(found["ends_this_month"], this_month)
        self.assertEqual(found["ends_next_month"], next_month)

    def test_smart_button_to_the_rental_object(self):
        lease = self.make_lease()
        action = lease.action_view_rental_object()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("housing.rental.object", self.residence.id)
        )


@tagged("housing_lease", "post_install", "-at_install")
class TestLeaseContract(HousingLeaseCase, HttpCase):
    def test_contract_signatures_organisation_number_payment_terms_and_logo(self):
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        self.env.company.company_registry = "556000-0001"
        lease = self.make_lease(
            tenant_line_ids=[
                Command.create({"partner_id": self.tenant.id, "role": "main"}),
                Command.create({"partner_id": self.co_tenant.id, "role": "co"}),
            ]
        )
        html = self.render_contract(lease)
        self.assertEqual(html.count('o_housing_signature"'), 2, "one signature line per tenant")
        self.assertIn("556000-0001", html)
        self.assertIn("last weekday before", html)
        self.assertIn('alt="Logo"', html)
        pdf, _report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("housing_lease.action_report_housing_lease", lease.ids)
        )
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            images = subprocess.run(
                ["pdfimages", "-list", file.name], capture_output=True, check=True
            ).stdout.decode()
        header = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        self.assertGreater(
            len(images.strip().splitlines()), 2, f"no logo in the PDF:\n{images}{header}"
        )
