from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.housing_api.tests.common import HousingApiCase
from odoo.addons.housing_letting.tools import letting
from odoo.addons.housing_storage_queue.tests.common import StorageQueueCase
from odoo.addons.housing_storage_queue.tools import storage_rules


@tagged("post_install", "-at_install", "housing_api_storage_queue")
@freeze_time("2026-03-10 09:00")
class TestApiStorageQueue(HousingApiCase, StorageQueueCase):
    """The storage queue over /api/housing/v1, as parking and homes: a storage room is
    listed with category storage, applied for, offered and accepted (a storage lease),
    with the storage queue's refusals; it is not under /parking/*."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.listing = cls.listing_for()

    def apply(self, partner, listing=None):
        return self.api(
            "POST",
            f"/listings/{(listing or self.listing).id}/applications",
            {"customer_number": partner.customer_number},
        )

    def row(self, path):
        [row] = [r for r in self.api("GET", path).json()["data"] if r["id"] == self.listing.id]
        return row

    def test_storage_room_applied_offered_accepted(self):
        contact = self.same_property.customer_number
        row = self.row(f"/listings?category=storage&contact={contact}")
        self.assertEqual(
            (row["category"], row["rental_object"]["code"], row["residents_only"]),
            ("storage", self.rooms[0].code, False),
        )
        self.assertEqual(
            row["eligibility"],
            [
                {
                    "application_type": None,
                    "eligible": True,
                    "priority": "1",
                    "reason": storage_rules.SAME_PROPERTY,
                    "label": "A home in the same property",
                    "message": None,
                }
            ],
        )
        error = self.assertApiError(self.apply(self.outsider), 409, storage_rules.NOT_TENANT)
        self.assertIn("may rent a storage room", error["message"])
        self.assertEqual(self.apply(self.same_area).status_code, 201)
        applied = self.apply(self.same_property)
        self.assertEqual(applied.status_code, 201, applied.text)
        self.assertEqual(
            (applied.json()["data"]["category"], applied.json()["data"]["priority"]),
            ("storage", "1"),
        )
        self.assertApiError(self.apply(self.same_property), 409, letting.ALREADY_APPLIED)
        self.listing.action_start_offer_round()
        [offer] = self.api("GET", f"/offers?category=storage&contact={contact}").json()["data"]
        self.assertEqual((offer["category"], offer["state"]), ("storage", "active"))
        answered = self.api(
            "POST",
            f"/offers/{offer['id']}/answer",
            {"customer_number": contact, "answer": "accept"},
        )
        self.assertEqual(answered.status_code, 200, answered.text)
        self.assertEqual(answered.json()["data"]["state"], "accepted")
        self.assertEqual(
            (self.listing.lease_id.lease_type, self.listing.lease_id.partner_id),
            ("storage", self.same_property),
        )
        # Not a parking listing, nor a parking offer.
        self.assertApiError(
            self.api("GET", f"/parking/listings/{self.listing.id}"), 404, "not_found"
        )
        self.assertEqual(self.api("GET", "/parking/offers").json()["data"], [])

    def test_storage_room_for_its_property_residents(self):
        self.rooms[0].storage_residents_only = True
        self.assertTrue(self.row("/listings?category=storage")["residents_only"])
        path = f"/eligibility?listing={self.listing.id}&contact={self.same_area.customer_number}"
        [verdict] = self.api("GET", path).json()["data"]["verdicts"]
        error = self.assertApiError(
            self.apply(self.same_area), 409, storage_rules.PROPERTY_RESIDENTS_ONLY
        )
        self.assertEqual(
            (verdict["eligible"], verdict["reason"], verdict["message"]),
            (False, storage_rules.PROPERTY_RESIDENTS_ONLY, error["message"]),
        )

    def test_join_the_storage_queue(self):
        outsider = f"/contacts/{self.outsider.customer_number}/queues/storage"
        error = self.assertApiError(self.api("POST", outsider), 409, storage_rules.NOT_TENANT)
        self.assertIn("may rent a storage room", error["message"])
        joined = self.api("POST", f"/contacts/{self.elsewhere.customer_number}/queues/storage")
        self.assertEqual(joined.status_code, 201, joined.text)
        self.assertEqual(
            (joined.json()["data"]["queue_type"], joined.json()["data"]["queue_start_date"]),
            ("storage", "2026-03-10"),
        )

    def test_storage_refusal_codes_are_documented(self):
        self.assertRefusalCodesDocumented("storage", storage_rules.REFUSALS)
