from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from odoo.addons.housing_portal.controllers.housing_portal import HousingPortal

from .common import HousingPortalCase


@tagged("post_install", "-at_install", "housing_portal")
class TestPortalLease(HousingPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        prop = env["housing.property"].create({"code": "97001", "name": "PORTAL 1"})
        cls.flat = env["housing.rental.object"].create(
            {
                "code": "970-001-01-0001",
                "property_id": prop.id,
                "street": "Portalgatan 1",
                "base_rent": 7100,
            }
        )
        cls.lease = env["housing.lease"].create(
            {
                "rental_object_id": cls.flat.id,
                "date_start": date(2025, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": cls.tenant.id, "role": "main"})],
            }
        )
        cls.lease.action_confirm()

    def test_lease_list_and_detail(self):
        self.login_tenant()
        page = self.url_open("/my/leases")
        self.assertEqual(page.status_code, 200)
        self.assertIn("970-001-01-0001/01", page.text)
        detail = self.url_open(f"/my/leases/{self.lease.id}")
        self.assertIn("Portalgatan 1", detail.text)
        self.assertIn("7,100.00", detail.text)
        self.assertIn(f"/my/leases/{self.lease.id}?report_type=pdf", detail.text)

    def test_lease_list_pager_newest_first(self):
        storage = self.env["housing.rental.object"].create(
            {
                "code": "970-001-01-0901",
                "property_id": self.flat.property_id.id,
                "object_type": "storage",
                "base_rent": 900,
            }
        )
        newer = self.env["housing.lease"].create(
            {
                "rental_object_id": storage.id,
                "date_start": date(2025, 6, 1),
                "tenant_line_ids": [Command.create({"partner_id": self.tenant.id, "role": "main"})],
            }
        )
        newer.action_confirm()
        self.login_tenant()
        with patch.object(HousingPortal, "_items_per_page", 1):
            first = self.url_open("/my/leases")
            second = self.url_open("/my/leases/page/2")
        self.assertIn(newer.name, first.text)
        self.assertNotIn(self.lease.name, first.text)
        self.assertIn('href="/my/leases/page/2"', first.text)
        self.assertIn(self.lease.name, second.text)
        self.assertNotIn(newer.name, second.text)

    def test_contract_download(self):
        self.login_tenant()
        html = self.url_open(f"/my/leases/{self.lease.id}?report_type=html")
        self.assertEqual(html.status_code, 200)
        self.assertIn("970-001-01-0001/01", html.text)

    def test_other_tenant_cannot_see_the_lease(self):
        self.login_tenant(self.other_user)
        self.assertNotIn("970-001-01-0001", self.url_open("/my/leases").text)
        page = self.url_open(f"/my/leases/{self.lease.id}")
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("Portalgatan 1", page.text)
        report = self.url_open(f"/my/leases/{self.lease.id}?report_type=html")
        self.assertEqual(report.status_code, 404)
        self.assertNotIn("970-001-01-0001", report.text)
        missing = self.url_open(f"/my/leases/{self.lease.id + 1000}")
        self.assertEqual(missing.status_code, 404)

    def test_record_rule_limits_portal_reads(self):
        Lease = self.env["housing.lease"]
        self.assertEqual(Lease.with_user(self.tenant_user).search([]), self.lease)
        self.assertFalse(Lease.with_user(self.other_user).search([]))

    def test_portal_urls(self):
        self.assertEqual(self.lease.access_url, f"/my/leases/{self.lease.id}")
