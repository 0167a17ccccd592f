from psycopg2 import IntegrityError

from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger


class HousingPropertyCase(TransactionCase):
    """A small estate: one area, one property with a building and an entrance, objects."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.district = env["housing.district"].create({"code": "T1", "name": "Testdistrikt"})
        cls.area = env["housing.residential.area"].create({"code": "TST", "name": "Testområde"})
        cls.caretaker_area = env["housing.caretaker.area"].create(
            {"code": "TKV", "name": "Testvärd", "district_id": cls.district.id}
        )
        cls.property = env["housing.property"].create(
            {
                "code": "99001",
                "name": "TESTFASTIGHETEN 1",
                "residential_area_id": cls.area.id,
                "caretaker_area_id": cls.caretaker_area.id,
            }
        )
        cls.other_property = env["housing.property"].create(
            {"code": "99002", "name": "ANDRA 2", "residential_area_id": cls.area.id}
        )
        cls.building = env["housing.building"].create(
            {"code": "99001-01", "name": "Hus 1", "property_id": cls.property.id}
        )
        cls.staircase = env["housing.staircase"].create(
            {"code": "99001-01-1", "name": "Uppgång A", "building_id": cls.building.id}
        )
        cls.Object = env["housing.rental.object"]
        cls.residence = cls.Object.create(
            {
                "code": "999-001-01-0001",
                "object_type": "residence",
                "staircase_id": cls.staircase.id,
                "street": "Testgatan 1",
                "apartment_number": "1001",
                "room_code": "2RK",
                "area": 54.5,
                "base_rent": 6200,
            }
        )
        cls.parking = cls.Object.create(
            {
                "code": "999-001-P-001",
                "object_type": "parking",
                "property_id": cls.property.id,
                "street": "Testgatan, plats 1",
                "parking_type": "garage",
                "has_charging": True,
                "base_rent": 950,
            }
        )
        cls.housing_user = new_test_user(env, "prop_user", groups="housing_base.group_housing_user")
        cls.housing_manager = new_test_user(
            env, "prop_manager", groups="housing_base.group_housing_manager"
        )
        cls.integration_user = new_test_user(
            env, "prop_integration", groups="housing_base.group_housing_integration"
        )
        cls.portal_user = new_test_user(env, "prop_portal", groups="base.group_portal")

    def assertConstraintError(self, model, message, func, lang="en_US"):
        """Calling ``func`` violates a PostgreSQL constraint of ``model`` whose message, as
        the web client shows it in ``lang``, contains ``message``. Nothing of ``func`` is
        kept."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as caught,
            self.env.cr.savepoint(),
        ):
            func()
        Model = self.env[model].with_context(lang=lang)
        self.assertIn(message, Model._sql_error_to_message(caught.exception))
