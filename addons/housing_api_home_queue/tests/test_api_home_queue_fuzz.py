from odoo.tests import tagged

from odoo.addons.housing_api.tests import test_api_fuzz
from odoo.addons.housing_home_queue.tests.common import HomeQueueCase


@tagged("post_install", "-at_install", "housing_api_home_queue")
class TestApiHomeQueueFuzz(test_api_fuzz.TestApiFuzz, HomeQueueCase):
    """housing_api's hostile-input test over the application profile operations: a
    contact with a profile, so every 4xx comes from the input."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.path_values = {**cls.path_values, "customer_number": cls.anna.customer_number}
        cls.bodies = {**cls.bodies, "save_application_profile": {"num_adults": 2}}

    def _operations(self):
        return [op for op in super()._operations() if op["module"] == "housing_api_home_queue"]

    def test_every_operation_holds_against_hostile_input(self):
        # Odoo runs only the test methods a class defines itself.
        return super().test_every_operation_holds_against_hostile_input()

    def test_the_profile_operations_are_in_the_document(self):
        operations = self.document["paths"]["/contacts/{customer_number}/application-profile"]
        self.assertEqual(set(operations), {"get", "put"})
        self.assertEqual(operations["put"]["tags"], ["Housing queue"])
        schemas = self.document["components"]["schemas"]
        self.assertNotIn("reference_status", schemas["ApplicationProfileUpdate"]["properties"])
        self.assertIn("reference_status", schemas["ApplicationProfile"]["required"])
