from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from ..tools import housing_rules as rules
from .common import NOW, HomeQueueCase


@tagged("-at_install", "post_install", "housing_home_queue")
@freeze_time(NOW)
class TestHomeLetting(HomeQueueCase):
    """Ranking (priority groups before queue points, ties), the checks repeated at offer,
    and what accepting a home means."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.join_queue(cls.anna, date(2020, 1, 1))
        cls.join_queue(cls.bertil, date(2015, 1, 1))
        cls.join_queue(cls.cecilia, date(2015, 1, 1))
        cls.join_queue(cls.david, date(2024, 1, 1))
        cls.Group = cls.env["housing.priority.group"]
        cls.medical = cls.Group.create({"name": "Medicinska skäl", "rank": 1})
        cls.transfer = cls.Group.create({"name": "Intern flytt", "rank": 2})
        # The offer straight after the publication (the viewing round is tested below).
        cls.policy.viewing_round = False

    def give_priority(self, partner, group, **values):
        return self.env["housing.priority.assignment"].create(
            {"partner_id": partner.id, "group_id": group.id, "reason": "Intyg", **values}
        )

    def published(self, applicants=None, home=None):
        listing = self.listing_for(home)
        for partner in applicants or (self.anna, self.bertil, self.cecilia, self.david):
            listing.apply(partner)
        return listing

    def ranking(self, listing):
        listing._rank()
        return [
            (app.partner_id, app.priority, app.priority_reason)
            for app in listing.application_ids.sorted("rank")
        ]

    def test_priority_groups_before_points_with_ties(self):
        self.give_priority(self.david, self.transfer)
        self.give_priority(self.anna, self.medical)
        # Ended, or of an archived group: no priority.
        self.give_priority(self.bertil, self.medical, date_end=date(2026, 3, 15))
        listing = self.published((self.cecilia, self.bertil, self.anna, self.david))
        # bertil and cecilia have the same queue date: the earlier application first.
        self.assertEqual(
            self.ranking(listing),
            [
                (self.anna, "1", rules.PRIORITY_GROUP),
                (self.david, "2", rules.PRIORITY_GROUP),
                (self.cecilia, "9", rules.QUEUE_POINTS),
                (self.bertil, "9", rules.QUEUE_POINTS),
            ],
        )
        self.medical.active = False
        self.assertEqual(self.ranking(listing)[0], (self.david, "2", rules.PRIORITY_GROUP))

    def application(self, listing, partner):
        return listing.application_ids.filtered(lambda a: a.partner_id == partner)

    def profile(self, partner):
        return self.Profile.search([("partner_id", "=", partner.id)])

    def test_pending_reference_passed_over_until_reviewed(self):
        self.profile(self.bertil).reference_status = rules.PENDING
        listing = self.published()
        bertil = self.application(listing, self.bertil)
        self.assertEqual(bertil.state, "active")
        listing.action_start_offer_round()
        # bertil ranks first (2015, applied first) but cannot get the contract yet: the
        # offer goes to the next, bertil stays in the queue for the home.
        self.assertEqual(listing.active_offer_id.partner_id, self.cecilia)
        self.assertEqual(
            (bertil.state, bertil.priority_reason), ("active", rules.REFERENCE_PENDING)
        )
        self.assertIn(
            "Bertil Testsson was passed over for now (Reference not reviewed yet): the "
            "application stays, and the object can be offered to them later if it is still to "
            "be let.",
            listing.message_ids.mapped("preview"),
        )
        self.profile(self.bertil).action_reference_approve()
        listing.active_offer_id.action_decline()
        self.assertEqual(listing.active_offer_id.partner_id, self.bertil)

    def test_listing_waits_for_a_pending_reference(self):
        # Nobody else to offer the home to: it waits for the review instead of closing.
        self.profile(self.bertil).reference_status = rules.CONTACTED_UNREACHABLE
        listing = self.published((self.bertil,))
        listing.action_start_offer_round()
        self.env["housing.listing"]._cron_run_queue()
        self.assertEqual(listing.state, "ready")
        self.assertFalse(listing.offer_ids)
        self.assertEqual(self.application(listing, self.bertil).state, "active")
        # Waiting changes nothing: no audit round each queue run.
        self.assertFalse(
            self.env["housing.allocation.round"].search([("listing_id", "=", listing.id)])
        )
        self.profile(self.bertil).action_reference_approve()
        self.env["housing.listing"]._cron_run_queue()
        self.assertEqual(listing.active_offer_id.partner_id, self.bertil)

    def test_reference_rejected_since_applying_disqualifies_at_offer(self):
        listing = self.published()
        self.profile(self.bertil).write(
            {
                "reference_status": rules.REJECTED,
                "reference_reason_rejected": "DISTURBANCE",
                "reference_expires_at": date(2026, 9, 1),
            }
        )
        listing.action_start_offer_round()
        bertil = self.application(listing, self.bertil)
        self.assertEqual(
            (bertil.state, bertil.priority_reason), ("disqualified", rules.REFERENCE_REJECTED)
        )
        self.assertEqual(listing.active_offer_id.partner_id, self.cecilia)

    def test_credit_checked_again_at_offer(self):
        listing = self.published()
        self.bertil.debt_collection_date = date(2026, 3, 10)
        listing.action_start_offer_round()
        bertil = self.application(listing, self.bertil)
        self.assertEqual(
            (bertil.state, bertil.priority_reason), ("disqualified", rules.CREDIT_CHECK)
        )
        self.assertEqual(listing.active_offer_id.partner_id, self.cecilia)

    def test_accept_lets_a_residence_and_withdraws_other_home_applications(self):
        listing = self.published()
        other = self.published((self.bertil, self.anna), home=self.homes[2])
        third = self.published((self.bertil, self.david), home=self.homes[3])
        third.action_start_offer_round()
        self.assertEqual(third.active_offer_id.partner_id, self.bertil)
        listing.action_start_offer_round()
        offer = listing.active_offer_id
        self.assertEqual(offer.partner_id, self.bertil)
        mails = self.env["mail.mail"].search([("recipient_ids", "in", self.bertil.ids)])
        self.assertIn("Offer of the home 999-001-01-0011", mails.mapped("subject"))
        offer.action_accept()
        lease = listing.lease_id
        self.assertEqual(lease.lease_type, "residence")
        self.assertEqual(lease.partner_id, self.bertil)
        self.assertEqual(lease.rental_object_id, self.homes[1])
        self.assertEqual(listing.state, "assigned")
        membership = self.Membership.search(
            [("partner_id", "=", self.bertil.id), ("queue_type", "=", "housing")]
        )
        self.assertEqual(membership.queue_start_date, NOW.date())
        # The other homes: bertil's applications withdrawn; his offer on the third home
        # is withdrawn and the home offered to the next.
        mine = (other | third).application_ids.filtered(lambda a: a.partner_id == self.bertil)
        self.assertEqual(set(mine.mapped("state")), {"withdrawn_manager"})
        self.assertEqual(third.active_offer_id.partner_id, self.david)
        self.assertEqual(
            other.application_ids.filtered(lambda a: a.partner_id == self.anna).state, "active"
        )

    def test_non_scored_home_checks_the_reference_at_once(self):
        listing = self.listing_for(rule="non_scored")
        self.Profile.search(
            [("partner_id", "=", self.anna.id)]
        ).reference_status = rules.CONTACTED_UNREACHABLE
        self.assertRefused(listing, self.anna, rules.REFERENCE_PENDING)
        listing.apply(self.bertil)
        self.assertEqual(listing.state, "assigned")
        self.assertEqual(listing.lease_id.partner_id, self.bertil)

    def test_viewing_round_invites_a_pending_reference_but_offers_after_review(self):
        # The housing queue lets by viewing rounds: a reference still under review does
        # not stop the invitation, only the offer.
        self.policy.write({"viewing_round": True, "viewing_invitations": 2})
        self.profile(self.bertil).reference_status = rules.PENDING
        listing = self.published()
        listing.action_start_offer_round()
        invitations = listing.viewing_ids.invitation_ids
        self.assertEqual(invitations.partner_id, self.bertil | self.cecilia)
        self.assertFalse(listing.offer_ids)
        for invitation in invitations:
            invitation.action_interested()
        bertil = self.application(listing, self.bertil)
        self.assertEqual((bertil.state, bertil.priority_reason), ("active", "reference_pending"))
        self.assertEqual(listing.active_offer_id.partner_id, self.cecilia)
        # Reviewed while the round goes on: bertil, interested, is next.
        self.profile(self.bertil).action_reference_approve()
        listing.active_offer_id.action_decline()
        self.assertEqual(listing.active_offer_id.partner_id, self.bertil)

    def test_viewing_round_waits_for_the_review_of_the_only_interested(self):
        # The one interested ranks before anybody not invited yet: the home waits for
        # the review of their reference instead of inviting the next.
        self.policy.write({"viewing_round": True, "viewing_invitations": 1})
        self.profile(self.bertil).reference_status = rules.PENDING
        listing = self.published()
        listing.action_start_offer_round()
        listing.viewing_ids.invitation_ids.action_interested()
        self.env["housing.listing"]._cron_run_queue()
        self.assertEqual(len(listing.viewing_ids), 1)
        self.assertEqual(listing.viewing_ids.state, "closed")
        self.assertFalse(listing.offer_ids)
        self.assertEqual(listing.state, "ready")
        self.profile(self.bertil).action_reference_approve()
        self.env["housing.listing"]._cron_run_queue()
        self.assertEqual(listing.active_offer_id.partner_id, self.bertil)

    def test_viewing_moved_tells_the_invited_who_have_not_said_no(self):
        self.policy.write({"viewing_round": True, "viewing_invitations": 3})
        listing = self.published()
        # Planned before the invitations: nobody to tell yet.
        Mail = self.env["mail.mail"]
        listing.viewing_ids.create({"listing_id": listing.id}).place = "Trapphuset"
        self.assertFalse(Mail.search([("subject", "like", "New time")]))
        listing.action_start_offer_round()
        viewing = listing.viewing_ids
        invited = {invitation.partner_id: invitation for invitation in viewing.invitation_ids}
        self.assertEqual(set(invited), {self.bertil, self.cecilia, self.anna})
        invited[self.cecilia].action_not_interested()
        invited[self.anna].action_interested()
        # Staff move it (from the listing's list of viewings, as in the form).
        listing.write(
            {
                "viewing_ids": [
                    Command.update(
                        viewing.id,
                        {
                            "date_start": datetime(2026, 3, 20, 16, 0),
                            "date_end": datetime(2026, 3, 20, 16, 30),
                            "place": "Entrén, Storgatan 1",
                        },
                    )
                ]
            }
        )
        mails = Mail.search([("subject", "=", "New time for the viewing of 999-001-01-0011")])
        self.assertEqual(mails.recipient_ids, self.bertil | self.anna)
        bertil_mail = mails.filtered(lambda mail: mail.recipient_ids == self.bertil)
        # Stockholm time (UTC+1 in March).
        self.assertIn(
            "It is now on <strong>03/20/2026 05:00 PM</strong> until 05:30 PM, Entrén, "
            "Storgatan 1.",
            bertil_mail.body_html,
        )
        self.assertIn("Answer on My pages by", bertil_mail.body_html)
        self.assertNotIn("Answer on My pages by", (mails - bertil_mail).body_html)
        self.assertIn(
            "The viewing was changed to 03/20/2026 05:00 PM, Entrén, Storgatan 1: 2 invited who "
            "have not said no were told by e-mail.",
            listing.message_ids.mapped("preview"),
        )
        # The notes, or the same time again: nobody is e-mailed again.
        viewing.write({"notes": "Ring på porttelefonen", "place": "Entrén, Storgatan 1"})
        self.assertEqual(
            Mail.search([("subject", "like", "New time")]), mails, "no e-mail without a change"
        )

    def test_viewing_moved_in_swedish(self):
        self.policy.write({"viewing_round": True, "viewing_invitations": 1})
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["housing_letting"], ["sv_SE"])
        self.bertil.lang = "sv_SE"
        listing = self.published()
        listing.action_start_offer_round()
        listing.viewing_ids.date_start = datetime(2026, 3, 20, 16, 0)
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.bertil.ids)], limit=1)
        self.assertEqual(mail.subject, "Ny tid för visningen av 999-001-01-0011")
        self.assertIn("Visningen är nu", mail.body_html)
