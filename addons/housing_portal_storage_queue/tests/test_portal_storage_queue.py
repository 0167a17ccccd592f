from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.housing_portal.tests.common import HousingPortalCase

URL = "/my/storage"


class StoragePortalCase(HousingPortalCase):
    """A tenant with a home (the other contact has none) and a storage room listed in its
    property."""

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


@tagged("post_install", "-at_install", "housing_portal_storage_queue")
class TestPortalStorageQueue(StoragePortalCase):
    """The storage queue on My pages, as a real portal user: a tenant with a home applies
    for a storage room and withdraws, filters the rooms by area and rent and accepts an
    offer; a contact without a home reads why they may not apply."""

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

    def test_filter_by_area_and_rent(self):
        env = self.env
        north = env["housing.residential.area"].create({"code": "NOR", "name": "Norr"})
        prop = env["housing.property"].create(
            {"code": "97502", "name": "FÖRRÅDET 2", "residential_area_id": north.id}
        )
        room = env["housing.rental.object"].create(
            {
                "code": "975-002-F-001",
                "object_type": "storage",
                "property_id": prop.id,
                "base_rent": 300,
            }
        )
        listing = self.listing.copy({"rental_object_id": room.id})
        self.login_tenant()
        page = self.url_open(URL).text
        self.assertIn(f"o_housing_listing_{listing.id}", page)
        self.assertIn(f"o_housing_listing_{self.listing.id}", page)
        # Storage rooms have no room type: only area and rent to filter by.
        self.assertNotIn('name="rooms"', page)
        page = self.url_open(f"{URL}?area={north.id}").text
        self.assertIn(f"o_housing_listing_{listing.id}", page)
        self.assertNotIn(f"o_housing_listing_{self.listing.id}", page)
        page = self.url_open(f"{URL}?max_rent=200").text
        self.assertNotIn(f"o_housing_listing_{listing.id}", page)
        self.assertIn(f"o_housing_listing_{self.listing.id}", page)
        page = self.url_open(f"{URL}?max_rent=200%20kr")
        self.assertEqual(page.status_code, 200)
        self.assertIn("The highest rent must be a number of kronor", page.text)
        self.assertIn(f"o_housing_listing_{listing.id}", page.text)

    def test_accept_offer_creates_the_storage_lease(self):
        application = self.listing.apply(self.tenant)
        self.listing.action_start_offer_round()
        offer = self.listing.active_offer_id
        self.assertEqual(offer.application_id, application)
        self.login_tenant()
        page = self.url_open(URL).text
        self.assertIn(f"{URL}/offers/{offer.id}/accept", page)
        # The confirmation step says what accepting does; only the POST accepts.
        confirm = self.url_open(f"{URL}/offers/{offer.id}/accept").text
        self.assertIn("The lease is binding", confirm)
        self.assertEqual(offer.state, "active")
        self.assertEqual(
            self.post_form(
                f"{URL}/offers/{offer.id}/accept", {"accept": "1"}, csrf=False
            ).status_code,
            400,
        )
        accepted = self.post_form(f"{URL}/offers/{offer.id}/accept", {})
        self.assertIn("Thank you! Your lease", accepted.text)
        self.assertEqual(offer.state, "accepted")
        lease = self.env["housing.lease"].search([("rental_object_id", "=", self.room.id)])
        self.assertEqual(lease, offer.lease_id)
        self.assertEqual(lease.tenant_line_ids.partner_id, self.tenant)
        self.assertEqual(lease.date_start, date(2099, 2, 1))
        self.assertIn(lease.name, accepted.text)
        self.assertEqual(self.listing.state, "assigned")
        self.assertEqual(application.state, "accepted")


@tagged("post_install", "-at_install", "housing_portal_storage_queue")
class TestPortalStoragePhone(StoragePortalCase):
    """The storage queue on a 390 px phone: the tenant opens a storage room, applies and
    withdraws, and nothing has to be scrolled sideways."""

    browser_size = "390x844"
    touch_enabled = True

    def test_apply_and_withdraw_on_a_phone(self):
        self.tenant_user.password = self.tenant_user.login
        self.start_tour(URL, "housing_portal_storage_apply_withdraw", login=self.tenant_user.login)
        application = self.Application.search([("partner_id", "=", self.tenant.id)])
        self.assertEqual(application.state, "withdrawn_user")
        self.listing.apply(self.tenant)
        for url in (URL, f"{URL}/listings/{self.listing.id}"):
            with self.subTest(url=url):
                self.start_tour(url, "housing_portal_fits_phone", login=self.tenant_user.login)
