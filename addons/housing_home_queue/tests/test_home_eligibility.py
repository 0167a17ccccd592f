from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.housing_letting.tools import letting
from odoo.addons.housing_letting.tools.letting import LettingRefusal

from ..tools import housing_rules as rules
from .common import NOW, HomeQueueCase


@tagged("-at_install", "post_install", "housing_home_queue")
@freeze_time(NOW)
class TestHomeEligibility(HomeQueueCase):
    """Each refusal of the housing queue as the engine meets it: get_eligibility answers
    the reason code, apply refuses with it and applies nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.listing = cls.listing_for(date_to=date(2026, 3, 30))

    def profile(self, partner):
        return self.Profile.search([("partner_id", "=", partner.id)])

    def test_eligible_applicant_applies_into_the_queue(self):
        verdict = self.listing.get_eligibility(self.anna)[self.listing.id][False]
        self.assertEqual(
            verdict,
            {
                "eligible": True,
                "priority": rules.QUEUE_PRIORITY,
                "reason": rules.QUEUE_POINTS,
                "label": "Housing queue points",
            },
        )
        application = self.listing.apply(self.anna)
        self.assertEqual((application.priority, application.state), ("9", "active"))
        membership = self.Membership.search(
            [("partner_id", "=", self.anna.id), ("queue_type", "=", "housing")]
        )
        self.assertEqual(membership.queue_start_date, NOW.date())

    def test_no_profile(self):
        # A1: "Application profile not found".
        self.profile(self.anna).unlink()
        self.assertRefused(self.listing, self.anna, rules.NO_PROFILE)

    def test_profile_expired(self):
        self.profile(self.anna).unlink()
        self.profile_for(self.anna, saved=NOW - relativedelta(months=6, days=1))
        self.assertRefused(self.listing, self.anna, rules.PROFILE_EXPIRED)

    def test_under_18(self):
        minor = self.minor(date(2008, 3, 17))
        self.profile_for(minor)
        self.assertRefused(self.listing, minor, rules.UNDER_18)
        with freeze_time(NOW + timedelta(days=1)):
            self.assertTrue(self.listing.get_eligibility(minor)[self.listing.id][False]["eligible"])

    def test_under_18_with_protected_identity(self):
        # The personnummer of a protected contact is in the protected register.
        minor = self.minor(date(2008, 3, 17))
        self.profile_for(minor)
        minor.housing_protect_identity("Skyddad identitet enligt Skatteverket")
        self.assertFalse(minor.personal_number)
        self.assertRefused(self.listing, minor, rules.UNDER_18)

    def test_queue_place_lapsed(self):
        # One verdict, the engine's, when applying and when ranking; in the housing
        # queue's words.
        membership = self.join_queue(self.anna, date(2020, 1, 1))
        membership.sudo().state = "expired"
        self.assertRefused(self.listing, self.anna, letting.QUEUE_MEMBERSHIP_EXPIRED)
        with self.assertRaisesRegex(LettingRefusal, "Your place in the housing queue has lapsed"):
            self.listing.apply(self.anna)
        self.join_queue(self.bertil, date(2020, 1, 1))
        bertil = self.listing.apply(self.bertil)
        self.Membership.search(
            [("partner_id", "=", self.bertil.id), ("queue_type", "=", "housing")]
        ).sudo().state = "expired"
        self.listing._rank()
        self.assertEqual(
            (bertil.priority, bertil.priority_reason), ("none", letting.QUEUE_MEMBERSHIP_EXPIRED)
        )

    def test_household_against_room_type(self):
        # A3-A5: 1RK takes 3 persons, 4RK 7; an unknown room type takes any household.
        one_room = self.listing_for(self.homes[0])
        four_rooms = self.listing_for(self.homes[3])
        unknown = self.listing_for(self.homes[4])
        profile = self.profile(self.anna)
        profile.write({"num_adults": 2, "num_children": 1})
        self.assertTrue(one_room.get_eligibility(self.anna)[one_room.id][False]["eligible"])
        profile.write({"num_adults": 3, "num_children": 3})
        self.assertRefused(one_room, self.anna, rules.TOO_MANY_RESIDENTS)
        self.assertTrue(four_rooms.get_eligibility(self.anna)[four_rooms.id][False]["eligible"])
        profile.write({"num_adults": 2, "num_children": 18})
        self.assertRefused(four_rooms, self.anna, rules.TOO_MANY_RESIDENTS)
        unknown.apply(self.anna)
        # Staff read on the listing that the room type is unknown.
        self.assertIn("9XYZ is not in the table", "".join(unknown.message_ids.mapped("body")))
        self.assertNotIn("not in the table", "".join(four_rooms.message_ids.mapped("body")))

    def test_room_type_table_is_configurable(self):
        limit = self.env.ref("housing_home_queue.room_code_2rk")
        self.assertEqual(limit.max_persons, 4)
        limit.max_persons = 1
        self.assertRefused(self.listing, self.anna, rules.TOO_MANY_RESIDENTS)
        # Codes are matched as the table keys them.
        self.homes[4].room_code = " 2rk"
        unknown = self.listing_for(self.homes[4])
        self.assertRefused(unknown, self.anna, rules.TOO_MANY_RESIDENTS)

    def test_reference_rejected_until_its_end_date(self):
        self.profile(self.anna).write(
            {
                "reference_status": rules.REJECTED,
                "reference_reason_rejected": "DEBT_TO_LANDLORD",
                "reference_expires_at": date(2026, 3, 20),
            }
        )
        self.assertRefused(self.listing, self.anna, rules.REFERENCE_REJECTED)
        with freeze_time("2026-03-20 21:00"):  # 22:00 in Stockholm: still the 20th
            self.assertRefused(self.listing, self.anna, rules.REFERENCE_REJECTED)
        with freeze_time("2026-03-21 08:00"):
            self.listing.apply(self.anna)

    def test_pending_reference_may_apply(self):
        self.profile(self.anna).write({"reference_status": rules.PENDING})
        self.assertEqual(self.listing.apply(self.anna).state, "active")

    def test_max_active_applications(self):
        listings = self.listing_for(self.homes[0]) | self.listing_for(self.homes[2])
        for listing in listings | self.listing:
            listing.apply(self.anna)
        fourth = self.listing_for(self.homes[3])
        self.assertRefused(fourth, self.anna, rules.MAX_APPLICATIONS)
        # Withdrawing one frees a place; the limit is the policy's.
        self.listing.application_ids.action_withdraw()
        self.assertTrue(fourth.get_eligibility(self.anna)[fourth.id][False]["eligible"])
        self.listing.apply(self.anna)
        self.policy.max_active_applications = 4
        fourth.apply(self.anna)
        # The applications themselves stay rankable: each counts only the others.
        fourth._rank()
        self.assertEqual(fourth.application_ids.priority, "9")

    def test_credit_check(self):
        self.anna.debt_collection_date = date(2025, 10, 1)
        self.assertRefused(self.listing, self.anna, rules.CREDIT_CHECK)
        self.anna.debt_collection_date = date(2025, 9, 15)  # six months and a day ago
        self.listing.apply(self.anna)

    def test_income_requirement_when_enabled(self):
        profile = self.profile(self.anna)
        profile.monthly_income = 20000
        self.listing.apply(self.anna)
        self.policy.income_factor = 3  # 3 x 7000 kr
        other = self.listing_for(self.homes[2])
        self.assertRefused(other, self.anna, rules.INCOME_TOO_LOW)
        profile.monthly_income = 21000
        other.apply(self.anna)

    def test_not_identified(self):
        stranger = self.env["res.partner"].create({"name": "Okänd"})
        self.profile_for(stranger)
        self.assertRefused(self.listing, stranger, "not_identified")

    def test_facts_in_constant_queries(self):
        self.listing.apply(self.anna)
        rules_model = self.env["housing.letting.rules.housing"]

        def queries(partners):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            rules_model._facts_by_partner(self.listing, partners)
            return self.env.cr.sql_log_count - before

        few = queries(self.anna | self.bertil)
        self.assertEqual(queries(self.anna | self.bertil | self.cecilia | self.david), few)
