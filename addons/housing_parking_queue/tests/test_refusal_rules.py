from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import RefusalCase


@tagged("-at_install", "post_install", "housing_parking_queue", "housing_letting")
class TestRefusalWindowAndConsequence(RefusalCase):
    """The policy's refusal window (only the refusals of its last months count) and its
    consequence at the limit (reset the queue date, or remove the place from the queue)."""

    def mails(self):
        return self.env["mail.mail"].search(
            [("model", "=", "housing.queue.membership"), ("res_id", "=", self.place.id)]
        )

    def test_refusals_older_than_the_window_do_not_count(self):
        self.policy.refusal_window_months = 12
        with freeze_time("2026-03-16 08:00"):
            for space in self.spaces[3:5]:
                self.offered(space).active_offer_id.action_decline()
        self.assertEqual(self.place.refusal_count, 2)
        with freeze_time("2027-03-16 08:00"):  # twelve months after: out of the window
            self.Membership._cron_keep_alive()
        self.assertEqual(self.place.refusal_count, 0, "the daily run counts again")
        self.assertFalse(any(self.place.refusal_ids.mapped("counted")))
        with freeze_time("2027-03-16 08:00"):
            self.offered(self.spaces[5]).active_offer_id.action_decline()
        self.assertEqual(self.place.refusal_count, 1)
        self.assertEqual(self.place.queue_start_date, date(2015, 1, 1), "no reset")
        self.assertIn("Refusal 1 of 3", self.place.message_ids[0].body)

    def test_a_new_refusal_counts_the_window_again_without_the_daily_run(self):
        self.policy.refusal_window_months = 12
        with freeze_time("2026-03-16 08:00"):
            for space in self.spaces[3:5]:
                self.offered(space).active_offer_id.action_decline()
        with freeze_time("2027-03-20 08:00"):
            self.offered(self.spaces[5]).active_offer_id.action_decline()
        self.assertEqual(self.place.refusal_count, 1)
        self.assertEqual(self.place.queue_start_date, date(2015, 1, 1))

    def test_widening_the_window_counts_older_refusals_again(self):
        self.policy.refusal_window_months = 1
        with freeze_time("2026-03-16 08:00"):
            for space in self.spaces[3:5]:
                self.offered(space).active_offer_id.action_decline()
        with freeze_time("2026-05-01 08:00"):
            self.Membership._cron_keep_alive()
            self.assertEqual(self.place.refusal_count, 0)
            self.policy.refusal_window_months = 0
            self.assertEqual(self.place.refusal_count, 2)
            self.offered(self.spaces[5]).active_offer_id.action_decline()
        self.assertEqual(self.place.queue_start_date, date(2026, 5, 1), "the third resets")

    def test_refusals_before_the_queue_date_do_not_count(self):
        with freeze_time("2026-03-16 08:00"):
            self.offered(self.spaces[3]).active_offer_id.action_decline()
        self.assertEqual(self.place.refusal_count, 1)
        self.place.correct_queue_start(date(2026, 4, 1), "Kön startade om")
        self.assertEqual(self.place.refusal_count, 0)

    @freeze_time("2026-03-16 08:00")
    def test_the_limit_removes_the_place_when_the_policy_says_so(self):
        self.policy.write({"refusal_consequence": "remove", "refusal_limit": 2})
        # Applied beforehand for another space: after the removal it ranks without points.
        later = self.listing_for(self.spaces[6])
        later.apply(self.home_tenant, "additional")
        first = self.offered(self.spaces[3])
        first.active_offer_id.action_decline()
        self.assertEqual(self.place.state, "active")
        self.offered(self.spaces[4]).active_offer_id.action_decline()
        self.assertEqual(self.place.state, "removed")
        self.assertEqual(self.place.state_reason, "2 refusals")
        self.assertEqual(self.place.queue_points, 0)
        self.assertEqual(self.place.refusal_count, 0, "counting starts again")
        self.assertEqual(self.place.queue_start_date, date(2015, 1, 1), "kept for a restore")
        self.assertIn(
            "2 refusals: removed from the queue", "".join(self.place.message_ids.mapped("body"))
        )
        mail = self.mails()
        self.assertEqual(
            mail.subject, "You have been removed from the queue: Parking (internal, scored)"
        )
        self.assertEqual(mail.recipient_ids, self.home_tenant)
        later._rank()
        self.assertFalse(later.application_ids.queue_start_date, "the place lost its points")
        self.assertEqual(later.application_ids.queue_points, 0)
        # Applying again joins the queue anew, today.
        alone = self.listing_for(self.spaces[5])
        alone.apply(self.home_tenant, "additional")
        self.assertEqual(self.place.state, "active")
        self.assertEqual(self.place.queue_start_date, date(2026, 3, 16))

    @freeze_time("2026-03-16 08:00")
    def test_annulling_a_refusal_keeps_the_place(self):
        self.policy.write({"refusal_consequence": "remove", "refusal_limit": 2})
        self.offered(self.spaces[3]).active_offer_id.action_decline()
        self.place.refusal_ids.action_annul("Fel i erbjudandet")
        self.offered(self.spaces[4]).active_offer_id.action_decline()
        self.assertEqual((self.place.state, self.place.refusal_count), ("active", 1))
        self.assertFalse(self.mails())

    @freeze_time("2026-03-16 08:00")
    def test_no_refusal_is_counted_on_a_removed_place(self):
        listing = self.listing_for(self.spaces[3])
        listing.apply(self.home_tenant, "additional")
        self.place.action_remove("Sökanden bad om det")
        listing.action_start_offer_round()
        listing.active_offer_id.action_decline()
        self.assertFalse(self.place.refusal_ids)
        self.assertEqual(self.place.state, "removed", "declining does not join the queue again")
