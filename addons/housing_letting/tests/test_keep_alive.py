# pylint: disable=invalid-commit
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError
from psycopg2.errors import SerializationFailure

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

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
        self.assertIn("The queue place lapsed", "".join(self.place.message_ids.mapped("body")))
        self.assertEqual(
            len(
                self.reminders(self.place).filtered(lambda mail: mail.subject.startswith("Confirm"))
            ),
            1,
        )

    def test_lapsing_e_mails_the_applicant(self):
        with freeze_time("2027-01-16 08:00"):
            self.Membership._cron_keep_alive()
        self.assertEqual(self.place.state, "expired")
        lapsed = self.reminders(self.place).filtered(
            lambda mail: mail.subject == "Your queue place has lapsed: Housing"
        )
        self.assertEqual(len(lapsed), 1)
        self.assertIn("01/15/2027", lapsed.body_html)
        self.assertEqual(lapsed.recipient_ids, self.applicant)
        with freeze_time("2027-01-17 08:00"):
            self.Membership._cron_keep_alive()
        self.assertEqual(self.reminders(self.place), lapsed, "one e-mail")

    def test_lapsed_place_is_removed_after_the_grace_days(self):
        set_policy(self.env, "housing", keep_alive_grace_days=90)
        with freeze_time("2027-01-16 08:00"):
            self.Membership._cron_keep_alive()
        self.assertEqual(self.place.state_date, date(2027, 1, 16))
        with freeze_time("2027-04-16 08:00"):  # 90 days lapsed: still restorable
            self.Membership._cron_keep_alive()
            self.assertEqual(self.place.state, "expired")
            self.other_place.action_restore("Ringde in i tid")
        with freeze_time("2027-04-17 08:00"):
            self.Membership._cron_keep_alive()
            self.assertEqual(self.place.state, "removed")
            self.assertEqual(
                self.place.state_reason, "Lapsed on 2027-01-16 and not restored within 90 days"
            )
            self.assertEqual(self.place.state_date, date(2027, 4, 17))
            self.assertIn("Removed from the queue", self.place.message_ids[0].body)
            self.assertEqual(len(self.reminders(self.place)), 1, "only the lapse was e-mailed")
            self.assertEqual(self.place.queue_points, 0, "a removed place has no queue points")
        self.assertEqual(self.other_place.state, "active", "restored in time")

    def test_no_grace_days_keeps_lapsed_places(self):
        set_policy(self.env, "housing", keep_alive_grace_days=0)
        with freeze_time("2027-01-16 08:00"):
            self.Membership._cron_keep_alive()
        with freeze_time("2030-01-01 08:00"):
            self.Membership._cron_keep_alive()
        self.assertEqual(self.place.state, "expired")

    def test_retention_deletes_places_removed_longer_ago(self):
        set_policy(self.env, "housing", keep_alive_grace_days=30, retention_months=6)
        with freeze_time("2026-01-20 08:00"):
            # Removed by staff: kept the same months after its removal.
            self.other_place.with_user(self.manager).action_remove("Sökanden bad om det")
        with freeze_time("2027-01-16 08:00"):
            self.Membership._cron_keep_alive()
        with freeze_time("2027-02-16 08:00"):
            self.Membership._cron_keep_alive()
        self.assertEqual(self.place.state, "removed")
        Refusal = self.env["housing.queue.refusal"]
        refusal = Refusal.create({"membership_id": self.place.id, "kind": "offer_declined"})
        message_ids = self.place.message_ids.ids
        Retention = self.env["housing.letting.retention"]
        Retention._run(today=date(2027, 8, 16))
        self.assertTrue(self.place.exists(), "removed six months ago to the day: kept")
        self.assertFalse(self.other_place.exists())
        run = Retention._run(today=date(2027, 8, 17))
        self.assertFalse(self.place.exists())
        self.assertFalse(refusal.exists())
        self.assertFalse(self.env["mail.message"].browse(message_ids).exists())
        line = run.line_ids.filtered(lambda line: line.category == "housing")
        self.assertEqual(line.membership_count, 1)
        self.assertGreaterEqual(run.anonymised_count, 1)

    def test_policy_form_shows_the_keep_alive_and_refusal_settings(self):
        policy = set_policy(self.env, "housing")
        with Form(policy) as form:
            form.count_refusals = True
            form.refusal_window_months = 12
            form.refusal_consequence = "remove"
            form.refusal_removed_template_id = self.env.ref(
                "housing_letting.mail_template_queue_refusal_removed"
            )
            form.keep_alive_grace_days = 60
            form.keep_alive_lapsed_template_id = self.env.ref(
                "housing_letting.mail_template_queue_lapsed"
            )
        self.assertEqual(policy.refusal_window_months, 12)
        self.assertEqual(policy.refusal_consequence, "remove")
        self.assertEqual(policy.keep_alive_grace_days, 60)
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            policy.keep_alive_grace_days = -1
            policy.flush_recordset()

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
            self.grace_days = policy.keep_alive_grace_days
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
                set_policy(
                    env,
                    "housing",
                    keep_alive_months=self.months,
                    keep_alive_grace_days=self.grace_days,
                )
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

    def test_a_restore_during_the_removal_of_lapsed_places_wins(self):
        with self.cursor() as cr:
            env = self.env_of(cr)
            set_policy(env, "housing", keep_alive_grace_days=90)
            memberships = env["housing.queue.membership"].browse(self.membership_ids)
            memberships.write({"state": "expired", "state_date": date(2025, 6, 1)})
            cr.commit()

        def restore(env):
            env["housing.queue.membership"].browse(self.membership_ids[0]).action_restore(
                "Ringde in"
            )

        def daily_run(env):
            cron = env.ref("housing_letting.ir_cron_queue_keep_alive")
            env["housing.queue.membership"].with_context(cron_id=cron.id)._cron_keep_alive()

        with patch.object(housing_queue_membership, "KEEP_ALIVE_BATCH", 1):
            error = self.race(restore, daily_run)
        self.assertIsNone(error)
        with self.cursor() as cr:
            memberships = self.env_of(cr)["housing.queue.membership"].browse(self.membership_ids)
            # The restored place stays, the other one was removed in its own batch.
            self.assertEqual(memberships.mapped("state"), ["active", "removed"])
