from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import HousingPropertyCase


@tagged("housing_property")
class TestHierarchy(HousingPropertyCase):
    def test_hierarchy_derived_from_entrance(self):
        self.assertEqual(self.residence.building_id, self.building)
        self.assertEqual(self.residence.property_id, self.property)
        self.assertEqual(self.residence.residential_area_id, self.area)
        self.assertEqual(self.residence.caretaker_area_id, self.caretaker_area)
        self.assertEqual(self.staircase.property_id, self.property)

    def test_object_property_must_be_building_property(self):
        with (
            self.assertRaisesRegex(
                ValidationError,
                "Rental object 999-001-01-0001: building 99001-01 Hus 1 belongs to property "
                "99001 TESTFASTIGHETEN 1, not to 99002 ANDRA 2.",
            ),
            self.env.cr.savepoint(),
        ):
            self.residence.write({"property_id": self.other_property.id})
        self.assertEqual(self.residence.property_id, self.property)

    def test_entrance_must_be_in_building(self):
        other_building = self.env["housing.building"].create(
            {"code": "99001-02", "name": "Hus 2", "property_id": self.property.id}
        )
        with (
            self.assertRaisesRegex(
                ValidationError,
                "Rental object 999-001-01-0001: entrance 99001-01-1 Uppgång A is not in "
                "building 99001-02 Hus 2.",
            ),
            self.env.cr.savepoint(),
        ):
            self.residence.write({"building_id": other_building.id})
        self.assertEqual(self.residence.building_id, self.building)

    def test_moving_a_building_moves_its_entrances_and_objects(self):
        self.building.property_id = self.other_property
        self.assertEqual(self.staircase.property_id, self.other_property)
        self.assertEqual(self.residence.property_id, self.other_property)
        self.assertEqual(self.other_property.rental_object_ids, self.residence)
        self.assertEqual(self.property.rental_object_ids, self.parking)

    def test_form_fills_building_and_property_from_entrance(self):
        with Form(self.Object) as form:
            form.code = "999-001-01-0002"
            form.staircase_id = self.staircase
            self.assertEqual(form.building_id, self.building)
            self.assertEqual(form.property_id, self.property)
            form.street = "Testgatan 1"
            form.apartment_number = "1002"
        self.assertEqual(form.record.name, "Testgatan 1, 1002")
        self.assertEqual(form.record.residential_area_id, self.area)

    def test_smart_buttons_walk_down_the_tree(self):
        self.assertEqual(self.property.building_count, 1)
        self.assertEqual(self.property.rental_object_count, 2)
        self.assertEqual(self.building.rental_object_count, 1)
        buildings = self.property.action_view_buildings()
        self.assertEqual(self.env["housing.building"].search(buildings["domain"]), self.building)
        self.assertEqual(buildings["context"], {"default_property_id": self.property.id})
        objects = self.property.action_view_rental_objects()
        self.assertEqual(self.Object.search(objects["domain"]), self.residence | self.parking)
        objects = self.building.action_view_rental_objects()
        self.assertEqual(self.Object.search(objects["domain"]), self.residence)
        self.assertEqual(objects["context"], {"default_building_id": self.building.id})

    def test_smart_button_to_blocks(self):
        block = self.env["housing.rental.block"].create(
            {"rental_object_id": self.residence.id, "reason": "pest", "date_from": "2026-01-01"}
        )
        self.assertEqual(self.residence.block_count, 1)
        self.assertEqual(self.parking.block_count, 0)
        action = self.residence.action_view_blocks()
        self.assertEqual(self.env["housing.rental.block"].search(action["domain"]), block)
        self.assertEqual(action["context"], {"default_rental_object_id": self.residence.id})
