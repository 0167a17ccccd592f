from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from ..tools import rules
from .common import ParkingQueueCase, RefusalCase


@tagged("-at_install", "post_install", "housing_parking_queue", "housing_letting")
class TestViewingRound(ParkingQueueCase):
    """The letting engine's viewing round (visning), with a parking policy that asks for
    one: the first two in the ranking are invited, the offer goes in ranking order to those
    who answer that they are interested, then to the next two invited."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env.ref("housing_parking_queue.policy_scored")
        cls.policy.write(
            {
                "viewing_round": True,
                "viewing_invitations": 2,
                "viewing_business_days": 3,
                "count_refusals": True,
                "refusal_limit": 3,
            }
        )
        address = {"street": "Testgatan 2", "zip": "722 11", "city": "Västerås"}
        cls.first, cls.second = cls.identified_contacts(
            [{"name": "Första Sökande", **address}, {"name": "Andra Sökande", **address}]
        )
        cls.lease_for(cls.first, cls.homes[3])
        cls.lease_for(cls.second, cls.homes[4])
        cls.join_queue(cls.first, date(2010, 1, 1))
        cls.join_queue(cls.second, date(2012, 1, 1))
        cls.join_queue(cls.home_tenant, date(2020, 1, 1))
        cls.join_queue(cls.one_parking, date(2015, 1, 1))
        cls.join_queue(cls.two_parking, date(2010, 1, 1))
        cls.template = cls.env.ref("housing_letting.mail_template_viewing_invitation")

    def published(self, rental_object=None):
        listing = self.listing_for(rental_object)
        for partner in (
            self.first,
            self.second,
            self.home_tenant,
            self.one_parking,
            self.two_parking,
        ):
            listing.apply(partner, "additional")
        return listing

    def invitation(self, listing, partner):
        return listing.viewing_ids.invitation_ids.filtered(lambda inv: inv.partner_id == partner)

    def membership(self, partner):
        return self.Membership.search(
            [("partner_id", "=", partner.id), ("queue_type", "=", "parking_internal")]
        )

    def test_round_offers_the_interested_in_order_then_invites_the_next(self):
        with freeze_time("2026-03-16 08:00"):  # Monday
            listing = self.published()
            listing.viewing_ids = [
                (0, 0, {"place": "Vid garageinfarten", "date_start": datetime(2026, 3, 17, 16)})
            ]
            listing.action_start_offer_round()
            viewing = listing.viewing_ids
            self.assertEqual(viewing.state, "open")
            self.assertEqual(viewing.place, "Vid garageinfarten", "the planned viewing is used")
            self.assertFalse(listing.offer_ids, "nobody is offered before the round closes")
            self.assertEqual(listing.state, "ready")
            self.assertEqual(
                [(inv.partner_id, inv.rank, inv.state) for inv in viewing.invitation_ids],
                [(self.first, 1, "pending"), (self.second, 2, "pending")],
            )
            # Thursday 19 March 23:59:59 CET.
            self.assertEqual(
                viewing.invitation_ids.mapped("deadline"), [datetime(2026, 3, 19, 22, 59, 59)] * 2
            )
            mails = self.env["mail.mail"].search(
                [
                    ("model", "=", "housing.viewing.invitation"),
                    ("res_id", "in", viewing.invitation_ids.ids),
                ]
            )
            self.assertEqual(len(mails), 2)
            self.assertIn("Vid garageinfarten", mails[0].body_html)
            self.assertIn("Thursday 19 March at 23:59", mails[0].body_html)
            self.assertIn(
                "Invited to the viewing: Första Sökande, Andra Sökande", listing.message_ids[0].body
            )
            # The allocation audit keeps the ranking the invitations were sent from.
            audit = viewing.allocation_round_id
            self.assertEqual((audit.kind, audit.applicant_count), ("viewing", 5))
            self.assertEqual(audit.line_ids.sorted("rank").partner_id[:2], self.first | self.second)
            self.assertIn("Första Sökande", viewing.ranking_html)

        with freeze_time("2026-03-17 18:00"):
            self.invitation(listing, self.first).action_interested()
            self.assertEqual(viewing.state, "open", "still waiting for the second answer")
            self.invitation(listing, self.second).action_not_interested()
            # The last answer closes the round: the offer goes to the interested.
            self.assertEqual(viewing.state, "closed")
            offer = listing.active_offer_id
            self.assertEqual(offer.partner_id, self.first)
            self.assertEqual(listing.state, "offered")
            self.assertEqual(offer.deadline, datetime(2026, 3, 20, 22, 59, 59))
            with self.assertRaises(rules.LettingRefusal) as caught:
                self.invitation(listing, self.first).action_not_interested()
            self.assertEqual(caught.exception.code, "invitation_not_active")

        with freeze_time("2026-03-18 10:00"):
            offer.action_decline()
            # Nobody interested is left: the next two are invited (not the second, who
            # said no, nor the first, who declined).
            self.assertEqual(self.membership(self.first).refusal_count, 1)
            rounds = listing.viewing_ids.sorted("id")
            self.assertEqual(len(rounds), 2)
            self.assertEqual(
                rounds[1].invitation_ids.mapped("partner_id"), self.home_tenant | self.one_parking
            )
            self.assertEqual(rounds[1].place, False, "a new round has its own time and place")
            self.assertFalse(listing.active_offer_id)

        with freeze_time("2026-03-23 21:00"):  # Monday 23 March 22:00 in Stockholm: in time
            self.Listing._cron_run_queue()
            self.assertEqual(rounds[1].invitation_ids.mapped("state"), ["pending", "pending"])
        with freeze_time("2026-03-24 08:00"):
            self.Listing._cron_run_queue()
            self.assertEqual(rounds[1].invitation_ids.mapped("state"), ["expired", "expired"])
            # Unanswered invitations count as refusals (the policy's default).
            self.assertEqual(self.membership(self.home_tenant).refusal_count, 1)
            self.assertEqual(
                self.membership(self.home_tenant).refusal_ids.kind, "invitation_unanswered"
            )
            last = listing.viewing_ids.sorted("id")[2]
            self.assertEqual(last.invitation_ids.partner_id, self.two_parking)
        with freeze_time("2026-03-30 08:00"):  # past Friday 27 March 23:59
            self.Listing._cron_run_queue()
            # Everybody has been invited and nobody is interested: the listing closes.
            self.assertEqual(last.state, "closed")
            self.assertEqual(listing.state, "closed")

    def test_eligibility_is_checked_again_at_the_offer(self):
        with freeze_time("2026-03-16 08:00"):
            listing = self.published()
            listing.action_start_offer_round()
            self.invitation(listing, self.first).action_interested()
            self.first.debt_collection_date = date(2026, 3, 10)
            self.invitation(listing, self.second).action_interested()
            first_app = listing.application_ids.filtered(lambda app: app.partner_id == self.first)
            self.assertEqual(
                (first_app.state, first_app.priority_reason), ("disqualified", rules.CREDIT_CHECK)
            )
            self.assertEqual(listing.active_offer_id.partner_id, self.second)

    def test_staff_close_the_round_early_without_counting_refusals(self):
        with freeze_time("2026-03-16 08:00"):
            listing = self.published()
            listing.action_start_offer_round()
            self.invitation(listing, self.second).action_interested()
            clerk = new_test_user(
                self.env, "viewing_clerk", groups="housing_base.group_housing_user"
            )
            listing.with_user(clerk).action_close_viewing_round()
            self.assertEqual(self.invitation(listing, self.first).state, "expired")
            self.assertFalse(self.membership(self.first).refusal_ids)
            self.assertEqual(listing.active_offer_id.partner_id, self.second)

    def test_withdrawing_the_last_pending_closes_the_round(self):
        with freeze_time("2026-03-16 08:00"):
            listing = self.published()
            listing.action_start_offer_round()
            self.invitation(listing, self.first).action_interested()
            self.invitation(listing, self.second).application_id.action_withdraw()
            self.assertEqual(self.invitation(listing, self.second).state, "withdrawn")
            self.assertEqual(listing.active_offer_id.partner_id, self.first)

    def test_closing_the_listing_ends_the_round(self):
        with freeze_time("2026-03-16 08:00"):
            listing = self.published()
            listing.action_start_offer_round()
            listing.action_close()
            self.assertEqual(listing.viewing_ids.state, "closed")
            self.assertEqual(
                listing.viewing_ids.invitation_ids.mapped("state"), ["withdrawn", "withdrawn"]
            )

    def test_parking_listing_form_plans_and_closes_viewings(self):
        view = self.env.ref("housing_parking_queue.housing_parking_listing_view_form")
        arch = self.Listing.get_views([(view.id, "form")])["views"]["form"]["arch"]
        self.assertIn('name="viewings"', arch)
        self.assertIn("action_close_viewing_round", arch)
        listing = self.listing_for()
        with Form(listing, view=view) as form, form.viewing_ids.new() as viewing:
            viewing.place = "Vid garageinfarten"
        self.assertEqual(
            (listing.viewing_ids.place, listing.viewing_ids.state),
            ("Vid garageinfarten", "planned"),
        )

    def test_invitation_deadline_skips_weekends_and_easter(self):
        with freeze_time("2026-04-01 08:00"):  # Wednesday before Easter
            listing = self.published()
            listing.action_start_offer_round()
        # Good Friday and Easter Monday are no business days: Wednesday 8 April 23:59 CEST.
        self.assertEqual(
            set(listing.viewing_ids.invitation_ids.mapped("deadline")),
            {datetime(2026, 4, 8, 21, 59, 59)},
        )

    def test_late_answer_is_refused(self):
        with freeze_time("2026-03-16 08:00"):
            listing = self.published()
            listing.action_start_offer_round()
        with freeze_time("2026-03-19 23:00"):  # 00:00 on the 20th in Stockholm
            with self.assertRaises(rules.LettingRefusal) as caught:
                self.invitation(listing, self.first).action_interested()
            self.assertEqual(caught.exception.code, "invitation_expired")

    def test_portal_users_answer_only_their_own_invitations(self):
        with freeze_time("2026-03-16 08:00"):
            listing = self.published()
            listing.action_start_offer_round()
        portal = new_test_user(
            self.env, "first_portal", groups="base.group_portal", partner_id=self.first.id
        )
        Invitation = self.env["housing.viewing.invitation"].with_user(portal)
        self.assertEqual(Invitation.search([]), self.invitation(listing, self.first))
        self.assertEqual(
            self.env["housing.viewing"].with_user(portal).search([]), listing.viewing_ids
        )
        with self.assertRaises(AccessError):
            self.invitation(listing, self.second).with_user(portal).action_interested()
        self.assertEqual(self.invitation(listing, self.second).state, "pending")
        with freeze_time("2026-03-16 09:00"):
            self.invitation(listing, self.first).with_user(portal).action_interested()
        self.assertEqual(self.invitation(listing, self.first).state, "interested")


@tagged("-at_install", "post_install", "housing_parking_queue", "housing_letting")
class TestRefusalsAndLapsedPlaces(RefusalCase):
    """Declined and unanswered offers count as refusals on the queue place; the third
    resets the queue date; staff annul one with a reason. A lapsed place cannot apply."""

    @freeze_time("2026-03-16 08:00")
    def test_third_refusal_resets_the_queue_date(self):
        for space in self.spaces[3:5]:
            self.offered(space).active_offer_id.action_decline()
        self.assertEqual(self.place.refusal_count, 2)
        self.assertEqual(self.place.queue_start_date, date(2015, 1, 1))
        self.assertIn("Refusal 2 of 3: Offer declined", self.place.message_ids[0].body)
        self.offered(self.spaces[5]).active_offer_id.action_decline()
        self.assertEqual(self.place.queue_start_date, date(2026, 3, 16))
        self.assertEqual(self.place.refusal_count, 0, "counting starts again")
        self.assertEqual(self.place.refusal_ids.mapped("reset_on"), [date(2026, 3, 16)] * 3)
        self.assertIn(
            "3 refusals: the queue date starts again today (it was 2015-01-01).",
            "".join(self.place.message_ids.mapped("body")),
        )
        reset_mail = self.env["mail.mail"].search(
            [("model", "=", "housing.queue.membership"), ("res_id", "=", self.place.id)]
        )
        self.assertEqual(
            reset_mail.subject, "Your queue date has been reset: Parking (internal, scored)"
        )

    @freeze_time("2026-03-16 08:00")
    def test_annulled_refusal_does_not_count(self):
        for space in self.spaces[3:5]:
            self.offered(space).active_offer_id.action_decline()
        refusal = self.place.refusal_ids[0]
        with self.assertRaisesRegex(Exception, "Give the reason"):
            refusal.action_annul("")
        refusal.action_annul("Sjukhusvistelse")
        self.assertEqual(self.place.refusal_count, 1)
        self.assertIn("annulled: Sjukhusvistelse", self.place.message_ids[0].body)
        with self.assertRaises(UserError):
            refusal.action_annul("Igen")
        self.offered(self.spaces[5]).active_offer_id.action_decline()
        self.assertEqual(self.place.refusal_count, 2)
        self.assertEqual(self.place.queue_start_date, date(2015, 1, 1))

    def test_unanswered_offer_counts_when_configured(self):
        with freeze_time("2026-03-16 08:00"):
            self.offered(self.spaces[3])
        with freeze_time("2026-03-23 08:00"):
            self.Listing._cron_run_queue()
        self.assertEqual(self.place.refusal_ids.kind, "offer_unanswered")
        self.policy.unanswered_counts_as_refusal = False
        with freeze_time("2026-03-23 08:00"):
            self.offered(self.spaces[4])
        with freeze_time("2026-03-30 08:00"):
            self.Listing._cron_run_queue()
        self.assertEqual(self.place.refusal_count, 1)

    @freeze_time("2026-03-16 08:00")
    def test_accepting_another_offer_is_no_refusal(self):
        first, second = self.offered(self.spaces[3]), self.offered(self.spaces[4])
        first.active_offer_id.action_accept()
        self.assertEqual(
            second.offer_ids.filtered(lambda offer: offer.partner_id == self.home_tenant).state,
            "declined",
        )
        self.assertFalse(self.place.refusal_ids)

    @freeze_time("2026-03-16 08:00")
    def test_lapsed_place_cannot_apply_until_restored(self):
        self.place.sudo().write({"state": "expired"})
        listing = self.listing_for(self.spaces[3])
        with self.assertRaises(rules.LettingRefusal) as caught:
            listing.apply(self.home_tenant, "additional")
        self.assertEqual(caught.exception.code, "queue_membership_expired")
        self.assertIn("has lapsed", str(caught.exception))
        self.assertFalse(listing.application_ids)
        # A non-scored listing needs no queue place.
        external = self.listing_for(self.spaces[4], rule="non_scored")
        external.apply(self.home_tenant, "additional")
        self.place.action_restore("Påminnelsen kom aldrig fram")
        listing.apply(self.home_tenant, "additional")
        self.assertEqual(listing.application_ids.partner_id, self.home_tenant)
        self.assertEqual(self.place.queue_start_date, date(2015, 1, 1))
