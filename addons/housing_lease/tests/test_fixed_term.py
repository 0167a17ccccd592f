from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import HousingLeaseCase


@tagged("housing_lease")
class TestFixedTermOverNineMonths(HousingLeaseCase):
    """Issue 15, item 7 (Jordabalken 12 kap. 3 §): a fixed-term lease of a residence that
    has lasted more than nine months must be terminated by notice, at least three months
    before its end (12 kap. 4 §); without notice it continues until further notice."""

    def reminders(self, lease):
        activity_type = self.env.ref("housing_lease.mail_activity_type_notice_due")
        return lease.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def test_which_leases_need_notice(self):
        with freeze_time("2025-12-01"):
            year = self.make_lease(start=date(2026, 1, 1), date_end=date(2026, 12, 31))
            parking = self.make_lease(
                self.parking, start=date(2026, 1, 1), date_end=date(2026, 12, 31)
            )
        self.assertTrue(year.needs_notice)
        self.assertEqual(year.notice_due_date, date(2026, 9, 30))
        # Exactly nine months have not lasted *more* than nine months.
        year.date_end = False
        nine = self.make_lease(start=date(2027, 1, 1), date_end=date(2027, 9, 30), confirm=False)
        self.assertFalse(nine.needs_notice)
        nine.date_end = date(2027, 10, 1)
        self.assertTrue(nine.needs_notice)
        # The rule is per lease type: parking spaces end by themselves.
        self.assertFalse(parking.needs_notice)
        self.assertFalse(parking.notice_due_date)

    def test_without_notice_it_continues_until_further_notice(self):
        with freeze_time("2025-12-01"):
            lease = self.make_lease(start=date(2026, 1, 1), date_end=date(2026, 12, 31))
        with freeze_time("2026-12-31"):
            self.Lease._cron_update_states()
            self.assertEqual(lease.state, "current")
        with freeze_time("2027-01-01"):
            self.Lease._cron_update_states()
            self.assertEqual(lease.state, "current")
            self.assertFalse(lease.date_end)
            self.assertFalse(lease.date_stop)
            self.assertIn("continues until further notice", lease.message_ids[0].body)
            self.residence.invalidate_recordset(["status"])
            self.assertEqual(self.residence.status, "leased")
            # From now on the ordinary notice rule applies.
            self.assertEqual(
                lease.get_earliest_termination_date(date(2027, 1, 1)), date(2027, 4, 30)
            )

    def test_notice_in_time_ends_it_at_its_end_date(self):
        with freeze_time("2025-12-01"):
            lease = self.make_lease(start=date(2026, 1, 1), date_end=date(2026, 12, 31))
        with freeze_time("2026-09-30"):
            self.assertEqual(
                lease.give_notice(date(2026, 9, 30), given_by="landlord"), date(2026, 12, 31)
            )
        with freeze_time("2027-01-01"):
            self.Lease._cron_update_states()
            self.assertEqual(lease.state, "ended")

    def test_late_notice_counts_from_the_notice(self):
        """Notice after the due date: the lease runs past its end date, the notice period
        counting from the notice (three months to the turn of a month)."""
        with freeze_time("2025-12-01"):
            lease = self.make_lease(start=date(2026, 1, 1), date_end=date(2026, 12, 31))
        with freeze_time("2026-10-15"):
            self.assertEqual(
                lease.get_earliest_termination_date(date(2026, 10, 15)), date(2027, 1, 31)
            )
            lease.give_notice(date(2026, 10, 15))
            self.assertEqual(lease.date_stop, date(2027, 1, 31))
        with freeze_time("2027-01-01"):
            self.Lease._cron_update_states()
            self.assertEqual(lease.state, "notice")
        with freeze_time("2027-02-01"):
            self.Lease._cron_update_states()
            self.assertEqual(lease.state, "ended")

    def test_staff_are_reminded_before_notice_is_due(self):
        with freeze_time("2025-12-01"):
            lease = self.Lease.with_user(self.lease_user).create(
                {
                    "rental_object_id": self.residence.id,
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 12, 31),
                    "tenant_line_ids": [Command.create({"partner_id": self.tenant.id})],
                }
            )
            lease.action_confirm()
        with freeze_time("2026-08-30"):
            self.Lease._cron_update_states()
            self.assertFalse(self.reminders(lease))
        with freeze_time("2026-08-31"):  # a month before the last day for notice
            self.Lease._cron_update_states()
            reminder = self.reminders(lease)
            self.assertEqual(len(reminder), 1)
            self.assertEqual(reminder.date_deadline, date(2026, 9, 30))
            self.assertEqual(reminder.user_id, self.lease_user)
            self.assertIn("2026-12-31", reminder.note)
            reminder.action_done()
        with freeze_time("2026-09-01"):
            self.Lease._cron_update_states()
            self.assertFalse(self.reminders(lease), "one reminder per lease")

    def test_object_let_again_is_left_for_staff(self):
        """The next tenant's lease is already registered: the lease still does not end by
        itself, and staff get one activity to resolve it."""
        with freeze_time("2025-12-01"):
            lease = self.make_lease(start=date(2026, 1, 1), date_end=date(2026, 12, 31))
            next_lease = self.make_lease(start=date(2027, 1, 1))
        with freeze_time("2027-01-01"):
            self.Lease._cron_update_states()
            self.Lease._cron_update_states()
            self.assertEqual((lease.state, lease.date_end), ("current", date(2026, 12, 31)))
            self.assertEqual(next_lease.state, "current")
            conflict = self.reminders(lease).filtered(lambda a: next_lease.name in a.note)
            self.assertEqual(len(conflict), 1)
