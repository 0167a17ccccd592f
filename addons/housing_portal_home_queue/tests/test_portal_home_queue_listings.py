from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.housing_base.tools.dates import stockholm_today
from odoo.addons.housing_portal.controllers import letting as letting_controller

from .test_portal_home_queue import URL, HomeQueuePortalCase


@tagged("post_install", "-at_install", "housing_portal_home_queue")
class TestPortalHomeListings(HomeQueuePortalCase):
    """The homes to apply for on My pages, as a real portal user: filtered by area, room
    type and the highest rent (the pager keeps the filter, a bad value is explained), one
    listing's own page, and once a home is let the winner's queue start date and points
    without who they are."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Area = env["housing.residential.area"]
        cls.centrum = Area.create({"code": "CEN", "name": "Centrum"})
        cls.gryta = Area.create({"code": "GRY", "name": "Gryta"})
        cls.big = cls._home("97402", cls.centrum, "Storgatan 1", "3RK", 9400)
        cls.small = cls._home("97403", cls.gryta, "Grytavägen 2", "1rk", 5100)

    @classmethod
    def _home(cls, code, area, street, rooms, rent):
        env = cls.env
        prop = env["housing.property"].create(
            {"code": code, "name": street.upper(), "residential_area_id": area.id}
        )
        home = env["housing.rental.object"].create(
            {
                "code": f"{code[:3]}-{code[3:]}-01-0001",
                "object_type": "residence",
                "property_id": prop.id,
                "street": street,
                "room_code": rooms,
                "base_rent": rent,
            }
        )
        return env["housing.listing"].create(
            {
                "rental_object_id": home.id,
                "category": "housing",
                "date_from": date(2026, 1, 1),
                "date_to": date(2099, 1, 1),
                "vacant_from": date(2099, 2, 1),
            }
        )

    def shown(self, page):
        """The listings to apply for on ``page``."""
        listings = self.listing | self.big | self.small
        return listings.filtered(lambda listing: f"o_housing_listing_{listing.id}" in page)

    def test_filter_by_area_rooms_and_rent(self):
        self.login_tenant()
        page = self.url_open(URL).text
        self.assertEqual(self.shown(page), self.listing | self.big | self.small)
        # The choices are those of the listings: the areas and the room types (as 1RK).
        self.assertIn(f'<option value="{self.centrum.id}">Centrum</option>', page)
        self.assertIn('<option value="1RK">1RK</option>', page)
        self.assertIn('<span class="o_housing_room_code">1rk</span>', page)
        page = self.url_open(f"{URL}?area={self.centrum.id}").text
        self.assertEqual(self.shown(page), self.big)
        self.assertIn(f'<option value="{self.centrum.id}" selected="selected">', page)
        self.assertEqual(self.shown(self.url_open(f"{URL}?rooms=1rk").text), self.small)
        page = self.url_open(f"{URL}?max_rent=7+200").text
        self.assertEqual(self.shown(page), self.listing | self.small)
        self.assertIn('value="7200"', page)
        page = self.url_open(f"{URL}?area={self.gryta.id}&rooms=3RK&max_rent=").text
        self.assertFalse(self.shown(page))
        self.assertIn("Nothing to apply for matches your choice", page)

    def test_bad_filter_values_are_explained(self):
        self.login_tenant()
        cases = {
            "max_rent=billigt": "The highest rent must be a number of kronor",
            "max_rent=-500": "The highest rent must be a number of kronor",
            "area=999999": "Choose an area from the list",
            "area=Centrum": "Choose an area from the list",
            "area=%C2%B2": "Choose an area from the list",
            "rooms=9RK": "Choose a room type from the list",
        }
        for query, message in cases.items():
            with self.subTest(query=query):
                page = self.url_open(f"{URL}?{query}")
                self.assertEqual(page.status_code, 200)
                self.assertIn(message, page.text)
                # The bad value is left out: every listing is shown.
                self.assertEqual(self.shown(page.text), self.listing | self.big | self.small)
        # A good value beside a bad one still filters.
        page = self.url_open(f"{URL}?area={self.gryta.id}&max_rent=mycket").text
        self.assertEqual(self.shown(page), self.small)

    def test_pager_keeps_the_filter(self):
        self.login_tenant()
        with patch.object(letting_controller, "LISTINGS_PER_PAGE", 1):
            first = self.url_open(f"{URL}?max_rent=8000").text
            self.assertEqual(len(self.shown(first)), 1)
            self.assertIn(f"{URL}/page/2?max_rent=8000", first)
            second = self.url_open(f"{URL}/page/2?max_rent=8000").text
        self.assertEqual(self.shown(first) | self.shown(second), self.listing | self.small)

    def test_listing_page(self):
        self.approved_profile(self.other_tenant)
        self.big.apply(self.other_tenant)
        self.login_tenant()
        page = self.url_open(f"{URL}/listings/{self.big.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('<dd class="col-sm-7 o_housing_area">Centrum</dd>', page.text)
        self.assertIn('<span class="o_housing_applicant_count">1</span>', page.text)
        # No profile: why the tenant may not apply, and no button.
        self.assertIn("Fill in your application profile", page.text)
        self.assertNotIn(f"/listings/{self.big.id}/apply", page.text)
        self.approved_profile(self.tenant)
        page = self.url_open(f"{URL}/listings/{self.big.id}").text
        self.assertIn(f'action="{URL}/listings/{self.big.id}/apply"', page)
        application = self.big.apply(self.tenant)
        self.big._rank()
        page = self.url_open(f"{URL}/listings/{self.big.id}").text
        self.assertIn(f'<span class="o_housing_rank">{application.rank}</span>', page)
        self.assertIn(f'action="{URL}/applications/{application.id}/withdraw"', page)
        # Another queue's page, a listing the tenant may not read, none: not found.
        self.assertEqual(self.url_open(f"/my/storage/listings/{self.big.id}").status_code, 404)
        self.small.sudo().action_close()
        self.assertEqual(self.url_open(f"{URL}/listings/{self.small.id}").status_code, 404)
        self.assertEqual(self.url_open(f"{URL}/listings/999999").status_code, 404)

    def test_result_shows_the_winners_queue_time_not_the_name(self):
        self.env.ref("housing_home_queue.policy_scored").viewing_round = False
        for partner in (self.tenant, self.other_tenant):
            self.approved_profile(partner)
            self.big.apply(partner)
        self.env["housing.queue.membership"].search(
            [("partner_id", "=", self.tenant.id), ("queue_type", "=", "housing")]
        ).with_context(housing_queue_correction=True).queue_start_date = date(2015, 1, 1)
        self.big.action_start_offer_round()
        offer = self.big.active_offer_id
        self.assertEqual(offer.partner_id, self.tenant)
        offer.with_user(self.tenant_user).action_accept()
        self.assertEqual(self.big.state, "assigned")
        self.login_tenant(self.other_user)
        page = self.url_open(f"{URL}/listings/{self.big.id}").text
        points = (stockholm_today() - date(2015, 1, 1)).days
        result = " ".join(page.split())
        self.assertIn("Let to an applicant in the queue since <span", result)
        self.assertIn(f">{self.day(date(2015, 1, 1))}</span>, with {points} queue points.", result)
        for private in (self.tenant.name, self.tenant.personal_number, self.tenant.email):
            self.assertNotIn(private, page)
        # Nor can the other applicant read the winner's application or offer themselves.
        winner = offer.application_id
        Application = self.env["housing.application"].with_user(self.other_user)
        self.assertEqual(
            Application.search([("listing_id", "=", self.big.id)]).partner_id, self.other_tenant
        )
        with self.assertRaises(AccessError):
            Application.browse(winner.id).read(["partner_id", "queue_start_date"])
        with self.assertRaises(AccessError):
            offer.with_user(self.other_user).read(["partner_id"])
        self.assertFalse(self.big.with_user(self.other_user).offer_ids)

    def test_swedish_filter_and_listing_page(self):
        self.tenant_reads(
            "sv_SE",
            [
                "housing_letting",
                "housing_home_queue",
                "housing_portal",
                "housing_portal_home_queue",
            ],
        )
        self.login_tenant()
        page = self.url_open(f"{URL}?max_rent=billigt").text
        self.assertIn("Högsta hyra (kr/mån)", page)
        self.assertIn("Högsta hyra ska vara ett belopp i kronor", page)
        self.assertIn("Alla områden", page)
        page = self.url_open(f"{URL}/listings/{self.big.id}").text
        self.assertIn("Hyra per månad", page)
        self.assertIn("Tillbaka till kön", page)
        self.assertIn("sökande hittills", self.url_open(URL).text)
