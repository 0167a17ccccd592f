from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import HousingPropertyCase


@tagged("housing_property")
class TestRentalObject(HousingPropertyCase):
    def test_duplicate_codes_rejected(self):
        duplicates = [
            ("housing.rental.object", {"code": "999-001-01-0001", "property_id": self.property.id}),
            ("housing.property", {"code": "99001", "name": "Dubblett"}),
            (
                "housing.building",
                {"code": "99001-01", "name": "X", "property_id": self.property.id},
            ),
            (
                "housing.staircase",
                {"code": "99001-01-1", "name": "X", "building_id": self.building.id},
            ),
            ("housing.residential.area", {"code": "TST", "name": "Dubblett"}),
            (
                "housing.caretaker.area",
                {"code": "TKV", "name": "Dubblett", "district_id": self.district.id},
            ),
            ("housing.district", {"code": "T1", "name": "Dubblett"}),
        ]
        for model, values in duplicates:
            with self.subTest(model=model):
                count = self.env[model].search_count([])
                self.assertConstraintError(
                    model,
                    f"The code {values['code']} is already used by another record",
                    lambda model=model, values=values: self.env[model].create(values),
                )
                self.assertEqual(self.env[model].search_count([]), count)

    def test_bad_values_rejected(self):
        cases = [
            ({"area": -1}, "The area of a rental object cannot be negative."),
            ({"base_rent": -100}, "The base rent cannot be negative."),
            ({"apartment_number": "12"}, "The apartment number must have exactly four digits."),
            ({"apartment_number": "12a4"}, "The apartment number must have exactly four digits."),
            ({"code": "ab-12"}, "The rental object code must be groups of digits"),
            ({"code": "70580800"}, "The rental object code must be groups of digits"),
            ({"code": "705-808-"}, "The rental object code must be groups of digits"),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                self.assertConstraintError(
                    "housing.rental.object",
                    message,
                    lambda values=values: self.residence.write(values),
                )
        self.assertRecordValues(
            self.residence,
            [
                {
                    "area": 54.5,
                    "base_rent": 6200,
                    "apartment_number": "1001",
                    "code": "999-001-01-0001",
                }
            ],
        )

    def test_code_formats_accepted(self):
        for code in ("705-808-00-0006", "705-808-00-P012", "705-808-P-001", "24104-01"):
            with self.subTest(code=code):
                self.parking.code = code
                self.env.flush_all()
                self.assertEqual(self.parking.code, code)

    def test_implausible_construction_year_rejected(self):
        self.assertConstraintError(
            "housing.building",
            "The construction year is not a plausible year.",
            lambda: self.building.write({"construction_year": 19}),
        )

    def test_parking_type_rules(self):
        with (
            self.assertRaisesRegex(
                ValidationError, "Parking space 999-001-P-002 needs a parking type."
            ),
            self.env.cr.savepoint(),
        ):
            self.Object.create(
                {"code": "999-001-P-002", "object_type": "parking", "property_id": self.property.id}
            )
        self.assertFalse(self.Object.search([("code", "=", "999-001-P-002")]))
        with (
            self.assertRaisesRegex(
                ValidationError,
                r"Only parking spaces have a parking type or charging point \(999-001-01-0001\).",
            ),
            self.env.cr.savepoint(),
        ):
            self.residence.has_charging = True
        self.assertFalse(self.residence.has_charging)

    def test_search_by_code_and_address(self):
        self.assertEqual(self.Object.name_search("999-001-01-0001")[0][0], self.residence.id)
        self.assertEqual(self.Object.name_search("Testgatan 1, 1001")[0][0], self.residence.id)
        self.assertEqual(self.residence.display_name, "999-001-01-0001 Testgatan 1, 1001")
        self.assertEqual(self.parking.display_name, "999-001-P-001 Testgatan, plats 1")
        self.assertEqual(self.Object.search([("street", "ilike", "testgatan 1")]), self.residence)
        self.assertEqual(self.Object.search([("code", "=like", "999-001-P-%")]), self.parking)

    def test_description_defaults_to_the_type(self):
        storage = self.Object.create(
            {"code": "999-001-F-001", "object_type": "storage", "building_id": self.building.id}
        )
        self.assertEqual(storage.name, "Storage")
        self.assertEqual(storage.property_id, self.property)

    def test_errors_are_translated(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["housing_property"], ["sv_SE"])
        self.assertConstraintError(
            "housing.rental.object",
            "Koden 999-001-01-0001 används redan av en annan post",
            lambda: self.Object.create(
                {"code": "999-001-01-0001", "property_id": self.property.id}
            ),
            lang="sv_SE",
        )
        self.assertConstraintError(
            "housing.rental.object",
            "Grundhyran kan inte vara negativ.",
            lambda: self.residence.write({"base_rent": -1}),
            lang="sv_SE",
        )
        with (
            self.assertRaisesRegex(
                ValidationError, "Bilplats 999-001-P-002 måste ha en bilplatstyp."
            ),
            self.env.cr.savepoint(),
        ):
            self.Object.with_context(lang="sv_SE").create(
                {"code": "999-001-P-002", "object_type": "parking", "property_id": self.property.id}
            )
