from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

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
        self.assertEqual(parking.display_name, "999-001-P-001/01 - Anna Andersson")

    def test_numbers_in_one_batch_and_after_cancellation(self):
        cancelled = self.make_lease(confirm=False)
        cancelled.action_cancel()
        batch = self.Lease.create(
            [
                {
                    "rental_object_id": obj.id,
                    "date_start": date(2025, 1, 1),
                    "tenant_line_ids": [
                        Command.create({"partner_id": self.tenant.id, "role": "main"})
                    ],
                }
                for obj in (self.residence, self.parking, self.residence)
            ]
        )
        # A cancelled lease keeps its number: numbers are never reused.
        self.assertEqual(
            batch.mapped("name"),
            ["999-001-01-0001/02", "999-001-P-001/01", "999-001-01-0001/03"],
        )

    def test_draft_moved_to_another_object_is_renumbered(self):
        lease_form = Form(self.Lease)
        lease_form.rental_object_id = self.residence
        self.assertEqual(lease_form.lease_type, "residence")
        lease_form.rental_object_id = self.parking
        self.assertEqual(lease_form.lease_type, "garage")
        lease_form.lease_type = "parking"
        lease_form.date_start = date(2025, 1, 1)
        with lease_form.tenant_line_ids.new() as line:
            line.partner_id = self.tenant
        lease = lease_form.save()
        self.assertEqual((lease.name, lease.lease_type), ("999-001-P-001/01", "parking"))
        lease.rental_object_id = self.residence
        self.assertEqual((lease.name, lease.lease_type), ("999-001-01-0001/01", "residence"))
        lease.action_confirm()
        with self.assertRaisesRegex(UserError, "Only the rental object of a draft lease"):
            lease.rental_object_id = self.parking
        self.assertEqual(lease.rental_object_id, self.residence)

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
        self.assertEqual(self.co_tenant.lease_ids, lease)
        self.assertEqual(self.co_tenant.lease_count, 1)
        action = self.co_tenant.action_view_leases()
        self.assertEqual(self.Lease.search(action["domain"]), lease)
        with self.assertRaisesRegex(ValidationError, "exactly one main tenant"):
            lease.tenant_line_ids.filtered(lambda line: line.role == "co").role = "main"
        with (
            self.assertRaisesRegex(ValidationError, "exactly one main tenant"),
            self.env.cr.savepoint(),
        ):
            self.make_lease(self.parking, tenant_line_ids=[])
        self.assertFalse(self.Lease.search_count([("rental_object_id", "=", self.parking.id)]))

    def test_tenants_found_by_search_in_the_same_transaction(self):
        """A lease is found by its tenants at once, before anything else writes to the
        database: Odoo 19 does not flush a stored computed many2many before a search on
        it (the fault report form looked for the tenant's leases and found none)."""
        lease = self.make_lease(
            confirm=False,
            rent_line_ids=[
                Command.create({"kind": "base", "amount": 7000, "date_from": date(2025, 1, 1)})
            ],
        )
        self.assertEqual(self.Lease.search([("partner_ids", "in", self.tenant.ids)]), lease)
        lease.tenant_line_ids = [Command.create({"partner_id": self.co_tenant.id, "role": "co"})]
        self.assertEqual(self.Lease.search([("partner_ids", "in", self.co_tenant.ids)]), lease)
        self.assertEqual(self.Lease.search([("partner_id", "=", self.tenant.id)]), lease)

    def test_overlap_rejected_with_a_clear_message(self):
        first = self.make_lease(start=date(2025, 1, 1))
        second = self.make_lease(start=date(2025, 6, 1), confirm=False)
        with self.assertRaisesRegex(ValidationError, f"already let under lease {first.name}"):
            second.action_confirm()
        self.assertEqual(second.state, "draft")
        self.assertFalse(second.rent_line_ids)
        # A lease before the first one that ends on its start day overlaps too.
        before = self.make_lease(start=date(2024, 1, 1), date_end=date(2025, 1, 1), confirm=False)
        with self.assertRaisesRegex(ValidationError, "already let"):
            before.action_confirm()
        before.date_end = date(2024, 12, 31)
        before.action_confirm()
        self.assertEqual(before.state, "ended")
        # After notice the object is free from the day after termination.
        first.give_notice(date(2025, 1, 10))
        self.assertEqual(first.termination_date, date(2025, 4, 30))
        second.date_start = date(2025, 5, 1)
        second.action_confirm()
        self.assertIn(second.state, ("current", "upcoming"))
        # Drafts and cancelled leases do not hold the object.
        self.make_lease(start=date(2025, 5, 1), confirm=False).action_cancel()
        self.assertEqual(self.Lease.search_count([("rental_object_id", "=", self.residence.id)]), 4)

    def test_blocked_object_cannot_be_let(self):
        self.env["housing.rental.block"].create(
            {
                "rental_object_id": self.parking.id,
                "reason": "pest",
                "date_from": date(2025, 1, 1),
                "date_to": date(2025, 1, 31),
            }
        )
        lease = self.make_lease(self.parking, start=date(2025, 1, 15), confirm=False)
        with self.assertRaisesRegex(UserError, "999-001-P-001 is blocked from letting"):
            lease.action_confirm()
        self.assertEqual(lease.state, "draft")
        lease.date_start = date(2025, 2, 1)
        lease.action_confirm()
        self.assertEqual(lease.state, "current")

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
        self.assertEqual(lease.rent_on(date(2025, 8, 31)), 6350)
        self.assertEqual(lease.rent_on(date(2025, 9, 1)), 6200)
        self.assertEqual(lease.rent_on(date(2025, 12, 31)), 6200)
        self.assertEqual(lease.rent_on(date(2026, 1, 1)), 6500)
        self.assertEqual(lease.rent_on(date(2024, 12, 31)), 0)
        # Confirming keeps the rent lines given.
        lease.action_confirm()
        self.assertEqual(len(lease.rent_line_ids), 4)

    @mute_logger("odoo.sql_db")
    def test_rent_line_validation(self):
        line = self.make_lease(start=date(2025, 1, 1)).rent_line_ids
        for values in ({"date_to": date(2024, 12, 31)}, {"tax_rate": 125}, {"tax_rate": -1}):
            with self.subTest(values=values), self.assertRaises(IntegrityError):
                line.write(values)
                line.flush_recordset()
        line.invalidate_recordset()
        self.assertEqual((line.date_to, line.tax_rate), (False, 0))

    def test_overlapping_rent_lines_of_one_kind_refused(self):
        """Issue 15, item 14: two base rents in one month were summed silently."""
        lease = self.make_lease(start=date(2025, 1, 1))  # base rent 6200 from 2025-01-01
        with self.assertRaises(ValidationError) as caught:
            lease.rent_line_ids = [
                Command.create({"kind": "base", "amount": 6500, "date_from": date(2026, 1, 1)})
            ]
        self.assertEqual(
            str(caught.exception),
            "Lease 999-001-01-0001/01 already has a Base rent line valid from 2025-01-01 on: "
            "rent lines of the same kind cannot overlap. End the earlier line first.",
        )
        lease.invalidate_recordset()
        self.assertEqual(len(lease.rent_line_ids), 1)
        self.assertEqual(lease.rent_on(date(2026, 1, 1)), 6200)
        # Other kinds, and charges with different descriptions, may run side by side.
        lease.rent_line_ids = [
            Command.create({"kind": "storage", "amount": 150, "date_from": date(2025, 1, 1)}),
            Command.create(
                {"kind": "charge", "name": "Bredband", "amount": 99, "date_from": date(2025, 1, 1)}
            ),
            Command.create(
                {
                    "kind": "charge",
                    "name": "Hemförsäkring",
                    "amount": 60,
                    "date_from": date(2025, 3, 1),
                }
            ),
        ]
        self.assertEqual(lease.rent_on(date(2025, 3, 1)), 6200 + 150 + 99 + 60)
        with self.assertRaises(ValidationError) as caught:
            lease.rent_line_ids = [
                Command.create(
                    {
                        "kind": "charge",
                        "name": "Bredband",
                        "amount": 99,
                        "date_from": date(2025, 6, 1),
                    }
                )
            ]
        self.assertIn("already has a Charge line", str(caught.exception))
        # Ending the earlier line first makes room for the next one.
        base = lease.rent_line_ids.filtered(lambda line: line.kind == "base")
        base.date_to = date(2025, 12, 31)
        lease.rent_line_ids = [
            Command.create({"kind": "base", "amount": 6500, "date_from": date(2026, 1, 1)})
        ]
        self.assertEqual(lease.rent_on(date(2026, 1, 1)), 6500 + 150 + 99 + 60)
        # Reopening the earlier line would overlap again.
        with self.assertRaises(ValidationError) as caught:
            base.date_to = False
        self.assertIn("valid from 2026-01-01 on", str(caught.exception))
        self.assertEqual(base.date_to, date(2025, 12, 31))

    def test_overlapping_rent_lines_refused_by_the_database(self):
        """Issue 15, item 14: the same rule holds for concurrent writers (exclusion constraint)."""
        lease = self.make_lease(start=date(2025, 1, 1))
        self.assertConstraintError(
            "housing.lease.rent.line",
            "Rent lines of the same kind cannot overlap.",
            lambda: self.env.cr.execute(
                "INSERT INTO housing_lease_rent_line (lease_id, kind, amount, date_from) "
                "VALUES (%s, 'base', 1, '2026-01-01'); SET CONSTRAINTS ALL IMMEDIATE",
                [lease.id],
            ),
        )

    @freeze_time("2026-03-10")
    def test_current_rent_on_lease_and_object(self):
        self.assertEqual((self.residence.current_rent, self.residence.status), (6200, "vacant"))
        lease = self.make_lease(start=date(2025, 1, 1))
        lease.rent_line_ids.date_to = date(2026, 3, 9)
        lease.rent_line_ids = [
            Command.create({"kind": "base", "amount": 6500, "date_from": date(2026, 3, 10)})
        ]
        self.residence.invalidate_recordset(["current_rent", "current_lease_id", "status"])
        self.assertEqual(lease.current_rent, 6500)
        self.assertEqual(self.residence.current_lease_id, lease)
        self.assertEqual((self.residence.current_rent, self.residence.status), (6500, "leased"))
        leased = self.Object.search([("status", "=", "leased")])
        self.assertIn(self.residence, leased)
        self.assertNotIn(self.parking, leased)
        self.assertEqual(self.residence.lease_count, 1)
        action = self.residence.action_view_leases()
        self.assertEqual(self.Lease.search(action["domain"]), lease)

    def test_contract_report_renders(self):
        self.residence.street = "Sjöodjursgatan 4"
        lease = self.make_lease(start=date(2025, 2, 1))
        html = self.render_contract(lease)
        self.assertIn(lease.name, html)
        self.assertIn("Anna Andersson", html)
        self.assertIn("Sjöodjursgatan 4", html)
        self.assertIn("6,200.00", html)
        self.assertIn("The notice period is <span>3</span> months", html)

    def test_contract_report_is_swedish(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["housing_lease"], ["sv_SE"])
        lease = self.make_lease(start=date(2025, 2, 1))
        lease.give_notice(date(2025, 3, 5))
        html = self.render_contract(lease)
        for text in ("Hyreskontrakt", "Hyresvärd", "Huvudhyresgäst", "Bostad", "Uppsägning"):
            with self.subTest(text=text):
                self.assertIn(text, html)
        self.assertIn("2025-06-30", html)
        self.assertNotIn("Lease contract", html)

    @freeze_time("2025-03-03")
    def test_date_stop_derived(self):
        lease = self.make_lease(start=date(2025, 1, 1), date_end=date(2025, 12, 31))
        self.assertEqual(lease.date_stop, date(2025, 12, 31))
        lease.give_notice(date(2025, 3, 3))
        self.assertEqual(lease.date_stop, date(2025, 6, 30))
        self.assertFalse(self.make_lease(self.parking).date_stop)
