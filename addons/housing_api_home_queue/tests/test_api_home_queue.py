from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.housing_api.tests.common import HousingApiCase
from odoo.addons.housing_home_queue.tests.common import NOW, HomeQueueCase
from odoo.addons.housing_home_queue.tools import housing_rules


@tagged("post_install", "-at_install", "housing_api_home_queue")
@freeze_time(NOW)
class TestApiHomeQueue(HousingApiCase, HomeQueueCase):
    """The housing queue over /api/housing/v1: home listings under /listings with the
    housing queue's refusals, not under /parking/*, and the application profile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.home_listing = cls.listing_for(date_to=date(2026, 3, 30))
        cls.newcomer = cls.contacts(["Nils Nysson"])
        cls.profile_for(cls.protected)

    def apply(self, partner):
        return self.api(
            "POST",
            f"/listings/{self.home_listing.id}/applications",
            {"customer_number": partner.customer_number},
        )

    def test_home_listing_and_applying(self):
        page = self.api("GET", f"/listings?category=housing&contact={self.anna.customer_number}")
        [row] = page.json()["data"]
        self.assertEqual((row["id"], row["category"]), (self.home_listing.id, "housing"))
        self.assertEqual(
            row["eligibility"],
            [
                {
                    "application_type": None,
                    "eligible": True,
                    "priority": "9",
                    "reason": "queue_points",
                    "label": "Housing queue points",
                    "message": None,
                }
            ],
        )
        # A parking application type for a home: refused by the listing, not a 500.
        wrong_type = self.api(
            "POST",
            f"/listings/{self.home_listing.id}/applications",
            {"customer_number": self.anna.customer_number, "application_type": "additional"},
        )
        self.assertIn(
            "application type", self.assertApiError(wrong_type, 400, "validation_error")["message"]
        )
        error = self.assertApiError(self.apply(self.newcomer), 409, "no_profile")
        self.assertTrue(error["message"])
        response = self.apply(self.anna)
        self.assertEqual(response.status_code, 201, response.text)
        application = response.json()["data"]
        self.assertEqual(
            (application["category"], application["application_type"], application["state"]),
            ("housing", None, "active"),
        )
        self.assertApiError(self.apply(self.anna), 409, "already_applied")
        withdrawn = self.api(
            "POST",
            f"/applications/{application['id']}/withdraw",
            {"customer_number": self.anna.customer_number},
        )
        self.assertEqual(withdrawn.json()["data"]["state"], "withdrawn_user", withdrawn.text)
        self.assertEqual(self.home_listing.application_ids.mapped("state"), ["withdrawn_user"])

    def test_parking_alias_does_not_see_homes(self):
        self.assertEqual(self.api("GET", "/parking/listings").json()["data"], [])
        self.assertApiError(
            self.api("GET", f"/parking/listings/{self.home_listing.id}"), 404, "not_found"
        )
        self.assertApiError(
            self.api(
                "POST",
                f"/parking/listings/{self.home_listing.id}/applications",
                {"customer_number": self.anna.customer_number, "application_type": "additional"},
            ),
            404,
            "not_found",
        )
        application = self.home_listing.apply(self.anna)
        self.assertApiError(
            self.api(
                "POST",
                f"/parking/applications/{application.id}/withdraw",
                {"customer_number": self.anna.customer_number},
            ),
            404,
            "not_found",
        )
        self.assertEqual(application.state, "active")

    def test_application_profile_saved_by_the_integration(self):
        path = f"/contacts/{self.newcomer.customer_number}/application-profile"
        self.assertApiError(self.api("GET", path), 404, "not_found")
        body = {"num_adults": 2, "num_children": 1, "housing_type": "RENTAL", "landlord": "HSB"}
        saved = self.api("PUT", path, body)
        self.assertEqual(saved.status_code, 200, saved.text)
        profile = saved.json()["data"]
        self.assertEqual(
            (profile["num_persons"], profile["reference_status"], profile["valid"]),
            (3, "PENDING", True),
        )
        self.assertEqual(profile["expires_at"], "2026-09-16T08:00:00Z")
        # The review of the reference is staff's: the integration cannot write it.
        self.assertApiError(
            self.api("PUT", path, {"reference_status": "APPROVED"}), 400, "validation_error"
        )
        self.assertApiError(self.api("PUT", path, {"num_adults": 0}), 400, "validation_error")
        self.assertEqual(self.api("GET", path).json()["data"]["reference_status"], "PENDING")
        updated = self.api("PUT", path, {"num_children": 0}).json()["data"]
        self.assertEqual((updated["num_adults"], updated["num_persons"]), (2, 2))

    def test_protected_contact_profile_not_returned(self):
        path = f"/contacts/{self.protected.customer_number}/application-profile"
        self.assertApiError(self.api("GET", path), 404, "not_found")
        response = self.api("PUT", path, {"landlord": "Annan Hyresvärd AB"})
        self.assertApiError(response, 403, "forbidden")
        self.assertNotIn("Bostadsbolaget", response.text)
        self.assertEqual(
            self.Profile.search([("partner_id", "=", self.protected.id)]).landlord,
            "Bostadsbolaget AB",
        )

    def test_eligibility_with_the_housing_refusal(self):
        path = f"/eligibility?listing={self.home_listing.id}&contact="
        [verdict] = self.api("GET", path + self.newcomer.customer_number).json()["data"]["verdicts"]
        error = self.assertApiError(self.apply(self.newcomer), 409, "no_profile")
        self.assertEqual(
            verdict,
            {
                "application_type": None,
                "eligible": False,
                "priority": None,
                "reason": "no_profile",
                "label": "No application profile",
                "message": error["message"],
            },
        )
        answer = self.api("GET", path + self.anna.customer_number).json()["data"]
        self.assertEqual(answer["category"], "housing")
        self.assertEqual(
            [(v["eligible"], v["priority"], v["reason"]) for v in answer["verdicts"]],
            [(True, "9", "queue_points")],
        )

    def test_join_the_housing_queue(self):
        """Anyone identified may stand in the housing queue (a home of one's own is not
        needed, unlike the parking and storage queues)."""
        path = f"/contacts/{self.newcomer.customer_number}/queues/housing"
        self.Membership.search([("partner_id", "=", self.newcomer.id)]).unlink()
        joined = self.api("POST", path)
        self.assertEqual(joined.status_code, 201, joined.text)
        self.assertEqual(
            (joined.json()["data"]["queue_type"], joined.json()["data"]["queue_start_date"]),
            ("housing", "2026-03-16"),
        )
        self.assertApiError(self.api("POST", path), 409, "already_in_queue")

    def test_housing_refusal_codes_are_documented(self):
        self.assertRefusalCodesDocumented(
            "housing", {*housing_rules.REFUSALS, housing_rules.REFERENCE_PENDING}
        )
