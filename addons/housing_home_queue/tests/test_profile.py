from datetime import date, datetime, timedelta

import psycopg2
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.housing_letting.tests.common import identified_contacts

from ..tools import housing_rules as rules
from .common import NOW, HomeQueueCase


@tagged("-at_install", "post_install", "housing_home_queue")
@freeze_time(NOW)
class TestProfile(HomeQueueCase):
    """The OneCore cases of the application profile (B1-B5, C1-C3, C5) through the model:
    who saves it decides its dates; a reference review stands as staff set it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = identified_contacts(cls.env, [{"name": "Nils Nykomling"}])
        cls.newcomer_user = new_test_user(
            cls.env, "home_newcomer", groups="base.group_portal", partner_id=cls.newcomer.id
        )
        cls.staff = new_test_user(cls.env, "home_staff", groups="housing_base.group_housing_user")

    def applicant_saves(self, vals):
        return self.Profile.with_user(self.newcomer_user).save_application_profile(
            self.newcomer.id, vals
        )

    def test_applicant_creates_and_saves(self):
        # B1/C5: a new profile saved by the applicant is PENDING and valid six months.
        profile = self.applicant_saves(
            {
                "num_adults": 1,
                "num_children": 1,
                "housing_type": "RENTAL",
                "landlord": "Hyresvärden AB",
                "reference_phone": "070-123 45 67",
            }
        )
        self.assertEqual(profile.reference_status, rules.PENDING)
        self.assertEqual(profile.last_updated_at, NOW)
        self.assertEqual(profile.expires_at, NOW + relativedelta(months=6))
        self.assertTrue(profile.is_valid)
        # B2: saved again 40 days later: the same profile, six months from then.
        later = NOW + timedelta(days=40)
        with freeze_time(later):
            self.applicant_saves(
                {"num_adults": 2, "num_children": 2, "reference_email": "bar@example.com"}
            )
        self.assertEqual((profile.num_adults, profile.num_children), (2, 2))
        self.assertEqual(profile.reference_email, "bar@example.com")
        self.assertEqual(profile.last_updated_at, later)
        self.assertEqual(profile.expires_at, later + relativedelta(months=6))
        self.assertEqual(self.Profile.search_count([("partner_id", "=", self.newcomer.id)]), 1)

    def test_profile_expires_six_months_after_the_last_save(self):
        profile = self.applicant_saves({"housing_type": "LODGER"})
        with freeze_time(NOW + relativedelta(months=6, days=1)):
            profile.invalidate_recordset(["is_valid"])
            self.assertFalse(profile.is_valid)

    def test_staff_approval_moves_only_the_review(self):
        # B3: a pending profile approved two days later.
        profile = self.applicant_saves({"housing_type": "LODGER"})
        profile = self.Profile.browse(profile.id)
        later = NOW + timedelta(days=2)
        with freeze_time(later):
            profile.with_user(self.staff).action_reference_approve()
        self.assertEqual(profile.reference_status, rules.APPROVED)
        self.assertEqual(profile.last_updated_at, NOW)
        self.assertEqual(profile.expires_at, NOW + relativedelta(months=6))
        self.assertEqual(profile.reference_reviewed_at, later)
        self.assertEqual(profile.reference_reviewed_by_id, self.staff)
        self.assertEqual(profile.reference_expires_at, (later + relativedelta(months=6)).date())

    def test_staff_change_of_living_situation_or_household(self):
        # B4/C1: staff change the living situation, then the household: valid six months
        # from each change; the review is kept.
        profile = self.Profile.search([("partner_id", "=", self.anna.id)])
        reviewed = profile.reference_reviewed_at
        later = NOW + timedelta(days=2)
        with freeze_time(later):
            profile.with_user(self.staff).write({"housing_type": "LODGER"})
        self.assertEqual(profile.expires_at, later + relativedelta(months=6))
        self.assertEqual(profile.last_updated_at, later)
        self.assertEqual(profile.reference_reviewed_at, reviewed)
        latest = later + timedelta(days=3)
        with freeze_time(latest):
            profile.with_user(self.staff).write({"num_adults": 3})
        self.assertEqual(profile.expires_at, latest + relativedelta(months=6))
        # Saving the same values again changes no date.
        with freeze_time(latest + timedelta(days=1)):
            profile.with_user(self.staff).write({"num_adults": 3, "housing_type": "LODGER"})
        self.assertEqual(profile.expires_at, latest + relativedelta(months=6))

    def test_staff_reject_with_quarantine(self):
        # C2: not approved, standing until the day staff choose.
        profile = self.Profile.search([("partner_id", "=", self.anna.id)])
        action = profile.with_user(self.staff).action_reference_reject()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.staff).with_context(**action["context"])
        )
        wizard.reason = "DISTURBANCE"
        wizard.date_until = date(2026, 9, 30)
        wizard.comment = "Grannar har klagat"
        wizard.save().action_confirm()
        self.assertEqual(profile.reference_status, rules.REJECTED)
        self.assertEqual(profile.reference_reason_rejected, "DISTURBANCE")
        self.assertEqual(profile.reference_expires_at, date(2026, 9, 30))
        self.assertEqual(profile.reference_reviewed_at, NOW)
        self.assertEqual(profile.reference_comment, "Grannar har klagat")

    def test_rejection_needs_a_reason(self):
        profile = self.Profile.search([("partner_id", "=", self.anna.id)])
        with (
            self.assertRaisesRegex(ValidationError, "reason why the reference"),
            self.env.cr.savepoint(),
        ):
            profile.with_user(self.staff).write({"reference_status": rules.REJECTED})
        profile.invalidate_recordset()
        self.assertEqual(profile.reference_status, rules.APPROVED)

    def test_living_situation_asks_for_its_fields(self):
        # Mimer's form: a lease asks for the landlord, Other for a description.
        with self.assertRaisesRegex(ValidationError, "landlord"), self.env.cr.savepoint():
            self.Profile.create({"partner_id": self.newcomer.id, "housing_type": "SUB_RENTAL"})
        with self.assertRaisesRegex(ValidationError, "living situation"), self.env.cr.savepoint():
            self.Profile.create({"partner_id": self.newcomer.id, "housing_type": "OTHER"})
        self.assertFalse(self.Profile.search([("partner_id", "=", self.newcomer.id)]))

    def test_one_profile_per_contact(self):
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.profile_for(self.anna)
        self.assertEqual(self.Profile.search_count([("partner_id", "=", self.anna.id)]), 1)

    def test_staff_made_profile_waits_for_the_applicant(self):
        # C3 and Mimer's "no profile yet" case: staff register the living situation; the
        # profile counts once the applicant (or a staff change) saves it.
        profile = self.Profile.with_user(self.staff).create(
            {"partner_id": self.newcomer.id, "housing_type": "RENTAL", "landlord": "AB"}
        )
        self.assertEqual(profile.housing_type, "RENTAL")
        self.assertFalse(profile.expires_at)
        self.assertFalse(profile.reference_reviewed_at)

    def test_nobody_writes_the_rules_dates(self):
        profile = self.Profile.search([("partner_id", "=", self.anna.id)])
        with self.assertRaisesRegex(AccessError, "Valid until"):
            profile.with_user(self.staff).write({"expires_at": datetime(2030, 1, 1)})
        self.assertEqual(profile.expires_at, NOW + relativedelta(months=6))
