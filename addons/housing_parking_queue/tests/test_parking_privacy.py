from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ParkingQueueCase


@tagged("post_install", "-at_install", "housing_parking_queue")
class TestTenantSeesOwnPlace(HttpCase, ParkingQueueCase):
    """Issue 14 item 4: over RPC a tenant read their offer's ranking snapshot (other
    applicants' names, partner ids, priority reasons and queue dates). The tenant sees
    their own place and points, never others'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_user = new_test_user(
            cls.env, "ranked_tenant", groups="base.group_portal", partner_id=cls.home_tenant.id
        )
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.tenant_user)
            .sudo()
            ._generate("rpc", "app", None)
        )
        cls.join_queue(cls.home_tenant, date(2020, 1, 1))
        cls.join_queue(cls.one_parking, date(2019, 1, 1))
        cls.join_queue(cls.two_parking, date(2018, 1, 1))
        with freeze_time("2026-03-16 08:00"):
            cls.listing = cls.listing_for()
            for partner in (cls.home_tenant, cls.one_parking, cls.two_parking):
                cls.listing.apply(partner, "additional")
            cls.listing.action_start_offer_round()
        cls.offer = cls.listing.active_offer_id
        cls.others = ("One Parking", "Two Parking")

    def json2(self, model, method, **payload):
        response = self.url_open(
            f"/json/2/{model}/{method}",
            json=payload,
            headers={"Authorization": f"Bearer {self.key}"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        return response

    def test_own_place_and_points_only(self):
        self.assertEqual(self.offer.partner_id, self.home_tenant)
        self.assertEqual(len(self.offer.ranking_snapshot), 3)  # staff still see the ranking
        as_tenant = self.offer.with_user(self.tenant_user)
        [values] = as_tenant.read(["ranking_position", "ranking_queue_points"])
        self.assertEqual(values["ranking_position"], 1)
        self.assertEqual(
            values["ranking_queue_points"], (date(2026, 3, 16) - date(2020, 1, 1)).days
        )
        for field in ("ranking_snapshot", "ranking_html"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                as_tenant.read([field])

    def test_nothing_of_other_applicants_over_json2(self):
        answers = [
            self.json2("housing.offer", "search_read", domain=[]),
            self.json2("housing.listing", "read", ids=self.listing.ids),
            self.json2("housing.application", "search_read", domain=[]),
            self.json2(
                "mail.message",
                "search_read",
                domain=[("model", "like", "housing.parking"), ("body", "!=", False)],
                fields=["body", "model", "res_id"],
            ),
        ]
        self.assertEqual(len(answers[0].json()), 1)
        for response in answers:
            for other in self.others:
                self.assertNotIn(other, response.text)
