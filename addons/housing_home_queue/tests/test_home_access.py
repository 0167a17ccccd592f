from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..tools import housing_rules as rules
from .common import NOW, HomeQueueCase


@tagged("-at_install", "post_install", "housing_home_queue")
class TestHomeAccess(HomeQueueCase):
    """The applicant writes their own profile's fields and nothing of the review, sees no
    other profile; staff review; integrations read; förtur is a housing manager's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anna_user = new_test_user(
            cls.env, "home_anna", groups="base.group_portal", partner_id=cls.anna.id
        )
        cls.staff = new_test_user(cls.env, "home_user", groups="housing_base.group_housing_user")
        cls.manager = new_test_user(
            cls.env, "home_manager", groups="housing_base.group_housing_manager"
        )
        cls.integration = new_test_user(
            cls.env, "home_integration", groups="housing_base.group_housing_integration"
        )
        cls.stranger = cls.env["res.partner"].create({"name": "Utan Profil"})
        cls.anna_profile = cls.Profile.search([("partner_id", "=", cls.anna.id)])
        cls.bertil_profile = cls.Profile.search([("partner_id", "=", cls.bertil.id)])

    def save(self, user, partner, vals):
        return self.Profile.with_user(user).save_application_profile(partner.id, vals)

    def test_portal_edits_own_client_fields(self):
        Profile = self.Profile.with_user(self.anna_user)
        self.assertEqual(Profile.search([]), self.anna_profile)
        later = NOW + timedelta(days=3)
        with freeze_time(later):
            profile = self.save(
                self.anna_user, self.anna, {"num_children": 2, "reference_phone": "070-111 22 33"}
            )
        self.assertEqual(profile, self.anna_profile)
        self.assertEqual(self.anna_profile.num_children, 2)
        self.assertEqual(self.anna_profile.reference_status, rules.APPROVED)
        self.assertEqual(self.anna_profile.last_updated_at, later)
        self.assertEqual(self.anna_profile.expires_at, later + relativedelta(months=6))

    @freeze_time(NOW)
    def test_profile_save_keeps_the_queue_place(self):
        self.policy.keep_alive_months = 12
        membership = self.join_queue(self.anna, NOW.date())
        self.assertEqual(membership.expires_at, NOW.date() + relativedelta(months=12))
        later = NOW + timedelta(days=40)
        with freeze_time(later):
            self.save(self.anna_user, self.anna, {"num_children": 0})
        self.assertEqual(membership.expires_at, later.date() + relativedelta(months=12))

    def test_portal_first_save_creates_a_pending_profile(self):
        user = new_test_user(
            self.env, "home_stranger", groups="base.group_portal", partner_id=self.stranger.id
        )
        profile = self.save(user, self.stranger, {"num_adults": 2, "housing_type": "LODGER"})
        self.assertEqual(profile.partner_id, self.stranger)
        self.assertEqual(profile.sudo().reference_status, rules.PENDING)
        self.assertTrue(profile.sudo().is_valid)

    def test_portal_cannot_review(self):
        profile = self.anna_profile.with_user(self.anna_user)
        for vals in (
            {"reference_status": rules.APPROVED, "num_children": 3},
            {"reference_expires_at": "2030-01-01"},
            {"reference_reason_rejected": "DISTURBANCE"},
            {"reference_comment": "Bra"},
            {"expires_at": "2030-01-01 00:00:00"},
            {"partner_id": self.bertil.id},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(AccessError):
                    self.save(self.anna_user, self.anna, vals)
                # Nor directly (the form, JSON-2's write).
                with self.assertRaises(AccessError):
                    profile.write(vals)
        self.assertEqual(self.anna_profile.num_children, 1)
        with self.assertRaises(AccessError):
            profile.read(["reference_comment"])
        with self.assertRaises(AccessError):
            profile.action_reference_approve()
        self.assertEqual(self.anna_profile.reference_status, rules.APPROVED)

    def test_portal_cannot_touch_other_profiles(self):
        with self.assertRaises(AccessError):
            self.bertil_profile.with_user(self.anna_user).read(["num_adults"])
        with self.assertRaises(AccessError):
            self.save(self.anna_user, self.bertil, {"num_adults": 4})
        with self.assertRaises(AccessError):
            self.save(self.anna_user, self.stranger, {"num_adults": 4})
        with self.assertRaises(AccessError):
            self.Profile.with_user(self.anna_user).create({"partner_id": self.anna.id})
        with self.assertRaises(AccessError):
            self.anna_profile.with_user(self.anna_user).unlink()
        self.assertEqual(self.bertil_profile.num_adults, 1)
        self.assertFalse(self.Profile.search([("partner_id", "=", self.stranger.id)]))

    def test_staff_review_and_integration_reads(self):
        self.bertil_profile.with_user(self.staff).write(
            {"reference_comment": "Ringt hyresvärden", "reference_status": rules.PENDING}
        )
        self.assertEqual(self.bertil_profile.reference_status, rules.PENDING)
        readable = self.Profile.with_user(self.integration).search_read(
            [("partner_id", "=", self.bertil.id)], ["reference_status", "num_adults"]
        )
        self.assertEqual(readable[0]["reference_status"], rules.PENDING)
        with self.assertRaises(AccessError):
            self.bertil_profile.with_user(self.integration).write({"num_adults": 2})
        # For the applicant, through the documented method (the API's profile save).
        self.save(self.integration, self.bertil, {"num_adults": 2})
        self.assertEqual(self.bertil_profile.num_adults, 2)
        with self.assertRaises(AccessError):
            self.save(self.integration, self.bertil, {"reference_status": rules.APPROVED})

    def test_priority_groups_are_managers(self):
        group = (
            self.env["housing.priority.group"]
            .with_user(self.manager)
            .create({"name": "Medicinska skäl", "rank": 1})
        )
        Assignment = self.env["housing.priority.assignment"]
        with self.assertRaises(AccessError):
            Assignment.with_user(self.staff).create(
                {"partner_id": self.anna.id, "group_id": group.id, "reason": "Intyg"}
            )
        assignment = Assignment.with_user(self.manager).create(
            {"partner_id": self.anna.id, "group_id": group.id, "reason": "Intyg"}
        )
        self.assertEqual(assignment.assigned_by_id, self.manager)
        self.assertEqual(assignment.with_user(self.staff).reason, "Intyg")
        with self.assertRaises(AccessError):
            assignment.with_user(self.integration).read(["reason"])

    def test_protected_contact_profile_hidden_from_staff(self):
        self.anna.sudo().with_context(housing_protection_change=True).write(
            {"protected_identity": True}
        )
        self.assertFalse(
            self.Profile.with_user(self.staff).search([("id", "=", self.anna_profile.id)])
        )
        self.assertEqual(self.Profile.with_user(self.anna_user).search([]), self.anna_profile)

    def test_protected_contact_profile_saved_only_with_the_privilege(self):
        # As the API's PUT and the portal: without the Protected identities privilege,
        # staff and integrations can neither save a protected contact's profile nor read
        # it back from the answer; nothing is written, the queue place is not confirmed.
        self.policy.keep_alive_months = 12
        with freeze_time(NOW):
            membership = self.join_queue(self.anna, NOW.date())
        self.stranger.write({"is_housing_contact": True})
        (self.anna | self.stranger).sudo().with_context(housing_protection_change=True).write(
            {"protected_identity": True}
        )
        with freeze_time(NOW + timedelta(days=40)):
            for user in (self.staff, self.integration):
                for partner in (self.anna, self.stranger):
                    with self.subTest(user=user.login, partner=partner.name):
                        with self.assertRaises(AccessError) as caught:
                            with self.env.cr.savepoint():
                                self.save(user, partner, {"landlord": "Annan Hyresvärd AB"})
                        self.assertNotIn("Hyresvärd", str(caught.exception))
                        self.assertNotIn("Bostadsbolaget", str(caught.exception))
        self.assertEqual(self.anna_profile.landlord, "Bostadsbolaget AB")
        self.assertEqual(self.anna_profile.last_updated_at, NOW)
        self.assertFalse(self.Profile.search([("partner_id", "=", self.stranger.id)]))
        self.assertEqual(membership.expires_at, NOW.date() + relativedelta(months=12))
        # The privilege, and the contact themself, save it.
        privileged = new_test_user(
            self.env,
            "home_protected",
            groups="housing_base.group_housing_user,housing_base.group_housing_protected_identity",
        )
        self.assertEqual(
            self.save(privileged, self.anna, {"landlord": "Annan Hyresvärd AB"}).landlord,
            "Annan Hyresvärd AB",
        )
        self.assertEqual(self.save(self.anna_user, self.anna, {"num_children": 2}).num_children, 2)

    def test_contact_form_shows_the_housing_queue_to_staff(self):
        self.assertEqual(self.anna.with_user(self.staff).application_profile_ids, self.anna_profile)
        with self.assertRaises(AccessError):
            self.anna.with_user(self.anna_user).read(["application_profile_ids"])
