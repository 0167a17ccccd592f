from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HousingInvoicingCase

JAN, FEB, MAR, APR = (date(2026, month, 1) for month in (1, 2, 3, 4))


@tagged("housing_invoicing", "post_install", "-at_install")
class TestRetroactiveRent(HousingInvoicingCase):
    """A rent change applied after its effective date: the months already billed are
    billed again for the difference, one line per month, whatever changed the lines."""

    def setUp(self):
        super().setUp()
        self.lease = self.make_lease(self.residence)
        self.run_period(JAN)
        self.run_period(FEB)

    def raise_rent_from(self, day, amount):
        """What the yearly rent change does: close the line, open a new one."""
        line = self.lease.rent_line_ids
        line.date_to = day - timedelta(days=1)
        self.lease.rent_line_ids = [
            (0, 0, {"kind": "base", "name": line.name, "amount": amount, "date_from": day})
        ]

    def test_next_avi_carries_the_difference_per_month(self):
        self.raise_rent_from(JAN, 6450)
        avi = self.run_period(MAR)
        self.assertEqual(
            [(line.name, line.price_subtotal) for line in avi.invoice_line_ids],
            [
                (f"{self.base_rent} 999-001-01-0001, mars 2026", 6450.0),
                ("Retroaktiv hyresjustering 999-001-01-0001, januari 2026", 250.0),
                ("Retroaktiv hyresjustering 999-001-01-0001, februari 2026", 250.0),
            ],
        )
        self.assertEqual(avi.amount_total, 6950.0)
        self.assertEqual(
            sorted(
                self.lease.billing_ids.filtered(lambda b: b.billing_type == "difference").mapped(
                    "period"
                )
            ),
            [JAN, FEB],
        )
        # Billed once: April brings the new rent only.
        avi = self.run_period(APR)
        self.assertEqual(avi.amount_total, 6450.0)

    def test_separate_avi_when_configured(self):
        self.company.housing_retroactive_mode = "separate"
        self.raise_rent_from(FEB, 6300)
        moves = self.run_period(MAR)
        self.assertEqual(len(moves), 2)
        separate = moves.filtered(
            lambda move: (
                len(move.invoice_line_ids) == 1 and "Retroaktiv" in move.invoice_line_ids.name
            )
        )
        self.assertEqual(separate.amount_total, 100.0)
        self.assertEqual(separate.move_type, "out_invoice")

    def test_a_rent_decrease_is_deducted(self):
        self.raise_rent_from(FEB, 6000)
        avi = self.run_period(MAR)
        self.assertEqual(avi.move_type, "out_invoice")
        self.assertEqual(avi.amount_total, 6000.0 - 200.0)

    def test_a_difference_is_recorded_once(self):
        """Two runs that computed the same difference at the same time: the second cannot
        record it (a unique index on lease, month and sequence)."""
        self.company.housing_retroactive_mode = "separate"
        self.raise_rent_from(FEB, 6300)
        args = (MAR, self.company, [self.tenant.id], date(2026, 2, 10), True)
        first, second = self.Billing._prepare_avier(*args), self.Billing._prepare_avier(*args)
        self.Billing._create_avier(first, MAR, self.company, date(2026, 2, 10))
        # The difference's own avi (March's rent is refused by the rent-once index anyway).
        second = [avi for avi in second if avi.rows[0]["billing_type"] == "difference"]
        self.assertEqual(len(second), 1)
        self.assertConstraintError(
            "housing.invoice.billing",
            "This month of the lease has just been billed by another run.",
            lambda: self.Billing._create_avier(second, MAR, self.company, date(2026, 2, 10)),
        )
        # A later change of the same months is a new difference (February and March,
        # billed meanwhile).
        self.lease.rent_line_ids.filtered(lambda line: line.date_from == FEB).amount = 6350
        separate = self.run_period(MAR)
        self.assertEqual(separate.invoice_line_ids.mapped("price_subtotal"), [50.0, 50.0])
        self.assertEqual(
            self.lease.billing_ids.filtered(lambda b: b.period == FEB).mapped("sequence"),
            [0, 1, 2],
        )

    def test_difference_waits_for_the_next_avi(self):
        """A run of a month already billed (the cron repeats it every day) keeps the
        difference for the contact's next avi instead of sending a tiny avi."""
        self.raise_rent_from(JAN, 6450)
        self.assertFalse(self.run_period(FEB))
        self.assertEqual(self.run_period(MAR).amount_total, 6950.0)

    def test_works_with_the_recorded_rent_change(self):
        """The yearly rent change of housing_lease, applied in March from 1 January: the
        March avi carries January and February; the change can no longer be reversed."""
        change = self.env["housing.lease.rent.change"].create(
            {
                "lease_type": "residence",
                "method": "amount",
                "value": 100,
                "effective_date": JAN,
            }
        )
        change.action_preview()
        change.action_apply()
        self.assertEqual(self.run_period(MAR).amount_total, 6300.0 + 2 * 100.0)
        with self.assertRaisesRegex(UserError, "already been billed"):
            change.action_reverse()
