from datetime import date, datetime
from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import HousingDunningCase

JULY = date(2026, 7, 1)  # due Tuesday 30 June 2026


@tagged("housing_dunning", "post_install", "-at_install")
class TestReminderLetter(HousingDunningCase, HttpCase):
    def test_reminder_is_mailed_with_the_swedish_pdf(self):
        self.tenant.email = "anna@example.com"
        avi = self.avi(self.tenant, JULY)
        entry = self.run_dunning(date(2026, 7, 8), avi)[0]
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.tenant.ids)])
        self.assertEqual(mail.subject, f"Betalningspåminnelse: avi {avi.name}")
        self.assertIn("Betala", mail.body_html)
        self.assertEqual(len(mail.attachment_ids), 1)
        text = self.pdf_text("housing_dunning.action_report_reminder", entry)
        for expected in (
            "Påminnelse",
            "Anna Andersson",
            avi.name,
            avi.payment_reference,
            "6 200,00",
            "Påminnelseavgift",
            entry.fee_move_id.payment_reference,
            "Betala senast",
            "2026-07-22",
            "en vecka",
        ):
            with self.subTest(text=expected):
                self.assertIn(expected, text)


@tagged("housing_dunning", "post_install", "-at_install")
class TestDunning(HousingDunningCase):
    def test_reminder_after_the_step_days_with_fee_once(self):
        avi = self.avi(self.tenant, JULY)
        self.assertEqual(avi.invoice_date_due, date(2026, 6, 30))
        # 8 days after the due date is Wednesday 8 July: nothing the day before.
        self.assertFalse(self.run_dunning(date(2026, 7, 7), avi)[0])
        entries, _cases = self.run_dunning(date(2026, 7, 8), avi)
        self.assertEqual(entries.step_id, self.reminder)
        self.assertEqual(entries.amount_unpaid, 6200.0)
        self.assertEqual(entries.fee_move_id.amount_total, 60.0)
        self.assertEqual(entries.fee_move_id.state, "posted")
        self.assertEqual(entries.fee_move_id.housing_fee_origin_id, avi)
        self.assertTrue(entries.fee_move_id.payment_reference)
        # Eight days at 10 % on 6 200 kr.
        self.assertEqual(entries.interest, round(6200 * 0.10 * 8 / 365, 2))
        # Logged on the lease and the contact, in Swedish, without the tenant's identity.
        for record in (self.residence_lease, self.tenant):
            body = " ".join(self.messages(record))
            self.assertIn("Påminnelse för avi", body)
            self.assertIn(avi.name, body)
            self.assertIn("Påminnelseavgift", body)
        # The final reminder (20 days: Monday 20 July) bills no second fee.
        self.assertFalse(self.run_dunning(date(2026, 7, 19), avi)[0])
        final, _cases = self.run_dunning(date(2026, 7, 20), avi)
        self.assertEqual(final.step_id, self.final)
        self.assertFalse(final.fee_move_id)
        self.assertEqual(avi.housing_dunning_entry_ids, entries | final)

    def test_running_twice_creates_nothing_new(self):
        avi = self.avi(self.tenant, JULY)
        first = self.run_dunning(date(2026, 7, 8), avi)
        self.assertTrue(first[0])
        self.assertEqual(self.run_dunning(date(2026, 7, 8)), (self.Entry, self.Forfeiture))
        self.assertEqual(len(avi.housing_dunning_entry_ids), 1)
        fees = self.env["account.move"].search([("housing_fee_origin_id", "=", avi.id)])
        self.assertEqual(len(fees), 1)

    def test_step_on_a_weekend_or_holiday_goes_out_the_next_business_day(self):
        self.final.days_after_due = 11  # 30 June + 11 = Saturday 11 July
        avi = self.avi(self.tenant, JULY)
        self.run_dunning(date(2026, 7, 8), avi)
        self.assertFalse(self.run_dunning(date(2026, 7, 11), avi)[0])
        self.assertFalse(self.run_dunning(date(2026, 7, 12), avi)[0])
        self.assertEqual(self.run_dunning(date(2026, 7, 13), avi)[0].step_id, self.final)

    def test_due_date_before_midsummer(self):
        self.reminder.days_after_due = 1  # Thursday 18 June + 1 = midsummer eve
        avi = self.avi(self.tenant, JULY, due=date(2026, 6, 18))
        for day in (date(2026, 6, 19), date(2026, 6, 20), date(2026, 6, 21)):
            with self.subTest(day=day):
                self.assertFalse(self.run_dunning(day, avi)[0])
        self.assertEqual(self.run_dunning(date(2026, 6, 22), avi)[0].move_id, avi)

    def test_around_christmas_and_new_year(self):
        # January 2027 is due Wednesday 30 December (new year's eve is no business day).
        avi = self.avi(self.tenant, date(2027, 1, 1))
        self.assertEqual(avi.invoice_date_due, date(2026, 12, 30))
        self.reminder.days_after_due = 2  # 1 January (nyårsdagen), then the weekend
        self.assertFalse(self.run_dunning(date(2027, 1, 1), avi)[0])
        self.assertFalse(self.run_dunning(date(2027, 1, 3), avi)[0])
        self.assertEqual(self.run_dunning(date(2027, 1, 4), avi)[0].move_id, avi)

    def test_due_date_on_a_holiday_is_paid_in_time_the_next_business_day(self):
        avi = self.avi(self.tenant, JULY, due=date(2026, 6, 19))  # midsummer eve
        self.pay(avi, date(2026, 6, 22))
        self.assertEqual(avi._housing_interest_on(date(2026, 7, 1)), 0.0)
        self.assertFalse(avi._housing_is_late_on(date(2026, 6, 23)))

    def test_paid_avier_and_steps_for_other_kinds_are_skipped(self):
        avi = self.avi(self.tenant, JULY)
        shop_avi = self.avi(self.shop, JULY)
        self.pay(avi, date(2026, 7, 3))
        self.reminder.apply_premises = False
        self.final.apply_premises = False
        entries, _cases = self.run_dunning(date(2026, 7, 20), avi)
        self.assertFalse(entries)
        self.assertFalse(shop_avi.housing_dunning_entry_ids)

    def test_partial_payment_reminds_of_the_rest(self):
        avi = self.avi(self.tenant, JULY)
        self.pay(avi, date(2026, 7, 2), 5000)
        entry = self.run_dunning(date(2026, 7, 8), avi)[0]
        self.assertEqual(entry.amount_unpaid, 1200.0)
        # Two days on 6 200 kr, six on 1 200 kr.
        self.assertEqual(entry.interest, round((6200 * 2 + 1200 * 6) * 0.10 / 365, 2))

    def test_no_fee_unless_agreed(self):
        self.company.housing_reminder_fee_agreed = False
        avi = self.avi(self.tenant, JULY)
        entry = self.run_dunning(date(2026, 7, 8), avi)[0]
        self.assertTrue(entry)
        self.assertFalse(entry.fee_move_id)

    def test_fee_within_the_law(self):
        with self.assertRaisesRegex(ValidationError, "at most 60"):
            self.company.housing_reminder_fee = 61

    def test_a_step_taken_meanwhile_does_not_stop_the_run(self):
        """Another run took the step of one avi meanwhile: the unique constraint refuses
        it in that avi's savepoint, the other avi gets its reminder."""
        avi = self.avi(self.tenant, JULY)
        other = self.avi(self.shop, JULY)
        self.Entry.create(
            {"move_id": avi.id, "step_id": self.reminder.id, "date": date(2026, 7, 8)}
        )
        todo = [(avi, self.reminder), (other, self.reminder)]
        with (
            patch.object(type(self.Entry), "_preview", return_value=todo),
            mute_logger("odoo.sql_db"),
        ):
            entries = self.Entry._run(self.company, date(2026, 7, 8))
        self.assertEqual(entries.move_id, other)
        self.assertEqual(len(avi.housing_dunning_entry_ids), 1)

    def test_cron_uses_the_stockholm_day(self):
        avi = self.avi(self.tenant, JULY)
        # 7 July 22:30 UTC is 8 July 00:30 in Stockholm.
        with (
            patch("odoo.fields.Datetime.now", return_value=datetime(2026, 7, 7, 22, 30)),
            patch.object(type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: 0),
        ):
            self.Entry._cron_run()
        self.assertEqual(avi.housing_dunning_entry_ids.date, date(2026, 7, 8))

    def test_wizard_previews_then_runs(self):
        self.avi(self.tenant, JULY)
        manager = self.lease_manager
        wizard = (
            self.env["housing.dunning.run.wizard"]
            .with_user(manager)
            .create({"date": date(2026, 7, 8)})
        )
        wizard.action_preview()
        self.assertIn("Anna Andersson", wizard.summary)
        self.assertFalse(self.Entry.search([]))
        wizard.action_run()
        self.assertEqual(wizard.entry_ids.partner_id, self.tenant | self.shop)

    def test_access_per_group(self):
        avi = self.avi(self.tenant, JULY)
        entry = self.run_dunning(date(2026, 7, 8), avi)[0]
        self.assertEqual(entry.with_user(self.lease_user).step_id, self.reminder)
        with self.assertRaises(AccessError):
            self.reminder.with_user(self.lease_user).days_after_due = 10
        with self.assertRaises(AccessError):
            self.env["housing.dunning.run.wizard"].with_user(self.lease_user).create({})
        self.reminder.with_user(self.lease_manager).days_after_due = 9
        portal = new_test_user(
            self.env, "dun_portal", groups="base.group_portal", partner_id=self.tenant.id
        )
        integration = new_test_user(
            self.env, "dun_integration", groups="housing_base.group_housing_integration"
        )
        # An internal user outside housing (an external contractor's login).
        contractor = new_test_user(self.env, "dun_contractor", groups="base.group_user")
        for user in (portal, contractor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Entry.with_user(user).search([]).read(["amount_unpaid"])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["housing.dunning.step"].with_user(user).search([]).read(["name"])
        # Integrations read every housing model over JSON-2 (housing_api), write none of
        # these, and do not see a protected contact's reminders (as they see no avier).
        self.assertIn(entry, self.Entry.with_user(integration).search([]))
        with self.assertRaises(AccessError):
            self.reminder.with_user(integration).days_after_due = 10
        protector = new_test_user(
            self.env,
            "dun_protector",
            groups="housing_base.group_housing_manager,"
            "housing_base.group_housing_protected_identity",
        )
        self.tenant.with_user(protector).housing_protect_identity("Skatteverkets beslut")
        self.assertNotIn(entry, self.Entry.with_user(integration).search([]))
