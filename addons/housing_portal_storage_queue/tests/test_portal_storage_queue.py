from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.housing_portal.tests.common import HousingPortalCase

URL = "/my/storage"


@tagged("post_install", "-at_install", "housing_portal_storage_queue")
class TestPortalStorageQueue(HousingPortalCase):
    """The storage queue on My pages, as a real portal user: a tenant with a home applies
    for a storage room and withdraws; a contact without a home reads why they may not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        prop = env["housing.property"].create({"code": "97501", "name": "FÖRRÅDET 1"})
        Object = env["housing.rental.object"]
        home = Object.create({"code": "975-001-01-0001", "property_id": prop.id, "base_rent": 6500})
        cls.room = Object.create(
            {
                "code": "975-001-F-001",
                "object_type": "storage",
                "property_id": prop.id,
                "base_rent": 150,
            }
        )
        lease = env["housing.lease"].create(
            {
                "rental_object_id": home.id,
                "date_start": date(2024, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": cls.tenant.id})],
            }
        )
        lease.action_confirm()
        cls.listing = env["housing.listing"].create(
            {
                "rental_object_id": cls.room.id,
                "category": "storage",
                "date_from": date(2026, 1, 1),
                "date_to": date(2099, 1, 1),
                "vacant_from": date(2099, 2, 1),
            }
        )
        cls.Application = env["housing.application"]

    def test_tenant_applies_and_withdraws(self):
        self.login_tenant()
        home = self.url_open("/my").text
        self.assertIn('href="/my/storage"', home)
        page = self.url_open(URL)
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.room.code, page.text)
        applied = self.post_form(f"{URL}/listings/{self.listing.id}/apply", {})
        self.assertIn("You have applied for", applied.text)
        application = self.Application.search([("partner_id", "=", self.tenant.id)])
        self.assertEqual(application.state, "active")
        self.assertIn('<span class="o_housing_applicant_count">1</span>', applied.text)
        withdrawn = self.post_form(f"{URL}/applications/{application.id}/withdraw", {})
        self.assertIn("Your application has been withdrawn", withdrawn.text)
        self.assertEqual(application.state, "withdrawn_user")

    def test_no_home_no_storage(self):
        self.login_tenant(self.other_user)
        page = self.url_open(URL)
        refusal = "Only tenants with a current or upcoming housing lease may rent a storage room."
        self.assertIn(refusal, page.text)
        self.assertNotIn(f"/listings/{self.listing.id}/apply", page.text)
        refused = self.post_form(f"{URL}/listings/{self.listing.id}/apply", {})
        self.assertIn(refusal, refused.text)
        self.assertFalse(self.Application.search([("partner_id", "=", self.other_tenant.id)]))
        # Another tenant's application is a 404, and nothing is done without a CSRF token.
        application = self.listing.apply(self.tenant)
        path = f"{URL}/applications/{application.id}/withdraw"
        self.assertEqual(self.post_form(path, {}).status_code, 404)
        self.login_tenant()
        self.assertEqual(self.post_form(path, {"withdraw": "1"}, csrf=False).status_code, 400)
        self.assertEqual(application.state, "active")
