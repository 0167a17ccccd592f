from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import StorageQueueCase


@tagged("-at_install", "post_install", "housing_storage_queue")
@freeze_time("2026-03-10 09:00")
class TestStorageOffer(StorageQueueCase):
    """A storage room offered down the storage queue: declined, expired, accepted, each
    with the storage queue's e-mail; accepting lets it on a storage lease and restarts the
    tenant's storage queue time only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.listing = cls.listing_for()
        cls.places = {
            partner: cls.join_queue(partner, start)
            for partner, start in (
                (cls.same_property, date(2015, 1, 1)),
                (cls.neighbour, date(2018, 1, 1)),
                (cls.same_area, date(2010, 1, 1)),
                (cls.elsewhere, date(2005, 1, 1)),
            )
        }
        # Queue points rank within a priority: the property's tenants first, then the
        # area's, then the others.
        for partner in (cls.elsewhere, cls.same_area, cls.neighbour, cls.same_property):
            cls.listing.apply(partner)

    def mails(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    def test_declined_expired_then_accepted(self):
        self.listing.action_start_offer_round()
        first = self.listing.active_offer_id
        self.assertEqual(first.partner_id, self.same_property)
        self.assertEqual(
            self.mails(self.same_property).subject, "Offer of storage room 999-001-F-001"
        )
        self.assertIn("Answer by", self.mails(self.same_property).body_html)

        first.action_decline()
        self.assertEqual(first.state, "declined")
        self.assertIn(
            "You have declined storage room 999-001-F-001",
            self.mails(self.same_property).mapped("subject"),
        )
        second = self.listing.active_offer_id
        self.assertEqual(second.partner_id, self.neighbour)
        # Declining keeps the storage queue place and its date.
        self.assertEqual(self.places[self.same_property].queue_start_date, date(2015, 1, 1))

        # Three business days to answer: unanswered on Monday 16 March, it expires.
        with freeze_time(datetime(2026, 3, 16, 9, 0)):
            self.env["housing.listing"]._cron_run_queue()
        self.assertEqual(second.state, "expired")
        self.assertIn(
            "Your offer of storage room 999-001-F-001 has expired",
            self.mails(self.neighbour).mapped("subject"),
        )
        third = self.listing.active_offer_id
        self.assertEqual(third.partner_id, self.same_area)

        with freeze_time(datetime(2026, 3, 16, 10, 0)):
            lease = third.action_accept()
        self.assertEqual((third.state, self.listing.state), ("accepted", "assigned"))
        self.assertEqual(
            (lease.lease_type, lease.partner_id, lease.rental_object_id),
            ("storage", self.same_area, self.rooms[0]),
        )
        self.assertIn(
            "Storage room 999-001-F-001 is yours", self.mails(self.same_area).mapped("subject")
        )
        # The storage queue time restarts on the day of the acceptance; the others keep
        # theirs.
        self.assertEqual(self.places[self.same_area].queue_start_date, date(2026, 3, 16))
        self.assertEqual(self.places[self.elsewhere].queue_start_date, date(2005, 1, 1))
        # The one still waiting is told the room has been let.
        last = self.listing.application_ids.filtered(lambda a: a.partner_id == self.elsewhere)
        self.assertEqual(last.state, "assigned_other")
        self.assertIn(
            "Storage room 999-001-F-001 has been let", self.mails(self.elsewhere).mapped("subject")
        )
