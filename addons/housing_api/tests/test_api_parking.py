from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import HousingApiCase

POST = "odoo.addons.housing_api.models.housing_webhook_delivery.requests.post"


@tagged("post_install", "-at_install", "housing_api")
@freeze_time("2026-03-16 08:00")
class TestApiParking(HousingApiCase):
    """The parking queue over /api/housing/v1 as an integrator acting for tenants."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.listing = cls.env["housing.listing"].create(
            {
                "rental_object_id": cls.parking.id,
                "date_from": date(2026, 3, 1),
                "date_to": date(2026, 3, 15),
                "vacant_from": date(2026, 4, 1),
            }
        )
        cls.outsider = cls.env["res.partner"].create(
            {"name": "Utan Kontrakt", "is_housing_contact": True, "personal_number": "198506061004"}
        )
        cls.neighbour = cls.env["res.partner"].create(
            {
                "name": "Granne Grannsson",
                "is_housing_contact": True,
                "personal_number": "198607071001",
            }
        )
        home = cls.residence.copy({"code": "999-001-01-0077", "apartment_number": "1077"})
        lease = cls.env["housing.lease"].create(
            {
                "rental_object_id": home.id,
                "date_start": date(2025, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": cls.neighbour.id})],
            }
        )
        lease.action_confirm()
        Event = cls.env["housing.webhook.event"]
        cls.env["housing.webhook.subscription"].create(
            {
                "name": "Kösystemet",
                "url": "https://queue.example.org/hooks",
                "event_ids": [
                    Command.set(
                        Event.search([("code", "in", ("offer.sent", "offer.answered"))]).ids
                    )
                ],
            }
        )

    def apply(self, partner, application_type="additional", **kwargs):
        return self.api(
            "POST",
            f"/parking/listings/{self.listing.id}/applications",
            {"customer_number": partner.customer_number, "application_type": application_type},
            **kwargs,
        )

    def answer(self, offer_id, answer, partner=None):
        partner = partner or self.tenant
        return self.api(
            "POST",
            f"/parking/offers/{offer_id}/answer",
            {"customer_number": partner.customer_number, "answer": answer},
        )

    def withdraw(self, application_id, partner):
        return self.api(
            "POST",
            f"/parking/applications/{application_id}/withdraw",
            {"customer_number": partner.customer_number},
        )

    def queued(self, event):
        return self.env["housing.webhook.delivery"].search([("event_code", "=", event)])

    def test_listings_with_eligibility(self):
        page = self.api("GET", f"/parking/listings?contact={self.tenant.customer_number}").json()
        [row] = [r for r in page["data"] if r["id"] == self.listing.id]
        self.assertEqual(row["rental_object"]["code"], self.parking.code)
        self.assertEqual(row["rule"], "scored")
        self.assertEqual(
            row["eligibility"]["additional"],
            {
                "eligible": True,
                "priority": "1",
                "reason": "no_parking",
                "label": "No parking lease, a home in the area",
            },
        )
        page = self.api("GET", f"/parking/listings?contact={self.outsider.customer_number}")
        [row] = [r for r in page.json()["data"] if r["id"] == self.listing.id]
        self.assertFalse(row["eligibility"]["replace"]["eligible"])
        self.assertEqual(row["eligibility"]["replace"]["reason"], "not_tenant")
        self.assertNotIn("eligibility", self.api("GET", "/parking/listings").json()["data"][0])
        self.assertApiError(self.api("GET", "/parking/listings?contact=P999999"), 404, "not_found")
        self.assertApiError(
            self.api("GET", "/parking/listings?colour=red"), 400, "validation_error"
        )

    def test_apply_refusals_and_idempotency(self):
        response = self.apply(self.tenant, headers={"Idempotency-Key": "anm-1"})
        self.assertEqual(response.status_code, 201, response.text)
        application = response.json()["data"]
        self.assertEqual(
            (application["state"], application["priority"], application["priority_reason"]),
            ("active", "1", "no_parking"),
        )
        replay = self.apply(self.tenant, headers={"Idempotency-Key": "anm-1"})
        self.assertEqual(replay.headers.get("Idempotency-Replayed"), "true")
        self.assertEqual(replay.json()["data"]["id"], application["id"])
        self.assertApiError(self.apply(self.tenant), 409, "already_applied")
        error = self.assertApiError(self.apply(self.outsider), 409, "not_tenant")
        self.assertIn("housing lease", error["message"])
        self.assertApiError(self.apply(self.tenant, "swap"), 400, "validation_error")
        self.assertApiError(
            self.api(
                "POST",
                "/parking/listings/999999/applications",
                {"customer_number": self.tenant.customer_number, "application_type": "additional"},
            ),
            404,
            "not_found",
        )
        self.assertEqual(len(self.listing.application_ids), 1)

    def test_offer_answered_over_the_api(self):
        self.apply(self.tenant)
        self.apply(self.neighbour)
        self.listing.action_start_offer_round()
        offers = self.api("GET", f"/parking/offers?contact={self.tenant.customer_number}").json()
        [offer] = offers["data"]
        self.assertEqual((offer["state"], offer["deadline"]), ("active", "2026-03-19T22:59:59Z"))
        [sent] = self.queued("offer.sent")
        self.assertEqual(sent.payload["data"]["id"], offer["id"])
        with patch(POST) as post:
            answer = self.answer(offer["id"], "accept")
            post.assert_not_called()  # webhooks go out from the outbox, later
        self.assertEqual(answer.status_code, 200, answer.text)
        data = answer.json()["data"]
        self.assertEqual(data["state"], "accepted")
        self.assertEqual(data["lease"]["start_date"], "2026-04-01")
        self.assertEqual(self.listing.lease_id.partner_id, self.tenant)
        [answered] = self.queued("offer.answered")
        self.assertEqual(answered.payload["data"]["state"], "accepted")
        self.assertApiError(self.answer(offer["id"], "accept"), 409, "offer_not_active")
        apps = self.api("GET", f"/parking/applications?listing={self.listing.id}").json()
        states = {row["contact"]["name"]: row["state"] for row in apps["data"]}
        self.assertEqual(
            states, {"Anna Andersson": "accepted", "Granne Grannsson": "assigned_other"}
        )

    def test_decline_withdraw_and_bad_answers(self):
        self.apply(self.tenant)
        neighbour_app = self.apply(self.neighbour).json()["data"]
        self.listing.action_start_offer_round()
        offer = self.listing.active_offer_id
        self.assertApiError(self.answer(offer.id, "maybe"), 400, "validation_error")
        self.assertApiError(
            self.api("POST", f"/parking/offers/{offer.id}/answer", raw="{"),
            400,
            "malformed_json",
        )
        self.assertApiError(self.answer(999999, "accept"), 404, "not_found")
        self.assertEqual(offer.state, "active")
        declined = self.answer(offer.id, "decline")
        self.assertEqual(declined.json()["data"]["state"], "declined")
        # The next in line was offered the space at once; they withdraw instead.
        self.assertEqual(self.listing.active_offer_id.partner_id, self.neighbour)
        withdrawn = self.withdraw(neighbour_app["id"], self.neighbour)
        self.assertEqual(withdrawn.json()["data"]["state"], "withdrawn_user")
        self.assertApiError(
            self.withdraw(neighbour_app["id"], self.neighbour), 409, "application_closed"
        )
        self.assertEqual(self.listing.state, "closed")

    def test_answer_and_withdraw_name_the_acting_contact(self):
        """Issue 17, defect 1: one call answered or withdrew anyone's offer by id. The
        contact acting must be named, and another contact's offer or application is not
        found."""
        application = self.apply(self.tenant).json()["data"]
        self.apply(self.neighbour)
        self.listing.action_start_offer_round()
        offer = self.listing.active_offer_id
        self.assertEqual(offer.partner_id, self.tenant)
        self.assertApiError(self.answer(offer.id, "decline", self.neighbour), 404, "not_found")
        self.assertApiError(self.withdraw(application["id"], self.neighbour), 404, "not_found")
        error = self.assertApiError(
            self.api("POST", f"/parking/offers/{offer.id}/answer", {"answer": "decline"}),
            400,
            "validation_error",
        )
        self.assertIn("customer_number", error["details"]["fields"])
        self.assertApiError(
            self.api("POST", f"/parking/applications/{application['id']}/withdraw", {}),
            400,
            "validation_error",
        )
        self.assertEqual((offer.state, offer.application_id.state), ("active", "offered"))
        withdrawn = self.withdraw(application["id"], self.tenant)
        self.assertEqual(withdrawn.status_code, 200, withdrawn.text)
        self.assertEqual(offer.state, "withdrawn")

    def test_other_keys_refused(self):
        self.assertApiError(
            self.api("GET", "/parking/listings", key=self.internal_key), 403, "forbidden"
        )
        self.assertApiError(self.apply(self.tenant, key="nonsense"), 401, "unauthorized")
        self.assertFalse(self.listing.application_ids)
