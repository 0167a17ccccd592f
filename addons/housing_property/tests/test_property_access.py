from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

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
        block = self.env["housing.rental.block"].create(
            {"rental_object_id": self.residence.id, "reason": "pest"}
        )
        for user in (self.housing_user, self.integration_user):
            with self.subTest(user=user.login):
                for model in self.MODELS:
                    self.assertTrue(self.env[model].with_user(user).search([]))
                residence = self.residence.with_user(user)
                self.assertRecordValues(
                    residence, [{"code": "999-001-01-0001", "status": "blocked"}]
                )
                with self.assertRaises(AccessError):
                    residence.write({"base_rent": 1})
                with self.assertRaises(AccessError):
                    self.property.with_user(user).write({"name": "ÄNDRAD 1"})
                with self.assertRaises(AccessError):
                    block.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    self.env["housing.rental.block"].with_user(user).create(
                        {"rental_object_id": self.parking.id, "reason": "pest"}
                    )
        self.assertEqual(self.residence.base_rent, 6200)
        self.assertEqual(self.property.name, "TESTFASTIGHETEN 1")
        self.assertEqual(self.residence.block_ids, block)
        self.assertFalse(self.parking.block_ids)

    def test_manager_maintains_the_register(self):
        env = self.env(user=self.housing_manager)
        prop = env["housing.property"].create({"code": "99003", "name": "NYA 3"})
        building = env["housing.building"].create(
            {"code": "99003-01", "name": "Hus 1", "property_id": prop.id}
        )
        rental_object = env["housing.rental.object"].create(
            {"code": "999-003-01-0001", "building_id": building.id, "base_rent": 5000}
        )
        block = env["housing.rental.block"].create(
            {"rental_object_id": rental_object.id, "reason": "pest"}
        )
        self.assertEqual(rental_object.property_id, prop)
        self.assertEqual(rental_object.status, "blocked")
        block.unlink()
        rental_object.write({"base_rent": 5100})
        self.assertEqual(rental_object.base_rent, 5100)

    def test_portal_has_no_access(self):
        for model in self.MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.portal_user).search([])

    def test_other_company_register_is_hidden(self):
        other_company = self.env["res.company"].create({"name": "Annat Bostadsbolag AB"})
        foreign = self.env["housing.property"].create(
            {"code": "88001", "name": "FRÄMMANDE 1", "company_id": other_company.id}
        )
        foreign_object = self.Object.create(
            {
                "code": "888-001-P-001",
                "object_type": "parking",
                "parking_type": "outdoor",
                "property_id": foreign.id,
            }
        )
        self.assertEqual(foreign_object.company_id, other_company)
        for user in (self.housing_user, self.housing_manager):
            with self.subTest(user=user.login):
                self.assertFalse(
                    self.env["housing.property"].with_user(user).search([("code", "=", "88001")])
                )
                self.assertFalse(
                    self.Object.with_user(user).search([("code", "=", "888-001-P-001")])
                )
        both = new_test_user(
            self.env,
            "prop_two_companies",
            groups="housing_base.group_housing_user",
            company_ids=[(6, 0, [self.env.company.id, other_company.id])],
        )
        self.assertEqual(
            self.Object.with_user(both)
            .with_context(allowed_company_ids=[self.env.company.id, other_company.id])
            .search([("code", "=", "888-001-P-001")]),
            foreign_object,
        )
