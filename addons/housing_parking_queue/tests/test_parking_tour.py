from odoo.tests import HttpCase, tagged

from .common import ParkingQueueCase


@tagged("-at_install", "post_install", "housing_parking_queue")
class TestParkingTour(ParkingQueueCase, HttpCase):
    def test_publish_and_let_a_parking_space(self):
        """Staff in the browser: publish a vacant space from the register, see the
        current ranking, offer it and accept the offer for the applicant (by phone)."""
        space = self.spaces[3]
        space.street = "Testgatan 5"
        self.start_tour(
            f"/odoo/rental-objects/{space.id}", "housing_parking_publish", login="prop_user"
        )
        listing = self.Listing.search([("rental_object_id", "=", space.id)])
        self.assertEqual((listing.state, listing.rule), ("published", "scored"))
        listing.apply(self.two_parking, "additional")
        listing.apply(self.home_tenant, "additional")
        self.start_tour(
            f"/odoo/action-housing_parking_queue.action_housing_parking_listing/{listing.id}",
            "housing_parking_let",
            login="prop_user",
        )
        self.assertEqual(listing.state, "assigned")
        self.assertEqual(listing.lease_id.partner_id, self.home_tenant)
        self.assertEqual(listing.lease_id.rental_object_id, space)
