from datetime import date

from odoo.tests import new_test_user, tagged

from .common import ParkingQueueCase


@tagged("-at_install", "post_install", "housing_parking_queue")
class TestParkingProtectedIdentity(ParkingQueueCase):
    """A protected contact's parking application and offer are seen only by the Protected
    identities privilege and the contact; the queue still ranks and offers them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env, "parking_staff", groups="housing_base.group_housing_user"
        )
        cls.privileged = new_test_user(
            cls.env, "parking_protected", groups="housing_base.group_housing_protected_identity"
        )
        cls.join_queue(cls.home_tenant, date(2020, 1, 1))
        cls.join_queue(cls.one_parking, date(2015, 1, 1))
        cls.listing = cls.listing_for()
        cls.listing.apply(cls.home_tenant, "additional")
        cls.listing.apply(cls.one_parking, "additional")
        cls.home_tenant.sudo().housing_protect_identity("Beslut")

    def test_hidden_from_staff_but_ranked_and_offered(self):
        Application = self.Application.with_user(self.staff)
        self.assertEqual(
            Application.search([("listing_id", "=", self.listing.id)]).partner_id, self.one_parking
        )
        self.assertEqual(
            self.Application.with_user(self.privileged)
            .search([("listing_id", "=", self.listing.id)])
            .partner_id,
            self.home_tenant | self.one_parking,
        )
        # A housing user starts the round: the protected tenant (priority 1) gets the offer.
        self.listing.with_user(self.staff).action_start_offer_round()
        offer = self.listing.sudo().active_offer_id
        self.assertEqual(offer.partner_id, self.home_tenant)
        self.assertFalse(self.Offer.with_user(self.staff).search([("id", "=", offer.id)]))
        self.assertEqual(
            self.Offer.with_user(self.privileged).search([("id", "=", offer.id)]), offer
        )
