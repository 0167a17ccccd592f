from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import StorageQueueCase


@tagged("-at_install", "post_install", "housing_storage_queue")
@freeze_time("2026-03-10 09:00")
class TestStorageAccess(StorageQueueCase):
    """Tenants in the portal see open storage listings and their own applications and
    offers, and apply only for themselves; housing staff run the storage queue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_user = new_test_user(
            cls.env, "sq_tenant", groups="base.group_portal", partner_id=cls.same_area.id
        )
        cls.other_user = new_test_user(
            cls.env, "sq_other", groups="base.group_portal", partner_id=cls.elsewhere.id
        )
        cls.listing = cls.listing_for()
        cls.listing.apply(cls.same_property)

    def test_portal_tenant_applies_and_sees_own_only(self):
        listing = self.listing.with_user(self.tenant_user)
        self.assertEqual(self.Listing.with_user(self.tenant_user).search([]), self.listing)
        self.assertFalse(listing.storage_residents_only)
        self.assertEqual(
            listing.get_eligibility(self.same_area)[listing.id][False]["reason"], "same_area"
        )
        with self.assertRaises(AccessError):
            listing.apply(self.elsewhere)
        application = listing.apply(self.same_area)
        self.assertEqual(application.priority, "2")
        self.assertEqual(self.Application.with_user(self.tenant_user).search([]), application)
        self.assertFalse(self.Application.with_user(self.other_user).search([]))
        membership = self.Membership.with_user(self.tenant_user).search([])
        self.assertEqual(
            (membership.partner_id, membership.queue_type), (self.same_area, "storage")
        )
        with self.assertRaises(AccessError):
            listing.write({"vacant_from": date(2026, 5, 1)})
        application.action_withdraw()
        self.assertEqual(application.state, "withdrawn_user")

    def test_portal_tenant_answers_own_offer(self):
        self.listing.action_start_offer_round()
        offer = self.listing.active_offer_id
        with self.assertRaises(AccessError):
            offer.with_user(self.other_user).action_accept()
        self.assertEqual(offer.state, "active")
        owner = new_test_user(
            self.env, "sq_owner", groups="base.group_portal", partner_id=self.same_property.id
        )
        lease = offer.with_user(owner).action_accept()
        self.assertEqual((lease.partner_id, lease.lease_type), (self.same_property, "storage"))

    def test_housing_user_publishes_and_offers(self):
        # From Storage rooms → Listings → New: the engine's form offers storage rooms only.
        with Form(self.Listing.with_user(self.lease_user)) as form:
            self.assertEqual(form.category_object_type, "storage")
            form.rental_object_id = self.rooms[2]
            form.vacant_from = date(2026, 4, 1)
            self.assertEqual(form.date_to, date(2026, 3, 24))
        listing = form.record
        self.assertEqual((listing.category, listing.rule), ("storage", "scored"))
        self.assertFalse(listing.storage_residents_only)
        self.Application.with_user(self.lease_user).create(
            {"listing_id": listing.id, "partner_id": self.elsewhere.id}
        )
        self.assertEqual(listing.application_ids.priority, "3")
        listing.action_start_offer_round()
        self.assertEqual(listing.active_offer_id.partner_id, self.elsewhere)
        # The Applicants button opens the storage queue's own screen.
        action = listing.action_view_applications()
        self.assertEqual(
            (action["name"], action["domain"]),
            ("Storage applications", [("listing_id", "=", listing.id)]),
        )
        # Which storage rooms are for their property's residents is a manager's setting.
        with self.assertRaises(AccessError):
            self.rooms[3].with_user(self.lease_user).storage_residents_only = True
        self.rooms[3].with_user(self.housing_manager).storage_residents_only = True
        self.assertTrue(self.rooms[3].storage_residents_only)
