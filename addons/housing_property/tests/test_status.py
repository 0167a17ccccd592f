from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import HousingPropertyCase


@tagged("housing_property")
class TestStatus(HousingPropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.residence)
        cls.Block = cls.env["housing.rental.block"]

    def _block(self, rental_object, date_from, date_to=None, reason="renovation"):
        return self.Block.create(
            {
                "rental_object_id": rental_object.id,
                "reason": reason,
                "date_from": date_from,
                "date_to": date_to,
            }
        )

    def test_block_cannot_end_before_it_starts(self):
        self.assertConstraintError(
            "housing.rental.block",
            "A rental block cannot end before it starts.",
            lambda: self._block(self.residence, "2026-05-10", "2026-05-01", reason="pest"),
        )
        self.assertFalse(self.residence.block_ids)
        one_day = self._block(self.residence, "2026-05-10", "2026-05-10")
        self.assertEqual(self.residence.block_ids, one_day)

    def test_status_follows_blocks(self):
        self.assertEqual(self.residence.status, "vacant")
        block = self._block(self.residence, self.today + timedelta(days=5))
        self.residence.invalidate_recordset(["status"])
        self.assertEqual(self.residence.status, "vacant")
        self.assertFalse(self.residence._is_blocked_on(self.today))
        self.assertTrue(self.residence._is_blocked_on(self.today + timedelta(days=5)))
        self.assertTrue(self.residence._is_blocked_on(self.today + timedelta(days=500)))
        block.date_from = self.today - timedelta(days=1)
        self.residence.invalidate_recordset(["status"])
        self.assertEqual(self.residence.status, "blocked")
        self.assertEqual(self.parking.status, "vacant")
        block.date_to = self.today - timedelta(days=1)
        self.residence.invalidate_recordset(["status"])
        self.assertEqual(self.residence.status, "vacant")
        self.assertFalse(self.residence._is_blocked_on(self.today))

    def test_block_is_inclusive_of_its_last_day(self):
        self._block(self.residence, self.today - timedelta(days=3), self.today)
        self.assertEqual(self.residence.status, "blocked")
        self.assertTrue(self.residence._is_blocked_on(self.today))
        self.assertFalse(self.residence._is_blocked_on(self.today + timedelta(days=1)))

    def test_status_by_object_is_set_based(self):
        objects = self.Object.create(
            [
                {
                    "code": f"999-001-P-{n:03d}",
                    "object_type": "parking",
                    "parking_type": "outdoor",
                    "property_id": self.property.id,
                }
                for n in range(10, 30)
            ]
        )
        self.Block.create(
            [
                {"rental_object_id": obj.id, "reason": "damage", "date_from": self.today}
                for obj in objects[:5]
            ]
        )
        self.env.flush_all()
        with self.assertQueryCount(1):
            statuses = objects._get_status_by_object(self.today)
        self.assertEqual(statuses, dict.fromkeys(objects[:5].ids, "blocked"))
        self.assertEqual(objects.mapped("status"), ["blocked"] * 5 + ["vacant"] * 15)

    def test_search_by_status(self):
        self._block(self.parking, self.today, reason="damage")
        mine = self.residence | self.parking
        for domain, expected in [
            ([("status", "=", "blocked")], self.parking),
            ([("status", "=", "vacant")], self.residence),
            ([("status", "!=", "vacant")], self.parking),
            ([("status", "in", ["vacant", "blocked"])], mine),
            ([("status", "in", ["blocked"])], self.parking),
            ([("status", "not in", ["blocked"])], self.residence),
            ([("status", "in", ["leased", "notice"])], self.Object),
        ]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    self.Object.search([*domain, ("id", "in", mine.ids)]), mine & expected
                )

    def test_current_block_filter(self):
        current = self._block(self.residence, self.today - timedelta(days=1))
        self._block(self.parking, self.today + timedelta(days=1))
        self.assertTrue(current.is_current)
        self.assertEqual(
            self.Block.search(
                [
                    *self.Block._domain_on(self.today),
                    ("id", "in", (self.residence | self.parking).block_ids.ids),
                ]
            ),
            current,
        )
        self.assertEqual(current.display_name, "999-001-01-0001: Renovation")
