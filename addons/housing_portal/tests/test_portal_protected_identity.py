from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import HousingPortalCase


@tagged("post_install", "-at_install", "housing_portal")
class TestPortalProtectedIdentity(HousingPortalCase):
    """A tenant with a protected identity uses the portal as anyone: her lease and fault
    reports are hers to see; details she changes go into the protected register."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        prop = env["housing.property"].create({"code": "97301", "name": "PORTAL SKYDD"})
        cls.flat = env["housing.rental.object"].create(
            {"code": "973-001-01-0001", "property_id": prop.id, "street": "Skyddsgatan 1"}
        )
        cls.lease = env["housing.lease"].create(
            {
                "rental_object_id": cls.flat.id,
                "date_start": date(2025, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": cls.tenant.id, "role": "main"})],
            }
        )
        cls.lease.action_confirm()
        cls.request = env["maintenance.request"].create(
            {"name": "Trasig dörr", "rental_object_id": cls.flat.id, "reporter_id": cls.tenant.id}
        )
        cls.tenant.sudo().housing_protect_identity("Beslut", {"city": "Stockholm"})

    def test_her_own_lease_and_fault_report(self):
        self.login_tenant()
        self.assertIn("973-001-01-0001/01", self.url_open("/my/leases").text)
        self.assertIn("Skyddsgatan 1", self.url_open(f"/my/leases/{self.lease.id}").text)
        page = self.url_open(f"/my/service-requests/{self.request.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Trasig dörr", page.text)

    def test_the_neighbour_sees_nothing(self):
        self.login_tenant(self.other_user)
        self.assertEqual(self.url_open(f"/my/leases/{self.lease.id}").status_code, 404)

    def test_changed_details_go_into_the_register(self):
        self.login_tenant()
        page = self.post_form("/my/contact", {"phone": "073-555 12 34", "email": "ny@example.se"})
        self.assertIn("have been saved", page.text)
        self.assertFalse(self.tenant.phone)
        self.assertFalse(self.tenant.email)
        register = self.env["housing.protected.identity"].search(
            [("partner_id", "=", self.tenant.id)]
        )
        self.assertEqual((register.phone, register.email), ("+46735551234", "ny@example.se"))
