from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import HousingApiCase


@tagged("post_install", "-at_install", "housing_api")
@freeze_time("2026-03-16 08:00")
class TestApiLetting(HousingApiCase):
    """Every category's listings, applications, offers and queue places over
    /api/housing/v1, here with the parking queue (the categories of homes and storage are
    tested where their modules are installed with the API: housing_api_home_queue)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Listing = cls.env["housing.listing"]
        spaces = cls.parking | cls.parking.copy({"code": "999-001-P-002"})
        spaces |= cls.parking.copy({"code": "999-001-P-003"})
        cls.listings = Listing.create(
            [
                {
                    "rental_object_id": space.id,
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 15 + n),
                    "vacant_from": date(2026, 4, 1),
                }
                for n, space in enumerate(spaces)
            ]
        )
        cls.listing = cls.listings[0]
        home = cls.residence.copy({"code": "999-001-01-0066", "apartment_number": "1066"})
        cls.env["housing.lease"].create(
            {
                "rental_object_id": home.id,
                "date_start": date(2025, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": cls.protected.id})],
            }
        ).action_confirm()

    def apply(self, partner, listing=None, **body):
        return self.api(
            "POST",
            f"/listings/{(listing or self.listing).id}/applications",
            {"customer_number": partner.customer_number, **body},
        )

    def row(self, path, listing=None):
        page = self.api("GET", path)
        self.assertEqual(page.status_code, 200, page.text)
        [row] = [r for r in page.json()["data"] if r["id"] == (listing or self.listing).id]
        return row

    def test_listings_with_own_place_and_applicant_count(self):
        contact = self.tenant.customer_number
        row = self.row(f"/listings?category=parking&contact={contact}")
        self.assertEqual((row["category"], row["applicant_count"]), ("parking", 0))
        self.assertIsNone(row["application"])
        verdicts = {verdict["application_type"]: verdict for verdict in row["eligibility"]}
        self.assertEqual(set(verdicts), {"replace", "additional"})
        self.assertEqual(
            (verdicts["additional"]["eligible"], verdicts["additional"]["reason"]),
            (True, "no_parking"),
        )
        # The category's default application type (parking: an additional space).
        response = self.apply(self.tenant)
        self.assertEqual(response.status_code, 201, response.text)
        application = response.json()["data"]
        self.assertEqual(
            (application["category"], application["application_type"], application["state"]),
            ("parking", "additional", "active"),
        )
        self.listing._rank()
        row = self.row(f"/listings?contact={contact}")
        self.assertEqual(row["applicant_count"], 1)
        self.assertEqual(
            row["application"], {"id": application["id"], "state": "active", "rank": 1}
        )
        one = self.api("GET", f"/listings/{self.listing.id}").json()["data"]
        self.assertEqual((one["category"], one["applicant_count"]), ("parking", 1))
        self.assertNotIn("eligibility", one)
        self.assertNotIn("application", self.row("/listings?category=parking"))
        self.assertEqual(self.api("GET", "/listings?category=storage").json()["data"], [])
        self.assertApiError(self.api("GET", "/listings?category=boats"), 400, "validation_error")
        self.assertApiError(self.api("GET", "/listings/999999"), 404, "not_found")

    def test_apply_refused_with_the_category_code(self):
        outsider = self.env["res.partner"].create(
            {"name": "Utan Kontrakt", "is_housing_contact": True, "personal_number": "198506061004"}
        )
        error = self.assertApiError(self.apply(outsider), 409, "not_tenant")
        self.assertIn("housing lease", error["message"])
        self.assertApiError(
            self.apply(self.tenant, application_type="swap"), 400, "validation_error"
        )
        self.assertFalse(self.listing.application_ids)

    def test_pagination(self):
        first = self.api("GET", "/listings?category=parking&limit=2").json()
        self.assertEqual(
            first["pagination"], {"limit": 2, "offset": 0, "total": 3, "next_offset": 2}
        )
        second = self.api("GET", "/listings?category=parking&limit=2&offset=2").json()
        self.assertEqual([row["id"] for row in first["data"] + second["data"]], self.listings.ids)
        synced = self.api("GET", "/listings?modified_since=2026-01-01").json()
        self.assertEqual({row["category"] for row in synced["data"]}, {"parking"})

    def test_withdraw_and_applications(self):
        application = self.apply(self.tenant).json()["data"]
        mine = self.api(
            "GET", f"/applications?category=parking&contact={self.tenant.customer_number}"
        ).json()["data"]
        self.assertEqual([row["id"] for row in mine], [application["id"]])
        self.assertEqual(self.api("GET", "/applications?category=storage").json()["data"], [])
        body = {"customer_number": self.tenant.customer_number}
        withdrawn = self.api("POST", f"/applications/{application['id']}/withdraw", body)
        self.assertEqual(withdrawn.json()["data"]["state"], "withdrawn_user")
        self.assertApiError(
            self.api("POST", f"/applications/{application['id']}/withdraw", body),
            409,
            "application_closed",
        )
        # The parking alias reads the same application.
        parking = self.api("GET", f"/parking/applications?listing={self.listing.id}").json()
        self.assertEqual(parking["data"][0]["state"], "withdrawn_user")
        self.assertNotIn("category", parking["data"][0])

    def test_offer_answered(self):
        self.apply(self.tenant)
        self.listing.action_start_offer_round()
        [offer] = self.api(
            "GET", f"/offers?category=parking&contact={self.tenant.customer_number}"
        ).json()["data"]
        self.assertEqual((offer["category"], offer["state"]), ("parking", "active"))
        answered = self.api(
            "POST",
            f"/offers/{offer['id']}/answer",
            {"customer_number": self.tenant.customer_number, "answer": "accept"},
        )
        self.assertEqual(answered.json()["data"]["state"], "accepted", answered.text)
        self.assertEqual(self.listing.lease_id.partner_id, self.tenant)

    def test_protected_contact_application_not_returned(self):
        """An application ties a protected contact to a parking space near their home:
        the API neither lists it nor shows it as the contact's own place."""
        self.listing.apply(self.protected)
        contact = self.protected.customer_number
        self.assertEqual(self.api("GET", f"/applications?contact={contact}").json()["data"], [])
        row = self.row(f"/listings?contact={contact}")
        self.assertIsNone(row["application"])
        self.assertEqual(row["applicant_count"], 1)

    def assertNewPlace(self, place):
        """``place`` (a QueuePlace) is the tenant's new place in the parking queue."""
        self.assertEqual(
            {key: place[key] for key in ("queue_type", "queue_start_date", "points", "state")},
            {
                "queue_type": "parking_internal",
                "queue_start_date": "2026-03-16",
                "points": 0,
                "state": "active",
            },
        )

    def test_queue_places_and_confirm(self):
        self.apply(self.tenant)
        path = f"/contacts/{self.tenant.customer_number}/queues"
        [place] = self.api("GET", path).json()["data"]
        self.assertNewPlace(place)
        self.assertEqual(place["last_confirmed_at"], "2026-03-16T08:00:00Z")
        confirmed = self.api("POST", f"{path}/parking_internal/confirm")
        self.assertEqual(confirmed.status_code, 200, confirmed.text)
        self.assertEqual(confirmed.json()["data"]["id"], place["id"])
        self.assertApiError(self.api("POST", f"{path}/housing/confirm"), 404, "not_found")
        self.assertApiError(self.api("GET", "/contacts/P999999/queues"), 404, "not_found")

    def test_viewing_invitations_answered_and_their_webhooks(self):
        self.env.ref("housing_parking_queue.policy_scored").write(
            {"viewing_round": True, "viewing_invitations": 2, "viewing_business_days": 3}
        )
        Event = self.env["housing.webhook.event"]
        # The integration's own subscription: it may not read the protected applicant's.
        self.env["housing.webhook.subscription"].with_user(self.integration_user).create(
            {
                "name": "Kösystemet",
                "url": "https://queue.example.org/hooks",
                "event_ids": [
                    Command.set(
                        Event.search([("code", "in", ("viewing.invited", "viewing.answered"))]).ids
                    )
                ],
            }
        )
        self.assertEqual(self.apply(self.tenant).status_code, 201)
        self.listing.sudo().apply(self.protected, "additional")
        self.listing.action_start_offer_round()
        invitations = self.listing.viewing_ids.invitation_ids
        self.assertEqual(invitations.partner_id, self.tenant | self.protected)
        Delivery = self.env["housing.webhook.delivery"]
        [invited] = Delivery.search([("event_code", "=", "viewing.invited")])
        self.assertEqual(invited.payload["data"]["contact"]["name"], self.tenant.name)
        page = self.api("GET", "/viewing-invitations?category=parking").json()["data"]
        self.assertEqual([row["contact"]["name"] for row in page], [self.tenant.name])
        [row] = self.api(
            "GET", f"/viewing-invitations?contact={self.tenant.customer_number}&state=pending"
        ).json()["data"]
        self.assertEqual((row["category"], row["rank"], row["state"]), ("parking", 1, "pending"))
        self.assertEqual(row["listing"]["id"], self.listing.id)
        mine = invitations.filtered(lambda inv: inv.partner_id == self.tenant)
        hidden = invitations - mine
        body = {"customer_number": self.tenant.customer_number, "answer": "interested"}
        path = f"/viewing-invitations/{hidden.id}/answer"
        self.assertApiError(self.api("POST", path, body), 404, "not_found")
        self.assertApiError(
            self.api("POST", f"/viewing-invitations/{mine.id}/answer", {**body, "answer": "yes"}),
            400,
            "validation_error",
        )
        answered = self.api("POST", f"/viewing-invitations/{mine.id}/answer", body)
        self.assertEqual(answered.status_code, 200, answered.text)
        self.assertEqual(answered.json()["data"]["state"], "interested")
        [event] = Delivery.search([("event_code", "=", "viewing.answered")])
        self.assertEqual(event.payload["data"]["state"], "interested")
        again = self.api("POST", f"/viewing-invitations/{mine.id}/answer", body)
        self.assertApiError(again, 409, "invitation_not_active")

    def test_join_queue(self):
        path = f"/contacts/{self.tenant.customer_number}/queues/parking_internal"
        joined = self.api("POST", path)
        self.assertEqual(joined.status_code, 201, joined.text)
        place = joined.json()["data"]
        self.assertNewPlace(place)
        error = self.assertApiError(self.api("POST", path), 409, "already_in_queue")
        self.assertEqual(error["message"], "You are already in this queue.")
        Membership = self.env["housing.queue.membership"]
        membership = Membership.browse(place["id"])
        self.assertEqual(Membership.search([("partner_id", "=", self.tenant.id)]), membership)
        # A place staff removed joins again today; a lapsed one waits for staff.
        membership.with_context(housing_queue_correction=True).sudo().queue_start_date = date(
            2024, 1, 1
        )
        membership.with_user(self.housing_manager).action_remove("På egen begäran")
        again = self.api("POST", path)
        self.assertEqual(again.status_code, 201, again.text)
        self.assertEqual(
            (again.json()["data"]["id"], again.json()["data"]["queue_start_date"]),
            (membership.id, "2026-03-16"),
        )
        membership.sudo().write({"state": "expired"})
        error = self.assertApiError(self.api("POST", path), 409, "queue_membership_expired")
        self.assertIn("customer service", error["message"])
        self.assertEqual(membership.state, "expired")

    def test_join_queue_refused_by_the_category(self):
        outsider = self.env["res.partner"].create(
            {"name": "Utan Kontrakt", "is_housing_contact": True, "personal_number": "198506061004"}
        )
        Membership = self.env["housing.queue.membership"]
        path = f"/contacts/{outsider.customer_number}/queues/parking_internal"
        error = self.assertApiError(self.api("POST", path), 409, "not_tenant")
        self.assertIn("housing lease", error["message"])
        outsider.sudo().personal_number = False
        self.assertApiError(self.api("POST", path), 409, "not_identified")
        # No category of this server ranks by the external parking queue.
        error = self.assertApiError(
            self.api("POST", f"/contacts/{outsider.customer_number}/queues/parking_external"),
            404,
            "not_found",
        )
        self.assertEqual(error["details"], {"resource": "queue", "queue_type": "parking_external"})
        self.assertApiError(
            self.api("POST", "/contacts/P999999/queues/parking_internal"), 404, "not_found"
        )
        self.assertFalse(Membership.search([("partner_id", "=", outsider.id)]))

    def test_eligibility(self):
        outsider = self.env["res.partner"].create(
            {"name": "Utan Kontrakt", "is_housing_contact": True, "personal_number": "198506061004"}
        )
        response = self.api(
            "GET", f"/eligibility?listing={self.listing.id}&contact={self.tenant.customer_number}"
        )
        self.assertEqual(response.status_code, 200, response.text)
        answer = response.json()["data"]
        self.assertEqual(
            (answer["listing_id"], answer["category"], answer["customer_number"]),
            (self.listing.id, "parking", self.tenant.customer_number),
        )
        verdicts = {verdict["application_type"]: verdict for verdict in answer["verdicts"]}
        self.assertEqual(
            verdicts["additional"],
            {
                "application_type": "additional",
                "eligible": True,
                "priority": "1",
                "reason": "no_parking",
                "label": "No parking lease, a home in the area",
                "message": None,
            },
        )
        refused = self.api(
            "GET", f"/eligibility?listing={self.listing.id}&contact={outsider.customer_number}"
        ).json()["data"]["verdicts"]
        self.assertEqual(
            {(v["eligible"], v["priority"], v["reason"]) for v in refused},
            {(False, None, "not_tenant")},
        )
        # The message is that of the refusal applying gives.
        error = self.assertApiError(self.apply(outsider), 409, "not_tenant")
        self.assertEqual({v["message"] for v in refused}, {error["message"]})
        # /listings?contact= gives the same verdicts.
        row = self.row(f"/listings?contact={outsider.customer_number}")
        self.assertEqual(row["eligibility"], refused)

    def test_eligibility_of_a_protected_contact_is_not_given(self):
        contact = self.protected.customer_number
        error = self.assertApiError(
            self.api("GET", f"/eligibility?listing={self.listing.id}&contact={contact}"),
            403,
            "forbidden",
        )
        self.assertIn("protected identity", error["message"])
        self.assertIsNone(self.row(f"/listings?contact={contact}")["eligibility"])
        parking = self.api("GET", f"/parking/listings?contact={contact}").json()["data"]
        self.assertNotIn("eligibility", parking[0])

    def test_eligibility_bad_queries(self):
        contact = self.tenant.customer_number
        self.assertApiError(
            self.api("GET", f"/eligibility?contact={contact}"), 400, "validation_error"
        )
        self.assertApiError(self.api("GET", "/eligibility?listing=1"), 400, "validation_error")
        self.assertApiError(
            self.api("GET", f"/eligibility?listing=999999&contact={contact}"), 404, "not_found"
        )
        self.assertApiError(
            self.api("GET", f"/eligibility?listing={self.listing.id}&contact=P999999"),
            404,
            "not_found",
        )

    def test_parking_routes_are_deprecated(self):
        listings = self.api("GET", "/parking/listings")
        self.assertEqual(listings.status_code, 200)
        self.assertEqual(listings.headers["Deprecation"], "true")
        self.assertEqual(listings.headers["Sunset"], "Tue, 01 Jun 2027 00:00:00 GMT")
        self.assertEqual(
            listings.headers["Link"],
            '</api/housing/v1/listings?category=parking>; rel="successor-version"',
        )
        one = self.api("GET", f"/parking/listings/{self.listing.id}")
        self.assertEqual(
            one.headers["Link"],
            f'</api/housing/v1/listings/{self.listing.id}>; rel="successor-version"',
        )
        self.assertNotIn("Deprecation", self.api("GET", "/listings").headers)
        # An error answer says so too.
        missing = self.api("GET", "/parking/listings/999999")
        self.assertApiError(missing, 404, "not_found")
        self.assertEqual(
            (missing.headers["Deprecation"], missing.headers["Link"]),
            ("true", '</api/housing/v1/listings/999999>; rel="successor-version"'),
        )
        self.assertNotIn("Deprecation", self.api("GET", "/listings/999999").headers)
