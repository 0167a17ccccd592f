from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import HousingLeaseCase


@tagged("housing_lease")
class TestLeaseStates(HousingLeaseCase):
    """draft → upcoming → current → notice → ended, cancelled, by buttons and by the cron."""

    def status(self, rental_object):
        rental_object.invalidate_recordset(["status"])
        return rental_object.status

    @freeze_time("2026-03-10")
    def test_confirm_sets_upcoming_or_current_and_base_rent(self):
        current = self.make_lease(start=date(2026, 3, 10))
        self.assertEqual(current.state, "current")
        self.assertEqual(current.rent_line_ids.amount, 6200)
        self.assertEqual(current.rent_line_ids.kind, "base")
        self.assertEqual(current.rent_line_ids.date_from, date(2026, 3, 10))
        self.assertEqual(current.current_rent, 6200)
        self.assertEqual(self.status(self.residence), "leased")
        upcoming = self.make_lease(self.parking, start=date(2026, 3, 11))
        self.assertEqual(upcoming.state, "upcoming")
        self.assertEqual(upcoming.rent_line_ids.kind, "parking")
        self.assertEqual(self.status(self.parking), "vacant")
        with self.assertRaisesRegex(UserError, "Only draft"):
            current.action_confirm()
        # A lease registered after it has already ended goes straight to ended.
        past = self.make_lease(
            self.residence, start=date(2020, 1, 1), date_end=date(2020, 12, 31), confirm=False
        )
        past.action_confirm()
        self.assertEqual(past.state, "ended")

    def test_cron_moves_states(self):
        cron = self.env.ref("housing_lease.ir_cron_update_lease_states")
        self.assertEqual(
            (cron.model_id.model, cron.code, cron.interval_type),
            ("housing.lease", "model._cron_update_states()", "days"),
        )
        with freeze_time("2026-03-10"):
            upcoming = self.make_lease(start=date(2026, 4, 1))
            under_notice = self.make_lease(self.parking, start=date(2025, 1, 1))
            under_notice.give_notice(date(2026, 3, 10))
            self.assertEqual(under_notice.termination_date, date(2026, 4, 30))
            self.assertEqual((upcoming.state, under_notice.state), ("upcoming", "notice"))
            self.assertEqual(self.status(self.parking), "notice")
        with freeze_time("2026-03-31"):
            self.Lease._cron_update_states()
            self.assertEqual(upcoming.state, "upcoming")
        with freeze_time("2026-04-01"):
            self.Lease._cron_update_states()
            self.assertEqual((upcoming.state, under_notice.state), ("current", "notice"))
            self.assertEqual(self.status(self.residence), "leased")
        with freeze_time("2026-04-30"):
            self.Lease._cron_update_states()
            self.assertEqual(under_notice.state, "notice")
        with freeze_time("2026-05-01 12:00"):
            self.Lease._cron_update_states()
            self.assertEqual(under_notice.state, "ended")
            self.assertEqual(self.status(self.parking), "vacant")

    def test_cron_ends_fixed_term_lease(self):
        with freeze_time("2026-01-15"):
            lease = self.make_lease(start=date(2026, 1, 1), date_end=date(2026, 6, 30))
            self.assertEqual(lease.state, "current")
        with freeze_time("2026-06-30"):
            self.Lease._cron_update_states()
            self.assertEqual(lease.state, "current")
        with freeze_time("2026-07-01"):
            self.Lease._cron_update_states()
            self.assertEqual(lease.state, "ended")
            self.assertEqual(self.status(self.residence), "vacant")

    @freeze_time("2026-03-10")
    def test_cancel(self):
        draft = self.make_lease(confirm=False)
        draft.action_cancel()
        self.assertEqual(draft.state, "cancelled")
        upcoming = self.make_lease(self.parking, start=date(2026, 5, 1))
        upcoming.action_cancel()
        self.assertEqual(upcoming.state, "cancelled")
        current = self.make_lease(start=date(2025, 1, 1))
        with self.assertRaisesRegex(UserError, "give notice instead"):
            current.action_cancel()
        self.assertEqual(current.state, "current")

    @freeze_time("2026-01-15")
    def test_notice_not_earlier_than_rule(self):
        lease = self.make_lease(start=date(2024, 1, 1))
        with self.assertRaisesRegex(UserError, "only a housing manager"):
            lease.with_user(self.lease_user).give_notice(
                date(2026, 1, 15), termination_date=date(2026, 2, 28)
            )
        self.assertEqual((lease.state, lease.termination_date), ("current", False))
        # A later preferred move-out date is kept.
        lease.with_user(self.lease_user).give_notice(
            date(2026, 1, 15), preferred_move_out_date=date(2026, 6, 15), given_by="landlord"
        )
        self.assertEqual(lease.termination_date, date(2026, 6, 15))
        self.assertEqual((lease.state, lease.notice_given_by), ("notice", "landlord"))
        self.assertIn("Notice given by the Landlord", lease.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "upcoming or current"):
            lease.give_notice(date(2026, 1, 20))

    @freeze_time("2026-01-15")
    def test_manager_override_needs_reason(self):
        lease = self.make_lease(start=date(2024, 1, 1))
        with self.assertRaisesRegex(UserError, "Give a reason"):
            lease.with_user(self.lease_manager).give_notice(
                date(2026, 1, 15), termination_date=date(2026, 1, 31), override_reason="  "
            )
        self.assertEqual(lease.state, "current")
        lease.with_user(self.lease_manager).give_notice(
            date(2026, 1, 15), termination_date=date(2026, 1, 31), override_reason="Dödsfall"
        )
        self.assertEqual(lease.termination_date, date(2026, 1, 31))
        self.assertEqual(lease.notice_override_reason, "Dödsfall")

    @freeze_time("2026-01-15")
    def test_notice_on_fixed_term_and_upcoming_leases(self):
        fixed = self.make_lease(start=date(2025, 9, 1), date_end=date(2026, 2, 28))
        self.assertEqual(fixed.get_earliest_termination_date(date(2026, 1, 15)), date(2026, 2, 28))
        with self.assertRaisesRegex(UserError, "ends on 2026-02-28 at the latest"):
            fixed.give_notice(date(2026, 1, 15), preferred_move_out_date=date(2026, 3, 31))
        self.assertEqual(fixed.state, "current")
        upcoming = self.make_lease(self.parking, start=date(2026, 6, 1))
        earliest = upcoming.get_earliest_termination_date(date(2026, 1, 15))
        self.assertEqual(earliest, date(2026, 6, 1))
        upcoming.give_notice(date(2026, 1, 15))
        self.assertEqual((upcoming.state, upcoming.termination_date), ("notice", date(2026, 6, 1)))

    @freeze_time("2026-05-10")
    def test_notice_registered_late(self):
        lease = self.make_lease(self.parking, start=date(2025, 1, 1))
        lease.give_notice(date(2026, 3, 2))
        self.assertEqual((lease.state, lease.termination_date), ("notice", date(2026, 4, 30)))
        self.Lease._cron_update_states()
        self.assertEqual(lease.state, "ended")

    @freeze_time("2026-01-15")
    def test_withdraw_notice(self):
        lease = self.make_lease(start=date(2024, 1, 1))
        lease.give_notice(date(2026, 1, 15))
        lease.with_user(self.lease_user).action_withdraw_notice()
        self.assertEqual(lease.state, "current")
        self.assertFalse(lease.termination_date or lease.notice_date or lease.date_stop)
        self.assertEqual(lease.message_ids[0].body, "<p>The notice was withdrawn.</p>")
        with self.assertRaisesRegex(UserError, "Only a notice on a lease under notice"):
            lease.action_withdraw_notice()
        # Once the object is let again, the notice cannot be withdrawn.
        lease.give_notice(date(2026, 1, 15))
        successor = self.make_lease(start=date(2026, 5, 1))
        with self.assertRaisesRegex(ValidationError, f"already let under lease {successor.name}"):
            lease.action_withdraw_notice()
        self.assertEqual((lease.state, lease.termination_date), ("notice", date(2026, 4, 30)))

    @freeze_time("2026-01-15")
    def test_notice_wizard(self):
        lease = self.make_lease(start=date(2024, 1, 1))
        wizard_form = Form(
            self.env["housing.lease.notice.wizard"].with_context(default_lease_id=lease.id)
        )
        wizard_form.notice_date = date(2026, 1, 15)
        self.assertEqual(wizard_form.earliest_termination_date, date(2026, 4, 30))
        self.assertEqual(wizard_form.termination_date, date(2026, 4, 30))
        wizard_form.preferred_move_out_date = date(2026, 5, 31)
        self.assertEqual(wizard_form.termination_date, date(2026, 5, 31))
        wizard_form.termination_date = date(2026, 3, 31)
        self.assertTrue(wizard_form.is_override)
        wizard_form.termination_date = date(2026, 5, 31)
        self.assertFalse(wizard_form.is_override)
        wizard_form.save().action_confirm()
        self.assertEqual((lease.state, lease.termination_date), ("notice", date(2026, 5, 31)))
        action = lease.action_open_notice_wizard()
        self.assertEqual(action["context"], {"default_lease_id": lease.id})

    def test_today_is_the_stockholm_day(self):
        """Issue 15, item 9: between Swedish midnight and 01:00/02:00 a lease starting
        today is current, also for a user or the cron user without a time zone (Odoo then
        uses the UTC day, which is still yesterday)."""
        env = self.env(context=dict(self.env.context, tz="UTC"))
        with freeze_time("2026-03-10"):
            upcoming = self.make_lease(self.parking, start=date(2026, 4, 1))
        with freeze_time("2026-03-31 22:30"):  # 00:30 on 1 April in Stockholm
            Lease = env["housing.lease"]
            lease = Lease.create(
                {
                    "rental_object_id": self.residence.id,
                    "date_start": date(2026, 4, 1),
                    "tenant_line_ids": [Command.create({"partner_id": self.tenant.id})],
                }
            )
            self.assertEqual(lease.contract_date, date(2026, 4, 1))
            lease.action_confirm()
            self.assertEqual(lease.state, "current")
            self.assertEqual(lease.current_rent, 6200)
            self.assertEqual(self.residence.with_env(env).current_lease_id, lease)
            self.assertEqual(self.residence.with_env(env).status, "leased")
            Lease._cron_update_states()
            self.assertEqual(upcoming.state, "current")
            wizard = Form(
                env["housing.lease.notice.wizard"].with_context(default_lease_id=lease.id)
            )
            self.assertEqual(wizard.notice_date, date(2026, 4, 1))
