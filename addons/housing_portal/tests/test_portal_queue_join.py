from datetime import date

from odoo import Command
from odoo.tests import JsonRpcException, tagged
from odoo.tools import mute_logger

from odoo.addons.housing_base.tools.dates import stockholm_today

from .common import HousingPortalCase

URL = "/my/queues"


@tagged("post_install", "-at_install", "housing_portal")
class TestPortalQueueJoin(HousingPortalCase):
    """Joining a queue from My pages: a Join button for each queue the contact is not in,
    refused with the queue's reason when they may not be in it (the parking queue is for
    tenants)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        area = env["housing.residential.area"].create({"code": "KÖA", "name": "Köområdet"})
        prop = env["housing.property"].create(
            {"code": "97301", "name": "KÖGÅRDEN 1", "residential_area_id": area.id}
        )
        home = env["housing.rental.object"].create(
            {"code": "973-001-01-0001", "property_id": prop.id, "base_rent": 6000}
        )
        env["housing.lease"].create(
            {
                "rental_object_id": home.id,
                "date_start": date(2024, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": cls.tenant.id})],
            }
        ).action_confirm()
        cls.Membership = env["housing.queue.membership"]

    def join(self, queue_type="parking_internal", csrf=True):
        return self.post_form(
            f"{URL}/{queue_type}/join", {"join": "1"}, csrf, allow_redirects=False
        )

    def places(self, partner):
        return self.Membership.search([("partner_id", "=", partner.id)])

    def test_join_over_the_web_clients_rpc_only_for_themselves(self):
        """The tenant's session calls the public join_queue as the web client would: for
        themselves it joins, for another contact it is refused and nothing is made."""
        self.login_tenant()

        def call(partner):
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw/housing.queue.membership/join_queue",
                {
                    "model": "housing.queue.membership",
                    "method": "join_queue",
                    "args": [partner.id, "parking_internal"],
                    "kwargs": {},
                },
            )

        with self.assertRaises(JsonRpcException) as refused, mute_logger("odoo.http"):
            call(self.other_tenant)
        self.assertEqual(refused.exception.args[0], "odoo.exceptions.AccessError")
        self.assertFalse(self.places(self.other_tenant))
        self.assertEqual(call(self.tenant), self.places(self.tenant).ids)

    def test_join_a_queue(self):
        self.login_tenant()
        page = self.url_open(URL).text
        self.assertIn("o_housing_join_parking_internal", page)
        self.assertIn("Join the queue", page)
        self.assertRedirectsTo(self.join(), URL)
        place = self.places(self.tenant)
        self.assertEqual(
            (place.queue_type, place.queue_start_date, place.state),
            ("parking_internal", stockholm_today(), "active"),
        )
        page = self.url_open(URL).text
        self.assertIn("your queue points count from today", page)
        self.assertIn(f"o_housing_membership_{place.id}", page)
        self.assertNotIn("o_housing_join_parking_internal", page)
        # Joining again (an old page) is refused with the reason, and changes nothing.
        self.assertRedirectsTo(self.join(), URL)
        self.assertIn("You are already in this queue.", self.url_open(URL).text)
        self.assertEqual(self.places(self.tenant), place)

    def test_join_needs_csrf_and_a_queue(self):
        self.login_tenant()
        self.assertEqual(self.join(csrf=False).status_code, 400)
        # No category of this database ranks by the external parking queue.
        self.assertEqual(self.join("parking_external").status_code, 404)
        self.assertFalse(self.places(self.tenant))

    def test_join_refused_for_a_contact_without_a_home(self):
        self.login_tenant(self.other_user)
        refusal = "Only tenants with a current or upcoming housing lease may apply."
        page = self.url_open(URL).text
        self.assertIn("o_housing_join_parking_internal", page)
        self.assertIn(refusal, page)
        self.assertNotIn("o_housing_join_error", page)
        self.assertRedirectsTo(self.join(), URL)
        page = self.url_open(URL).text
        self.assertIn(f'o_housing_join_error" role="alert">{refusal}', page)
        self.assertFalse(self.places(self.other_tenant))

    def test_removed_place_joins_again_today(self):
        place = self.Membership._ensure(self.tenant, "parking_internal")
        place.with_context(housing_queue_correction=True).queue_start_date = date(2023, 5, 1)
        place.action_remove("Flyttade")
        self.login_tenant()
        page = self.url_open(URL).text
        self.assertIn("You can join this queue again below", page)
        self.assertIn("o_housing_join_parking_internal", page)
        self.assertRedirectsTo(self.join(), URL)
        self.assertEqual(
            (self.places(self.tenant), place.state, place.queue_start_date),
            (place, "active", stockholm_today()),
        )

    def test_lapsed_place_is_not_joined_again(self):
        place = self.Membership._ensure(self.tenant, "parking_internal")
        place.write({"state": "expired"})
        self.login_tenant()
        self.assertNotIn("o_housing_join_parking_internal", self.url_open(URL).text)
        self.assertRedirectsTo(self.join(), URL)
        self.assertIn("has lapsed", self.url_open(URL).text)
        self.assertEqual(place.state, "expired")
