from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import HousingPropertyCase


@tagged("housing_property")
class TestRentalObject(HousingPropertyCase):
    def test_hierarchy_derived_from_entrance(self):
        self.assertEqual(self.residence.building_id, self.building)
        self.assertEqual(self.residence.property_id, self.property)
        self.assertEqual(self.residence.residential_area_id, self.area)
        self.assertEqual(self.residence.caretaker_area_id, self.caretaker_area)
        self.assertEqual(self.staircase.property_id, self.property)

    def test_object_property_must_be_building_property(self):
        with (
            self.assertRaisesRegex(ValidationError, "belongs to property"),
            self.env.cr.savepoint(),
        ):
            self.residence.write({"property_id": self.other_property.id})
        self.assertEqual(self.residence.property_id, self.property)

    def test_entrance_must_be_in_building(self):
        other_building = self.env["housing.building"].create(
            {"code": "99001-02", "name": "Hus 2", "property_id": self.property.id}
        )
        with self.assertRaisesRegex(ValidationError, "is not in building"):
            self.residence.write({"building_id": other_building.id})

    def test_form_fills_building_and_property_from_entrance(self):
        with Form(self.Object) as form:
            form.code = "999-001-01-0002"
            form.staircase_id = self.staircase
            self.assertEqual(form.building_id, self.building)
            self.assertEqual(form.property_id, self.property)
            form.street = "Testgatan 1"
            form.apartment_number = "1002"
        self.assertEqual(form.record.name, "Testgatan 1, 1002")

    @mute_logger("odoo.sql_db")
    def test_duplicate_codes_rejected(self):
        for model, values in [
            ("housing.rental.object", {"code": "999-001-01-0001", "property_id": self.property.id}),
            ("housing.property", {"code": "99001", "name": "Dubblett"}),
            (
                "housing.building",
                {"code": "99001-01", "name": "X", "property_id": self.property.id},
            ),
            ("housing.residential.area", {"code": "TST", "name": "Dubblett"}),
        ]:
            with self.subTest(model=model), self.assertRaises(IntegrityError):
                with self.env.cr.savepoint():
                    self.env[model].create(values)

    @mute_logger("odoo.sql_db")
    def test_bad_values_rejected(self):
        cases = [
            {"area": -1},
            {"base_rent": -100},
            {"apartment_number": "12"},
            {"code": "ab-12"},
            {"code": "70580800"},
        ]
        for values in cases:
            with self.subTest(values=values), self.assertRaises(IntegrityError):
                with self.env.cr.savepoint():
                    self.residence.write(values)
        self.assertEqual(self.residence.area, 54.5)

    def test_parking_type_rules(self):
        with self.assertRaisesRegex(ValidationError, "needs a parking type"):
            self.Object.create(
                {"code": "999-001-P-002", "object_type": "parking", "property_id": self.property.id}
            )
        with (
            self.assertRaisesRegex(ValidationError, "Only parking spaces"),
            self.env.cr.savepoint(),
        ):
            self.residence.has_charging = True
        self.assertFalse(self.residence.has_charging)

    @mute_logger("odoo.sql_db")
    def test_block_cannot_end_before_it_starts(self):
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["housing.rental.block"].create(
                {
                    "rental_object_id": self.residence.id,
                    "reason": "pest",
                    "date_from": "2026-05-10",
                    "date_to": "2026-05-01",
                }
            )
        self.assertFalse(self.residence.block_ids)

    def test_status_follows_blocks(self):
        today = fields.Date.context_today(self.residence)
        self.assertEqual(self.residence.status, "vacant")
        future = self.env["housing.rental.block"].create(
            {
                "rental_object_id": self.residence.id,
                "reason": "renovation",
                "date_from": today + timedelta(days=5),
            }
        )
        self.residence.invalidate_recordset(["status"])
        self.assertEqual(self.residence.status, "vacant")
        self.assertFalse(self.residence._is_blocked_on(today))
        self.assertTrue(self.residence._is_blocked_on(today + timedelta(days=5)))
        future.date_from = today - timedelta(days=1)
        self.residence.invalidate_recordset(["status"])
        self.assertEqual(self.residence.status, "blocked")
        future.date_to = today - timedelta(days=1)
        self.residence.invalidate_recordset(["status"])
        self.assertEqual(self.residence.status, "vacant")

    def test_search_by_status(self):
        today = fields.Date.context_today(self.residence)
        self.env["housing.rental.block"].create(
            {"rental_object_id": self.parking.id, "reason": "damage", "date_from": today}
        )
        mine = self.residence | self.parking
        self.assertEqual(
            self.Object.search([("status", "=", "blocked"), ("id", "in", mine.ids)]), self.parking
        )
        self.assertEqual(
            self.Object.search([("status", "=", "vacant"), ("id", "in", mine.ids)]), self.residence
        )
        self.assertEqual(
            self.Object.search([("status", "!=", "vacant"), ("id", "in", mine.ids)]), self.parking
        )
        self.assertEqual(
            self.Object.search([("status", "in", ["vacant", "blocked"]), ("id", "in", mine.ids)]),
            mine,
        )

    def test_search_by_code_and_address(self):
        self.assertEqual(self.Object.name_search("999-001-01-0001")[0][0], self.residence.id)
        by_street = self.Object.search([("street", "ilike", "testgatan 1")])
        self.assertIn(self.residence, by_street)
        self.assertEqual(self.residence.display_name, "999-001-01-0001 Testgatan 1, 1001")

    def test_smart_buttons(self):
        self.assertEqual(self.property.building_count, 1)
        self.assertEqual(self.property.rental_object_count, 2)
        action = self.property.action_view_rental_objects()
        self.assertEqual(self.Object.search(action["domain"]), self.residence | self.parking)
        self.assertEqual(
            self.building.action_view_rental_objects()["context"],
            {"default_building_id": self.building.id},
        )
        self.env["housing.rental.block"].create(
            {"rental_object_id": self.residence.id, "reason": "pest", "date_from": "2026-01-01"}
        )
        self.assertEqual(self.residence.block_count, 1)
        self.assertEqual(
            self.residence.action_view_blocks()["domain"],
            [("rental_object_id", "in", self.residence.ids)],
        )
