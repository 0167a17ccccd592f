from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import HousingLeaseCase


@tagged("housing_lease")
class TestRentChange(HousingLeaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease = cls.make_lease(start=date(2024, 1, 1))  # base rent 6200 from 2024-01-01
        cls.parking_lease = cls.make_lease(cls.parking, start=date(2024, 1, 1))
        cls.lease.rent_line_ids = [
            Command.create({"kind": "storage", "amount": 150, "date_from": date(2024, 1, 1)})
        ]

    def run_wizard(self, **values):
        form = Form(self.env["housing.lease.rent.change.wizard"].with_user(self.lease_manager))
        for name, value in values.items():
            setattr(form, name, value)
        wizard = form.save()
        wizard.action_apply()
        return wizard

    def test_retroactive_percentage_on_base_rent(self):
        wizard = self.run_wizard(lease_type="residence", effective_date=date(2025, 1, 1), value=4.5)
        self.assertEqual(wizard.lease_ids, self.lease)
        self.assertEqual(self.lease.rent_on(date(2024, 12, 31)), 6350)
        self.assertEqual(self.lease.rent_on(date(2025, 1, 1)), 6479 + 150)
        old, new = self.lease.rent_line_ids.filtered(lambda line: line.kind == "base").sorted(
            "date_from"
        )
        self.assertEqual(
            (old.date_to, new.date_from, new.date_to), (date(2024, 12, 31), date(2025, 1, 1), False)
        )
        self.assertIn(
            "Leases changed: 1; rent lines changed: 1; effective 2025-01-01", wizard.summary
        )
        self.assertIn("(+279.00)", wizard.summary)
        self.assertIn(f"{self.lease.name}: 6350.00 → 6629.00", wizard.summary)
        self.assertIn("changed from 6350.00 to 6629.00", self.lease.message_ids[0].body)
        # The parking lease was not selected and is unchanged.
        self.assertEqual(self.parking_lease.rent_on(date(2025, 1, 1)), 950)

    def test_amount_on_all_lines_and_same_day_lines_updated_in_place(self):
        self.run_wizard(
            lease_type="residence",
            effective_date=date(2024, 1, 1),
            kinds="all",
            method="amount",
            value=100,
        )
        self.assertEqual(self.lease.rent_on(date(2024, 1, 1)), 6300 + 250)
        self.assertEqual(len(self.lease.rent_line_ids), 2)

    def test_filter_by_area_and_property(self):
        form = Form(self.env["housing.lease.rent.change.wizard"])
        form.lease_type = False
        form.effective_date = date(2025, 1, 1)
        form.property_ids.add(self.other_property)
        self.assertEqual(form.lease_count, 0)
        form.property_ids.clear()
        form.property_ids.add(self.property)
        self.assertEqual(form.lease_count, 2)

    def test_retroactive_change_reaches_ended_leases_and_spares_later_lines(self):
        # The parking lease ended before the change was applied, after its effective date.
        self.parking_lease.give_notice(date(2025, 1, 10))
        self.Lease._cron_update_states()
        self.assertEqual(
            (self.parking_lease.state, self.parking_lease.date_stop), ("ended", date(2025, 2, 28))
        )
        # The residence already has next year's rent.
        base = self.lease.rent_line_ids.filtered(lambda line: line.kind == "base")
        base.date_to = date(2025, 12, 31)
        self.lease.rent_line_ids = [
            Command.create({"kind": "base", "amount": 7000, "date_from": date(2026, 1, 1)})
        ]
        wizard = self.run_wizard(lease_type=False, effective_date=date(2025, 2, 1), value=10)
        self.assertEqual(wizard.lease_ids, self.lease | self.parking_lease)
        self.assertEqual(self.parking_lease.rent_on(date(2025, 1, 31)), 950)
        self.assertEqual(self.parking_lease.rent_on(date(2025, 2, 1)), 1045)
        self.assertEqual(self.lease.rent_on(date(2025, 2, 1)), 6820 + 150)
        self.assertEqual(self.lease.rent_on(date(2025, 12, 31)), 6820 + 150)
        self.assertEqual(self.lease.rent_on(date(2026, 1, 1)), 7000 + 150)
        self.assertIn("Leases changed: 2; rent lines changed: 2", wizard.summary)

    def test_nothing_to_change(self):
        with self.assertRaisesRegex(UserError, "No lease matches"):
            self.run_wizard(lease_type="commercial", effective_date=date(2025, 1, 1), value=3)
        with self.assertRaisesRegex(UserError, "No rent line of the selected leases is valid"):
            self.run_wizard(lease_type="residence", effective_date=date(2023, 12, 31), value=3)
        with self.assertRaisesRegex(UserError, "Enter the change"):
            self.run_wizard(lease_type="residence", effective_date=date(2025, 1, 1), value=0)
        self.assertEqual(len(self.lease.rent_line_ids), 2)

    def test_negative_rent_refused(self):
        with self.assertRaisesRegex(UserError, "would make the rent line"):
            self.run_wizard(
                lease_type="garage",
                effective_date=date(2025, 1, 1),
                method="amount",
                value=-1000,
            )
        self.assertEqual(self.parking_lease.rent_line_ids.amount, 950)
        self.assertFalse(self.parking_lease.rent_line_ids.date_to)
