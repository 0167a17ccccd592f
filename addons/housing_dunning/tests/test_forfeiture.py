from datetime import date, datetime
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HousingDunningCase

JULY = date(2026, 7, 1)  # due Tuesday 30 June 2026
TODAY = "odoo.addons.housing_dunning.models.housing_forfeiture.stockholm_today"


@tagged("housing_dunning", "post_install", "-at_install")
class TestForfeiture(HousingDunningCase, HttpCase):
    def forfeitable(self, partner=None, due=None):
        avi = self.avi(partner or self.tenant, JULY, due=due)
        return avi, self.Forfeiture.search([("move_id", "=", avi.id)])

    def terminate(self, case, day):
        with patch(TODAY, return_value=day):
            return case.action_terminate()

    def test_residence_forfeitable_after_one_week(self):
        avi = self.avi(self.tenant, JULY)
        # Due 30 June; the week ends Tuesday 7 July: forfeitable from Wednesday 8 July.
        self.assertFalse(self.run_dunning(date(2026, 7, 7), avi)[1])
        case = self.run_dunning(date(2026, 7, 8), avi)[1]
        self.assertEqual(case.lease_id, self.residence_lease)
        self.assertEqual((case.kind, case.state), ("residence", "forfeitable"))
        self.assertEqual(case.forfeitable_date, date(2026, 7, 8))
        for record in (self.residence_lease, self.tenant):
            self.assertIn("förverkad", " ".join(self.messages(record)))
        # Paid before the company terminated the lease: no longer forfeitable (12:43).
        self.pay(avi, date(2026, 7, 9))
        self.run_dunning(date(2026, 7, 10), avi)
        self.assertEqual(case.state, "lapsed")
        with self.assertRaisesRegex(UserError, "forfeitable"):
            self.terminate(case, date(2026, 7, 10))

    def test_premises_forfeitable_after_two_weekdays_before_midsummer(self):
        avi = self.avi(self.shop, JULY, due=date(2026, 6, 18))
        # Midsummer eve and the weekend are no weekdays: 22 and 23 June are.
        self.assertFalse(self.run_dunning(date(2026, 6, 23), avi)[1])
        case = self.run_dunning(date(2026, 6, 24), avi)[1]
        self.assertEqual((case.kind, case.lease_id), ("premises", self.premises_lease))

    def test_premises_forfeitable_around_christmas(self):
        avi = self.avi(self.shop, JULY, due=date(2026, 12, 22))
        self.assertFalse(self.run_dunning(date(2026, 12, 28), avi)[1])
        self.assertTrue(self.run_dunning(date(2026, 12, 29), avi)[1])

    def test_parking_is_not_forfeited_under_jordabalken(self):
        self.parking.parking_type = "outdoor"  # a garage is premises, an outdoor space not
        self.lease_for(self.co_tenant, self.parking)
        avi = self.avi(self.co_tenant, JULY)
        self.assertFalse(self.run_dunning(date(2026, 8, 1), avi)[1])

    def test_paid_on_the_last_day_the_lease_continues(self):
        avi = self.avi(self.tenant, JULY)
        case = self.run_dunning(date(2026, 7, 8), avi)[1]
        self.terminate(case, date(2026, 7, 9))
        # Notified two business days later (the company's delivery assumption).
        self.assertEqual(case.notified_date, date(2026, 7, 13))
        case.notified_date = date(2026, 7, 10)  # the actual day, from the receipt
        self.assertEqual(case.regain_deadline, date(2026, 7, 31))
        self.pay(avi, date(2026, 7, 31))
        self.run_dunning(date(2026, 8, 1), avi)
        self.assertEqual(case.state, "regained")
        self.assertEqual(self.residence_lease.housing_forfeiture_state, "regained")
        self.assertIn("behåller", self.messages(self.residence_lease)[0])

    def test_paid_one_day_late_the_termination_stands(self):
        avi = self.avi(self.tenant, JULY)
        case = self.run_dunning(date(2026, 7, 8), avi)[1]
        self.terminate(case, date(2026, 7, 9))
        case.notified_date = date(2026, 7, 10)
        self.run_dunning(date(2026, 7, 31), avi)
        self.assertEqual(case.state, "notice")  # the last day: still time to pay
        self.pay(avi, date(2026, 8, 1))
        self.run_dunning(date(2026, 8, 1), avi)
        self.assertEqual(case.state, "terminated")
        self.assertEqual(self.residence_lease.housing_forfeiture_state, "terminated")
        self.assertIn("står fast", " ".join(self.messages(self.residence_lease)))
        self.assertTrue(self.residence_lease.activity_ids)
        # Running again changes nothing.
        self.assertFalse(self.run_dunning(date(2026, 8, 2), avi)[1])

    def test_payment_recorded_late_but_made_in_time_keeps_the_lease(self):
        avi = self.avi(self.tenant, JULY)
        case = self.run_dunning(date(2026, 7, 8), avi)[1]
        self.terminate(case, date(2026, 7, 9))
        case.notified_date = date(2026, 7, 10)
        self.run_dunning(date(2026, 8, 1), avi)
        self.assertEqual(case.state, "terminated")
        self.pay(avi, date(2026, 7, 31))  # the bank file came in a few days later
        self.run_dunning(date(2026, 8, 4), avi)
        self.assertEqual(case.state, "regained")

    def test_premises_have_two_weeks_to_pay(self):
        avi = self.avi(self.shop, JULY)
        case = self.run_dunning(date(2026, 7, 3), avi)[1]
        self.terminate(case, date(2026, 7, 6))
        case.notified_date = date(2026, 7, 7)
        self.assertEqual(case.regain_deadline, date(2026, 7, 21))

    def test_termination_letter_and_social_services_only_for_residences(self):
        avi = self.avi(self.tenant, JULY)
        case = self.run_dunning(date(2026, 7, 8), avi)[1]
        self.terminate(case, date(2026, 7, 9))
        case.notified_date = date(2026, 7, 10)
        letter = self.pdf_text("housing_dunning.action_report_forfeiture_notice", case)
        for text in (
            "Uppsägning",
            self.residence_lease.name,
            "tre veckor",
            avi.payment_reference,
            "socialnämnden",
            "2026-07-31",
        ):
            with self.subTest(text=text):
                self.assertIn(text, letter)
        with patch(TODAY, return_value=date(2026, 7, 9)):
            case.action_notify_social_services()
        self.assertEqual(case.social_services_date, date(2026, 7, 9))
        notice = self.pdf_text("housing_dunning.action_report_social_services", case)
        for text in ("Socialnämnden", "Anna Andersson", self.residence_lease.name, "Västerås"):
            with self.subTest(text=text):
                self.assertIn(text, notice)
        # Premises: a termination letter with two weeks, and no socialnämnden.
        shop_avi = self.avi(self.shop, JULY)
        shop_case = self.Forfeiture.search([("move_id", "=", shop_avi.id)])
        self.terminate(shop_case, date(2026, 7, 9))
        self.assertIn(
            "två veckor",
            self.pdf_text("housing_dunning.action_report_forfeiture_notice", shop_case),
        )
        with self.assertRaisesRegex(UserError, "only when a residence"):
            shop_case.action_notify_social_services()
        with self.assertRaisesRegex(UserError, "only when a residence"):
            self.env["ir.actions.report"]._render_qweb_html(
                "housing_dunning.action_report_social_services", shop_case.ids
            )
        self.assertFalse(shop_case.social_services_date)

    def test_only_managers_terminate(self):
        avi = self.avi(self.tenant, JULY)
        case = self.run_dunning(date(2026, 7, 8), avi)[1]
        self.assertEqual(case.with_user(self.lease_user).state, "forfeitable")
        with self.assertRaises(AccessError):
            case.with_user(self.lease_user).action_terminate()
        self.assertEqual(case.state, "forfeitable")

    def test_access_per_group(self):
        avi = self.avi(self.tenant, JULY)
        case = self.run_dunning(date(2026, 7, 8), avi)[1]
        portal = new_test_user(
            self.env, "dun_f_portal", groups="base.group_portal", partner_id=self.tenant.id
        )
        integration = new_test_user(
            self.env, "dun_f_integration", groups="housing_base.group_housing_integration"
        )
        contractor = new_test_user(self.env, "dun_f_contractor", groups="base.group_user")
        for user in (portal, contractor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                case.with_user(user).read(["state"])
        # Integrations read it (housing_api: every housing model) but change nothing.
        self.assertEqual(case.with_user(integration).read(["state"])[0]["state"], case.state)
        with self.assertRaises(AccessError):
            case.with_user(integration).check_access("write")
        # A manager without the protected identities privilege does not see a protected
        # tenant's forfeiture, like the lease; the privilege does. The cron follows it still.
        protector = new_test_user(
            self.env,
            "dun_f_protector",
            groups="housing_base.group_housing_manager,"
            "housing_base.group_housing_protected_identity",
        )
        self.tenant.with_user(protector).housing_protect_identity("Skatteverkets beslut")
        Forfeiture = self.Forfeiture.with_user(self.lease_manager)
        self.assertFalse(Forfeiture.search([("id", "=", case.id)]))
        self.assertFalse(self.Forfeiture.with_user(integration).search([("id", "=", case.id)]))
        self.assertEqual(self.Forfeiture.with_user(protector).search([("id", "=", case.id)]), case)
        self.pay(avi, date(2026, 7, 9))
        self.env["housing.dunning.run.wizard"].with_user(self.lease_manager).create(
            {"date": date(2026, 7, 10)}
        ).action_run()
        self.assertEqual(case.state, "lapsed")

    def test_cron_twice_creates_nothing_new(self):
        avi = self.avi(self.tenant, JULY)
        with (
            patch("odoo.fields.Datetime.now", return_value=datetime(2026, 7, 8, 6, 0)),
            patch.object(type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: 0),
        ):
            self.Entry._cron_run()
            entries = self.Entry.search([])
            cases = self.Forfeiture.search([])
            messages = self.env["mail.message"].search_count([])
            self.Entry._cron_run()
        self.assertEqual(avi.housing_dunning_entry_ids.step_id, self.reminder)
        self.assertEqual(self.Entry.search([]), entries)
        self.assertEqual(self.Forfeiture.search([]), cases)
        self.assertEqual(self.env["mail.message"].search_count([]), messages)
