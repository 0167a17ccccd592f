from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ParkingQueueCase


@tagged("-at_install", "post_install", "housing_parking_queue")
@freeze_time("2026-03-16 08:00")
class TestParkingAccess(ParkingQueueCase):
    """Tenants in the portal see their own queue data only and answer only their own
    offers; staff run the queue; integrations read it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_user = new_test_user(
            cls.env, "pq_tenant", groups="base.group_portal", partner_id=cls.home_tenant.id
        )
        cls.other_user = new_test_user(
            cls.env, "pq_other", groups="base.group_portal", partner_id=cls.one_parking.id
        )
        cls.integration = new_test_user(
            cls.env, "pq_integration", groups="housing_base.group_housing_integration"
        )
        cls.listing = cls.listing_for()
        cls.listing.apply(cls.home_tenant, "additional")
        cls.listing.apply(cls.one_parking, "additional")
        cls.closed = cls.listing_for(cls.spaces[4])
        cls.closed.action_close()

    def test_portal_sees_own_records_and_published_listings(self):
        Listing = self.Listing.with_user(self.tenant_user)
        self.assertEqual(Listing.search([]), self.listing)
        apps = self.Application.with_user(self.tenant_user).search([])
        self.assertEqual(apps.partner_id, self.home_tenant)
        self.assertEqual(
            self.Membership.with_user(self.tenant_user).search([]).partner_id, self.home_tenant
        )
        with self.assertRaises(AccessError):
            self.listing.with_user(self.tenant_user).write({"vacant_from": date(2026, 5, 1)})

    def test_portal_user_answers_only_own_offer(self):
        self.listing.action_start_offer_round()
        offer = self.listing.active_offer_id
        self.assertEqual(offer.partner_id, self.home_tenant)
        with self.assertRaises(AccessError):
            offer.with_user(self.other_user).action_decline()
        with self.assertRaises(AccessError):
            self.listing.with_user(self.other_user).apply(self.home_tenant, "replace")
        own_app = self.listing.application_ids.filtered(lambda a: a.partner_id == self.one_parking)
        with self.assertRaises(AccessError):
            own_app.with_user(self.tenant_user).action_withdraw()
        self.assertEqual(offer.state, "active")
        own_app.with_user(self.other_user).action_withdraw()
        self.assertEqual(own_app.state, "withdrawn_user")
        own_app.state = "active"
        lease = offer.with_user(self.tenant_user).action_accept()
        self.assertEqual(lease.partner_id, self.home_tenant)
        self.assertEqual(own_app.state, "assigned_other")

    def test_staff_and_integration(self):
        listing = self.Listing.with_user(self.lease_user).create(
            {"rental_object_id": self.spaces[5].id}
        )
        listing.action_close()
        self.assertEqual(self.Listing.with_user(self.integration).search_count([]), 3)
        with self.assertRaises(AccessError):
            self.Listing.with_user(self.integration).create({"rental_object_id": self.spaces[6].id})
        with self.assertRaises(AccessError):
            self.env.ref("housing_parking_queue.policy_scored").with_user(self.lease_user).write(
                {"offer_business_days": 5}
            )
        self.env.ref("housing_parking_queue.policy_scored").with_user(self.lease_manager).write(
            {"offer_business_days": 5}
        )
