# pylint: disable=invalid-commit
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2.errors import SerializationFailure

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.housing_base.tests.common import ConcurrencyCase
from odoo.addons.housing_lease.tests.common import HousingLeaseCase

from ..models import housing_queue_membership


def set_policy(env, category, rule="scored", **vals):
    """The policy of ``category`` and ``rule`` with ``vals`` (created if none is configured)."""
    Policy = env["housing.letting.policy"]
    policy = Policy.search([("category", "=", category), ("rule", "=", rule)])
    if policy:
        policy.write(vals)
        return policy
    return Policy.create({"category": category, "rule": rule, **vals})


@tagged("housing_letting")
class TestKeepAlive(HousingLeaseCase):
    """A queue place stays valid while the applicant confirms it within the policy's
    keep-alive months: a reminder before it lapses (once), then it lapses; a housing
    manager restores it with its original queue date and a reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Membership = env["housing.queue.membership"]
        set_policy(env, "housing", keep_alive_months=12, keep_alive_reminder_days=30)
        cls.applicant, cls.other = env["res.partner"].create(
            [
                {"name": "Kim Köande", "email": "kim@example.com"},
                {"name": "Alex Annan", "email": "alex@example.com"},
            ]
        )
        cls.portal = new_test_user(
            env, "kim_portal", groups="base.group_portal", partner_id=cls.applicant.id
        )
        cls.manager = new_test_user(
            env, "queue_manager", groups="housing_base.group_housing_manager"
        )
        cls.clerk = new_test_user(env, "queue_clerk", groups="housing_base.group_housing_user")
        with freeze_time("2026-01-15 09:00"):
            cls.place = cls.Membership.create(
                {"partner_id": cls.applicant.id, "queue_type": "housing"}
            )
            cls.other_place = cls.Membership.create(
                {"partner_id": cls.other.id, "queue_type": "housing"}
            )
        cls.reminder = env.ref("housing_letting.mail_template_queue_keep_alive_reminder")

    def reminders(self, membership):
        return self.env["mail.mail"].search(
            [("model", "=", "housing.queue.membership"), ("res_id", "=", membership.id)]
        )

    def test_joining_confirms_for_the_policy_months(self):
        self.assertEqual(self.place.state, "active")
        self.assertEqual(self.place.last_confirmed_at, datetime(2026, 1, 15, 9, 0))
        self.assertEqual(self.place.expires_at, date(2027, 1, 15))

    def test_no_keep_alive_months_means_no_lapse(self):
        with freeze_time("2026-01-15 09:00"):
            parking = self.Membership.create(
                {"partner_id": self.applicant.id, "queue_type": "storage"}
            )
        self.assertFalse(parking.expires_at)
        with freeze_time("2030-01-01 09:00"):
            self.Membership._cron_keep_alive()
        self.assertEqual(parking.state, "active")

    def test_reminder_once_then_lapse(self):
        with freeze_time("2026-12-15 04:00"):  # 31 days before: too early
            self.Membership._cron_keep_alive()
        self.assertFalse(self.reminders(self.place))
        with freeze_time("2026-12-16 04:00"):
            self.Membership._cron_keep_alive()
            self.Membership._cron_keep_alive()
        mail = self.reminders(self.place)
        self.assertEqual(len(mail), 1, "the reminder is sent once")
        self.assertEqual(mail.subject, "Confirm your place in the queue: Housing")
        self.assertIn("01/15/2027", mail.body_html)
        self.assertTrue(self.place.reminder_sent_at)
        with freeze_time("2027-01-15 22:00"):  # the last valid day, in Stockholm
            self.Membership._cron_keep_alive()
        self.assertEqual(self.place.state, "active")
        with freeze_time("2027-01-15 23:30"):  # 00:30 on 16 January in Stockholm
            self.Membership._cron_keep_alive()
        self.assertEqual((self.place.state, self.other_place.state), ("expired", "expired"))
        self.assertEqual(self.place.state_reason, "Not confirmed since 2026-01-15")
        self.assertIn("The queue place lapsed", self.place.message_ids[0].body)
        self.assertEqual(len(self.reminders(self.place)), 1)

    def test_login_confirms_the_places_of_the_portal_user(self):
        with freeze_time("2026-12-20 08:00"):
            self.Membership._cron_keep_alive()
            self.assertTrue(self.place.reminder_sent_at)
            self.env["res.users"].with_user(self.portal)._update_last_login()
        self.assertEqual(self.place.last_confirmed_at, datetime(2026, 12, 20, 8, 0))
        self.assertEqual(self.place.expires_at, date(2027, 12, 20))
        self.assertFalse(self.place.reminder_sent_at, "the next period gets its reminder")
        self.assertEqual(self.other_place.expires_at, date(2027, 1, 15), "only their own")
        # A staff login confirms nothing of theirs.
        with freeze_time("2026-12-21 08:00"):
            self.env["res.users"].with_user(self.clerk)._update_last_login()
        self.assertEqual(self.place.expires_at, date(2027, 12, 20))

    def test_login_does_not_revive_a_lapsed_place(self):
        with freeze_time("2027-02-01 08:00"):
            self.Membership._cron_keep_alive()
            self.env["res.users"].with_user(self.portal)._update_last_login()
        self.assertEqual(self.place.state, "expired")
        self.assertEqual(self.place.expires_at, date(2027, 1, 15))

    def test_confirm_place_button(self):
        with freeze_time("2026-06-01 10:00"):
            self.place.with_user(self.portal).action_confirm_place()
        self.assertEqual(self.place.expires_at, date(2027, 6, 1))
        with self.assertRaises(AccessError):
            self.other_place.with_user(self.portal).action_confirm_place()
        self.assertEqual(self.other_place.expires_at, date(2027, 1, 15))
        with freeze_time("2027-02-01 08:00"):
            self.Membership._cron_keep_alive()
            with self.assertRaisesRegex(UserError, "has lapsed or been removed"):
                self.other_place.action_confirm_place()

    def test_restore_keeps_the_queue_date_and_logs_the_reason(self):
        with freeze_time("2027-02-01 08:00"):
            self.Membership._cron_keep_alive()
            self.assertEqual(self.place.state, "expired")
            with self.assertRaises(AccessError):
                self.place.with_user(self.clerk).action_restore("Ringde in")
            with self.assertRaisesRegex(ValidationError, "Give the reason"):
                self.place.with_user(self.manager).action_restore("  ")
            self.assertEqual(self.place.state, "expired")
            wizard = Form(
                self.env["housing.queue.reason"]
                .with_user(self.manager)
                .with_context(
                    active_model="housing.queue.membership",
                    active_ids=self.place.ids,
                    default_action="restore",
                )
            )
            wizard.reason = "Påminnelsen kom aldrig fram"
            wizard.save().action_apply()
        self.assertEqual(self.place.state, "active")
        self.assertEqual(self.place.queue_start_date, date(2026, 1, 15))
        self.assertEqual(self.place.expires_at, date(2028, 2, 1))
        self.assertIn(
            "Queue place restored with its queue date 2026-01-15: Påminnelsen kom aldrig fram",
            self.place.message_ids[0].body,
        )
        with self.assertRaisesRegex(UserError, "Only lapsed or removed"):
            self.place.with_user(self.manager).action_restore("Igen")

    def test_removed_place_joins_again_today(self):
        self.place.with_user(self.manager).action_remove("Sökanden bad om det")
        self.assertEqual(self.place.state, "removed")
        with freeze_time("2026-05-05 10:00"):
            self.Membership._ensure(self.applicant, "housing")
        self.assertEqual(
            (self.place.state, self.place.queue_start_date), ("active", date(2026, 5, 5))
        )

    def test_portal_reads_only_own_places_and_refusals(self):
        Membership = self.Membership.with_user(self.portal)
        self.assertEqual(Membership.search([]), self.place)
        with self.assertRaises(AccessError):
            self.other_place.with_user(self.portal).read(["queue_start_date"])
        refusals = self.env["housing.queue.refusal"].create(
            [
                {"membership_id": membership.id, "kind": "offer_declined"}
                for membership in (self.place, self.other_place)
            ]
        )
        self.assertEqual(
            self.env["housing.queue.refusal"].with_user(self.portal).search([]), refusals[0]
        )


@tagged("-at_install", "post_install", "housing_letting")
class TestKeepAliveCronIsolation(ConcurrencyCase):
    """The daily run commits each batch of places on its own: a batch that conflicts with
    a login confirming a place at that moment is retried, the other batches are done."""

    def setUp(self):
        super().setUp()
        with self.cursor() as cr:
            env = self.env_of(cr)
            policy = env["housing.letting.policy"].search(
                [("category", "=", "housing"), ("rule", "=", "scored")]
            )
            self.policy_id, self.months = policy.id, policy.keep_alive_months
            self.new_policy_id = set_policy(env, "housing", keep_alive_months=12).id
            partners = env["res.partner"].create([{"name": "Först"}, {"name": "Sist"}])
            with freeze_time("2025-01-10 09:00"):
                memberships = env["housing.queue.membership"].create(
                    [{"partner_id": partner.id, "queue_type": "housing"} for partner in partners]
                )
            self.partner_ids, self.membership_ids = partners.ids, memberships.ids
            cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.cursor() as cr:
            env = self.env_of(cr)
            env["housing.queue.membership"].browse(self.membership_ids).unlink()
            env["res.partner"].browse(self.partner_ids).unlink()
            if self.policy_id:
                set_policy(env, "housing", keep_alive_months=self.months)
            else:
                env["housing.letting.policy"].browse(self.new_policy_id).unlink()
            cr.commit()

    def test_a_conflicting_batch_is_retried_and_the_others_are_done(self):
        def login(env):
            env["housing.queue.membership"]._confirm(env["res.partner"].browse(self.partner_ids[0]))

        def daily_run(env):
            cron = env.ref("housing_letting.ir_cron_queue_keep_alive")
            env["housing.queue.membership"].with_context(cron_id=cron.id)._cron_keep_alive()

        with patch.object(housing_queue_membership, "KEEP_ALIVE_BATCH", 1):
            error = self.race(login, daily_run)
        self.assertNotIsInstance(error, SerializationFailure)
        self.assertIsNone(error)
        with self.cursor() as cr:
            memberships = self.env_of(cr)["housing.queue.membership"].browse(self.membership_ids)
            # The confirmed place was left alone, the other one lapsed.
            self.assertEqual(memberships.mapped("state"), ["active", "expired"])
