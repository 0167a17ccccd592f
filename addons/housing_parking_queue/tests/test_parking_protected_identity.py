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

    def test_staff_read_no_protected_name_beside_the_space(self):
        """The listing's ranking, the offer's snapshot and the listing's messages are
        read by staff without the privilege beside the parking space: they do not name
        the protected applicant (nor link to them), who still ranks first."""
        staff_listing = self.listing.with_user(self.staff)
        before = staff_listing.message_ids
        ranking = staff_listing.ranking_html
        self.assertIn("Protected identity", ranking)
        self.assertNotIn("Home Tenant", ranking)
        self.assertIn("One Parking", ranking)
        self.listing.with_user(self.staff).action_start_offer_round()
        offer = self.listing.sudo().active_offer_id
        self.assertEqual(offer.partner_id, self.home_tenant)
        protected_row, other_row = offer.ranking_snapshot
        self.assertEqual(
            (protected_row["partner"], protected_row["partner_id"], protected_row["protected"]),
            (None, None, True),
        )
        self.assertEqual(other_row["partner_id"], self.one_parking.id)
        self.assertEqual(offer.with_user(self.privileged).ranking_position, 1)
        # The protected tenant declines: the next offer, which staff read, keeps the
        # snapshot without the name.
        offer.with_user(self.privileged).sudo().action_decline()
        next_offer = self.listing.active_offer_id.with_user(self.staff)
        self.assertEqual(next_offer.partner_id, self.one_parking)
        self.assertNotIn("Home Tenant", next_offer.ranking_html)
        # (What was written before the protection, e.g. "Home Tenant applied.", stays.)
        messages = (staff_listing.message_ids - before).mapped("body")
        self.assertTrue(messages)
        self.assertFalse([body for body in messages if "Home Tenant" in body], messages)
        self.assertTrue([body for body in messages if "protected identity" in body])
