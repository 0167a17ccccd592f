from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import HousingLeaseCase


@tagged("housing_lease")
class TestRentChange(HousingLeaseCase):
    """The yearly rent change as a recorded batch (issue 15, item 13): preview, apply once,
    reverse while nothing is billed, and the rental objects' base rent follows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease = cls.make_lease(start=date(2024, 1, 1))  # base rent 6200 from 2024-01-01
        cls.parking_lease = cls.make_lease(cls.parking, start=date(2024, 1, 1))
        cls.lease.rent_line_ids = [
            Command.create({"kind": "storage", "amount": 150, "date_from": date(2024, 1, 1)})
        ]
        cls.Change = cls.env["housing.lease.rent.change"].with_user(cls.lease_manager)

    def new_change(self, **values):
        form = Form(self.Change)
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def apply(self, **values):
        change = self.new_change(**values)
        change.action_preview()
        change.action_apply()
        return change

    def base_lines(self, lease):
        return lease.rent_line_ids.filtered(lambda line: line.kind in ("base", "parking"))

    def test_preview_changes_nothing_then_apply(self):
        change = self.new_change(lease_type="residence", effective_date=date(2025, 1, 1), value=4.5)
        change.action_preview()
        line = change.line_ids.filtered(lambda line: line.lease_id == self.lease)
        self.assertEqual(change.line_ids.rental_object_id, self.residence)
        self.assertEqual((line.rent_before, line.rent_after), (6350, 6629))
        self.assertEqual((line.base_rent_before, line.base_rent_after), (6200, 6479))
        self.assertEqual((change.total_before, change.total_after), (6350, 6629))
        # Nothing is written by the preview.
        self.assertEqual(self.lease.rent_on(date(2025, 1, 1)), 6350)
        self.assertEqual(self.residence.base_rent, 6200)
        self.assertEqual(change.state, "draft")

        change.action_apply()
        self.assertEqual(change.state, "done")
        self.assertEqual(change.applied_by_id, self.lease_manager)
        self.assertTrue(change.applied_at)
        self.assertEqual(change.lease_ids, self.lease)
        self.assertEqual(self.lease.rent_on(date(2024, 12, 31)), 6350)
        self.assertEqual(self.lease.rent_on(date(2025, 1, 1)), 6479 + 150)
        old, new = self.base_lines(self.lease).sorted("date_from")
        self.assertEqual(
            (old.date_to, new.date_from, new.date_to), (date(2024, 12, 31), date(2025, 1, 1), False)
        )
        self.assertEqual(new.rent_change_line_id, line)
        self.assertEqual(new.rent_change_line_id.display_name, change.display_name)
        # The next lease of the object starts at the new rent.
        self.assertEqual(self.residence.base_rent, 6479)
        self.assertIn("changed from 6350.00 to 6629.00", self.lease.message_ids[0].body)
        # The parking lease was not selected and is unchanged.
        self.assertEqual(self.parking_lease.rent_on(date(2025, 1, 1)), 950)
        self.assertEqual(self.parking.base_rent, 950)

    def test_cannot_be_applied_twice(self):
        """Issue 15, item 13: run twice with the same input it compounded (4 170 → 4 274 →
        4 381 kr)."""
        first = self.apply(lease_type="residence", effective_date=date(2025, 1, 1), value=4.5)
        again = self.new_change(lease_type="residence", effective_date=date(2025, 1, 1), value=4.5)
        again.action_preview()
        with self.assertRaises(UserError) as caught:
            again.action_apply()
        self.assertIn(f"already changed by {first.display_name}", str(caught.exception))
        self.assertEqual(self.lease.rent_on(date(2025, 1, 1)), 6629)
        self.assertEqual(self.residence.base_rent, 6479)
        self.assertEqual(again.state, "draft")

    def test_same_lease_and_date_twice_refused_by_the_database(self):
        first = self.apply(lease_type="residence", effective_date=date(2025, 1, 1), value=4.5)
        other = self.new_change(lease_type="garage", effective_date=date(2025, 1, 1), value=1)
        self.assertConstraintError(
            "housing.lease.rent.change.line",
            "A rent change has already been applied to this lease on that date.",
            lambda: self.env["housing.lease.rent.change.line"].create(
                {
                    "change_id": other.id,
                    "rental_object_id": self.parking.id,
                    "lease_id": first.lease_ids.id,
                    "state": "done",
                }
            ),
        )

    def test_agreed_rent_from_the_effective_date_is_kept(self):
        """Issue 15, item 13: lines that start on the effective date (an upcoming lease's
        agreed rent) were overwritten."""
        self.lease.rent_line_ids.date_to = date(2025, 12, 31)
        self.lease.give_notice(date(2025, 9, 1))
        upcoming = self.make_lease(start=date(2026, 1, 1), confirm=False)
        upcoming.rent_line_ids = [
            Command.create({"kind": "base", "amount": 6600, "date_from": date(2026, 1, 1)})
        ]
        upcoming.action_confirm()
        change = self.apply(lease_type="residence", effective_date=date(2026, 1, 1), value=4.5)
        self.assertEqual(upcoming.rent_on(date(2026, 1, 1)), 6600)
        self.assertNotIn(upcoming, change.lease_ids)
        self.assertEqual(self.residence.base_rent, 6479)

    def test_reverse_restores_rent_lines_and_base_rent(self):
        change = self.apply(
            lease_type=False,
            kinds="all",
            effective_date=date(2025, 1, 1),
            method="amount",
            value=100,
        )
        self.assertEqual(self.lease.rent_on(date(2025, 1, 1)), 6300 + 250)
        self.assertEqual(self.parking_lease.rent_on(date(2025, 1, 1)), 1050)
        self.assertEqual(len(self.lease.rent_line_ids), 4)
        change.action_reverse()
        self.assertEqual(change.state, "reversed")
        self.assertEqual(change.reversed_by_id, self.lease_manager)
        self.assertEqual(len(self.lease.rent_line_ids), 2)
        self.assertFalse(any(self.lease.rent_line_ids.mapped("date_to")))
        self.assertEqual(self.lease.rent_on(date(2025, 1, 1)), 6350)
        self.assertEqual(self.parking_lease.rent_on(date(2025, 1, 1)), 950)
        self.assertEqual((self.residence.base_rent, self.parking.base_rent), (6200, 950))
        self.assertIn("reversed", self.lease.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "Only an applied rent change"):
            change.action_reverse()
        # After the reversal the date is free for a corrected change.
        self.apply(lease_type="residence", effective_date=date(2025, 1, 1), value=4)
        self.assertEqual(self.lease.rent_on(date(2025, 1, 1)), 6448 + 150)

    def test_not_reversible_once_billed(self):
        change = self.apply(lease_type="residence", effective_date=date(2025, 1, 1), value=4.5)
        Line = type(self.env["housing.lease.rent.change.line"])
        with (
            patch.object(Line, "_get_billed", lambda lines: lines),
            self.assertRaises(UserError) as caught,
        ):
            change.action_reverse()
        self.assertIn("has already been billed for 999-001-01-0001/01", str(caught.exception))
        self.assertEqual(change.state, "done")
        self.assertEqual(self.lease.rent_on(date(2025, 1, 1)), 6629)

    def test_later_change_must_be_reversed_first(self):
        first = self.apply(lease_type="residence", effective_date=date(2025, 1, 1), value=4.5)
        second = self.apply(lease_type="residence", effective_date=date(2026, 1, 1), value=2)
        with self.assertRaisesRegex(UserError, f"reverse {second.display_name} first"):
            first.action_reverse()
        second.action_reverse()
        first.action_reverse()
        self.assertEqual(self.lease.rent_on(date(2026, 1, 1)), 6350)

    def test_apply_needs_an_up_to_date_preview(self):
        change = self.new_change(lease_type="residence", effective_date=date(2025, 1, 1), value=4.5)
        with self.assertRaisesRegex(UserError, "Preview the rent change first"):
            change.action_apply()
        change.action_preview()
        change.value = 5
        self.assertFalse(change.line_ids, "changing the input clears the preview")
        change.action_preview()
        # Someone changes a rent line after the preview.
        self.base_lines(self.lease).amount = 6300
        with self.assertRaisesRegex(UserError, "changed since the preview"):
            change.action_apply()
        self.assertEqual(change.state, "draft")

    def test_filter_by_area_and_property(self):
        change = self.new_change(lease_type=False, effective_date=date(2025, 1, 1), value=3)
        change.property_ids = self.other_property
        with self.assertRaisesRegex(UserError, "No rental object matches"):
            change.action_preview()
        change.property_ids = self.property
        change.action_preview()
        self.assertEqual(change.lease_ids, self.lease | self.parking_lease)
        self.assertEqual(change.line_ids.rental_object_id, self.residence | self.parking)

    def test_retroactive_change_reaches_ended_leases_and_spares_later_lines(self):
        # The parking lease ended before the change was applied, after its effective date.
        self.parking_lease.give_notice(date(2025, 1, 10))
        self.Lease._cron_update_states()
        self.assertEqual(
            (self.parking_lease.state, self.parking_lease.date_stop), ("ended", date(2025, 2, 28))
        )
        # The residence already has next year's rent.
        self.base_lines(self.lease).date_to = date(2025, 12, 31)
        self.lease.rent_line_ids = [
            Command.create({"kind": "base", "amount": 7000, "date_from": date(2026, 1, 1)})
        ]
        change = self.apply(lease_type=False, effective_date=date(2025, 2, 1), value=10)
        self.assertEqual(change.lease_ids, self.lease | self.parking_lease)
        self.assertEqual(self.parking_lease.rent_on(date(2025, 1, 31)), 950)
        self.assertEqual(self.parking_lease.rent_on(date(2025, 2, 1)), 1045)
        self.assertEqual(self.lease.rent_on(date(2025, 2, 1)), 6820 + 150)
        self.assertEqual(self.lease.rent_on(date(2025, 12, 31)), 6820 + 150)
        self.assertEqual(self.lease.rent_on(date(2026, 1, 1)), 7000 + 150)

    def test_nothing_to_change(self):
        change = self.new_change(lease_type="commercial", effective_date=date(2025, 1, 1), value=3)
        with self.assertRaisesRegex(UserError, "No rental object matches"):
            change.action_preview()
        change = self.new_change(lease_type="residence", effective_date=date(2025, 1, 1), value=0)
        with self.assertRaisesRegex(UserError, "Enter the change"):
            change.action_preview()
        self.assertEqual(len(self.lease.rent_line_ids), 2)

    def test_negative_rent_refused(self):
        change = self.new_change(
            lease_type="garage", effective_date=date(2025, 1, 1), method="amount", value=-1000
        )
        with self.assertRaisesRegex(UserError, "would make the rent of 999-001-P-001 negative"):
            change.action_preview()
        self.assertEqual(self.parking_lease.rent_line_ids.amount, 950)
        self.assertFalse(self.parking_lease.rent_line_ids.date_to)
