from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HousingPropertyCase


@tagged("housing_property")
class TestPropertyAccess(HousingPropertyCase):
    MODELS = [
        "housing.district",
        "housing.residential.area",
        "housing.caretaker.area",
        "housing.property",
        "housing.building",
        "housing.staircase",
        "housing.rental.object",
        "housing.rental.block",
    ]

    def test_staff_and_integration_read_but_do_not_write(self):
        for user in (self.housing_user, self.integration_user):
            self.assertEqual(
                self.Object.with_user(user).search([("id", "=", self.residence.id)]).code,
                "999-001-01-0001",
            )
            with self.assertRaises(AccessError):
                self.residence.with_user(user).write({"base_rent": 1})
            with self.assertRaises(AccessError):
                self.env["housing.rental.block"].with_user(user).create(
                    {"rental_object_id": self.residence.id, "reason": "pest"}
                )
        self.assertEqual(self.residence.base_rent, 6200)

    def test_manager_writes(self):
        self.residence.with_user(self.housing_manager).write({"base_rent": 6500})
        self.assertEqual(self.residence.base_rent, 6500)
        block = (
            self.env["housing.rental.block"]
            .with_user(self.housing_manager)
            .create({"rental_object_id": self.residence.id, "reason": "pest"})
        )
        self.assertEqual(self.residence.block_ids, block)

    def test_portal_has_no_access(self):
        for model in self.MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.portal_user).search([])
