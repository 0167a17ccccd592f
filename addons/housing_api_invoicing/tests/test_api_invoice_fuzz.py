from odoo.tests import tagged

from odoo.addons.housing_api.tests import test_api_fuzz

from .common import HousingApiInvoicingCase


@tagged("post_install", "-at_install", "housing_api_invoicing")
class TestApiInvoiceFuzz(HousingApiInvoicingCase, test_api_fuzz.TestApiFuzz):
    """housing_api's hostile-input test over the invoicing operations (issue 17): a
    contact with avier and a real avi number, so every 4xx comes from the input."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.path_values = {**cls.path_values, "number": cls.avi_feb.name}

    def _operations(self):
        return [op for op in super()._operations() if op["module"] == "housing_api_invoicing"]

    def test_every_operation_holds_against_hostile_input(self):
        # Odoo runs only the test methods a class defines itself, not inherited ones.
        return super().test_every_operation_holds_against_hostile_input()

    def test_the_invoicing_operations_are_in_the_document(self):
        paths = self.document["paths"]
        for path in (
            "/contacts/{customer_number}/invoices",
            "/contacts/{customer_number}/balance",
            "/contacts/{customer_number}/payments",
            "/contacts/{customer_number}/open-items",
            "/invoices/{number}",
        ):
            with self.subTest(path=path):
                self.assertEqual(paths[path]["get"]["tags"], ["Invoices"])
        self.assertEqual(len(self._operations()), 5)
        schemas = self.document["components"]["schemas"]
        self.assertIn("in_payment", schemas["Invoice"]["properties"]["payment_state"]["enum"])
        self.assertEqual(set(schemas["Invoice"]["required"]), set(schemas["Invoice"]["properties"]))
