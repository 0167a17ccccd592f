from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import HousingLeaseCase


@tagged("housing_lease")
class TestLease(HousingLeaseCase):
    def test_number_from_object_code(self):
        first = self.make_lease(start=date(2020, 1, 1), date_end=date(2020, 12, 31))
        second = self.make_lease(start=date(2021, 1, 1))
        self.assertEqual(first.name, "999-001-01-0001/01")
        self.assertEqual(second.name, "999-001-01-0001/02")
        parking = self.make_lease(self.parking)
        self.assertEqual(parking.name, "999-001-P-001/01")
        self.assertEqual(parking.lease_type, "garage")
        self.assertEqual(first.lease_type, "residence")

    def test_tenants(self):
        lease = self.make_lease(
            tenant_line_ids=[
                Command.create({"partner_id": self.tenant.id, "role": "main"}),
                Command.create({"partner_id": self.co_tenant.id, "role": "co"}),
            ]
        )
        self.assertEqual(lease.partner_id, self.tenant)
        self.assertEqual(lease.partner_ids, self.tenant | self.co_tenant)
        self.assertEqual(self.Lease.search([("partner_ids", "in", self.co_tenant.ids)]), lease)
        self.assertEqual(self.co_tenant.lease_count, 1)
        with self.assertRaisesRegex(ValidationError, "exactly one main tenant"):
            lease.tenant_line_ids.filtered(lambda line: line.role == "co").role = "main"

    @freeze_time("2026-03-10")
    def test_confirm_sets_upcoming_or_current_and_base_rent(self):
        current = self.make_lease(start=date(2026, 3, 1))
        self.assertEqual(current.state, "current")
        self.assertEqual(current.rent_line_ids.amount, 6200)
        self.assertEqual(current.rent_line_ids.kind, "base")
        self.assertEqual(current.current_rent, 6200)
        self.assertEqual(self.residence.current_lease_id, current)
        self.assertEqual(self.residence.current_rent, 6200)
        self.assertEqual(self.residence.status, "leased")
        upcoming = self.make_lease(self.parking, start=date(2026, 4, 1))
        self.assertEqual(upcoming.state, "upcoming")
        self.assertEqual(upcoming.rent_line_ids.kind, "parking")
        with self.assertRaisesRegex(UserError, "Only draft"):
            current.action_confirm()

    def test_cron_moves_states(self):
        with freeze_time("2026-03-10"):
            upcoming = self.make_lease(start=date(2026, 4, 1))
            ending = self.make_lease(self.parking, start=date(2025, 1, 1))
            ending.give_notice(date(2026, 3, 10))
            self.assertEqual(ending.termination_date, date(2026, 4, 30))
            self.assertEqual((upcoming.state, ending.state), ("upcoming", "notice"))
            self.parking.invalidate_recordset(["status"])
            self.assertEqual(self.parking.status, "notice")
        with freeze_time("2026-04-01"):
            self.Lease._cron_update_states()
            self.assertEqual((upcoming.state, ending.state), ("current", "notice"))
        with freeze_time("2026-05-01"):
            cron = self.env.ref("housing_lease.ir_cron_update_lease_states")
            self.assertEqual(
                (cron.model_id.model, cron.code), ("housing.lease", "model._cron_update_states()")
            )
            self.Lease._cron_update_states()
            self.assertEqual(ending.state, "ended")
            self.parking.invalidate_recordset(["status"])
            self.assertEqual(self.parking.status, "vacant")

    def test_cancel(self):
        draft = self.make_lease(confirm=False)
        draft.action_cancel()
        self.assertEqual(draft.state, "cancelled")
        current = self.make_lease(start=date(2025, 1, 1))
        with self.assertRaisesRegex(UserError, "give notice instead"):
            current.action_cancel()

    def test_overlap_rejected_with_a_clear_message(self):
        first = self.make_lease(start=date(2025, 1, 1))
        second = self.make_lease(start=date(2025, 6, 1), confirm=False)
        with self.assertRaisesRegex(ValidationError, f"already let under lease {first.name}"):
            second.action_confirm()
        self.assertEqual(second.state, "draft")
        # After notice the object is free from the day after termination.
        first.give_notice(date(2025, 1, 10))
        self.assertEqual(first.termination_date, date(2025, 4, 30))
        second.date_start = date(2025, 5, 1)
        second.action_confirm()
        self.assertIn(second.state, ("current", "upcoming"))

    def test_rent_on_a_date(self):
        lease = self.make_lease(start=date(2025, 1, 1), confirm=False)
        lease.rent_line_ids = [
            Command.create(
                {
                    "kind": "base",
                    "amount": 6000,
                    "date_from": date(2025, 1, 1),
                    "date_to": date(2025, 12, 31),
                }
            ),
            Command.create({"kind": "base", "amount": 6300, "date_from": date(2026, 1, 1)}),
            Command.create(
                {
                    "kind": "storage",
                    "amount": 150,
                    "date_from": date(2025, 6, 1),
                    "date_to": date(2025, 8, 31),
                }
            ),
            Command.create(
                {"kind": "charge", "amount": 200, "tax_rate": 25, "date_from": date(2025, 7, 1)}
            ),
        ]
        self.assertEqual(lease.rent_on(date(2025, 1, 1)), 6000)
        self.assertEqual(lease.rent_on(date(2025, 7, 1)), 6350)
        self.assertEqual(lease.rent_on(date(2025, 9, 1)), 6200)
        self.assertEqual(lease.rent_on(date(2026, 1, 1)), 6500)
        self.assertEqual(lease.rent_on(date(2024, 12, 31)), 0)

    def test_notice_not_earlier_than_rule(self):
        lease = self.make_lease(start=date(2024, 1, 1))
        with self.assertRaisesRegex(UserError, "only a housing manager"):
            lease.with_user(self.lease_user).give_notice(
                date(2026, 1, 15), termination_date=date(2026, 2, 28)
            )
        self.assertEqual(lease.state, "current")
        # A later preferred move-out date is kept.
        lease.with_user(self.lease_user).give_notice(
            date(2026, 1, 15), preferred_move_out_date=date(2026, 6, 15)
        )
        self.assertEqual(lease.termination_date, date(2026, 6, 15))
        self.assertEqual(lease.state, "notice")
        self.assertIn("the lease ends on", lease.message_ids[0].body)

    def test_manager_override_needs_reason(self):
        lease = self.make_lease(start=date(2024, 1, 1))
        with self.assertRaisesRegex(UserError, "Give a reason"):
            lease.with_user(self.lease_manager).give_notice(
                date(2026, 1, 15), termination_date=date(2026, 1, 31)
            )
        lease.with_user(self.lease_manager).give_notice(
            date(2026, 1, 15), termination_date=date(2026, 1, 31), override_reason="Dödsfall"
        )
        self.assertEqual(lease.termination_date, date(2026, 1, 31))
        self.assertEqual(lease.notice_override_reason, "Dödsfall")

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
        wizard_form.save().action_confirm()
        self.assertEqual((lease.state, lease.termination_date), ("notice", date(2026, 5, 31)))

    def test_contract_report_renders(self):
        self.residence.street = "Sjöodjursgatan 4"
        lease = self.make_lease(start=date(2025, 2, 1))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("housing_lease.action_report_housing_lease", lease.ids)[0]
            .decode()
        )
        self.assertIn(lease.name, html)
        self.assertIn("Anna Andersson", html)
        self.assertIn("Sjöodjursgatan 4", html)
        self.assertIn("6,200.00", html)
        self.assertIn("The notice period is <span>3</span> months", html)

    @freeze_time("2025-03-03")
    def test_date_stop_derived(self):
        lease = self.make_lease(start=date(2025, 1, 1), date_end=date(2025, 12, 31))
        self.assertEqual(lease.date_stop, date(2025, 12, 31))
        lease.give_notice(date(2025, 3, 3))
        self.assertEqual(lease.date_stop, date(2025, 6, 30))
        self.assertFalse(self.make_lease(self.parking).date_stop)
