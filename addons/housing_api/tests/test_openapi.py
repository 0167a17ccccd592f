import re

from odoo.tests import tagged

from odoo.addons.housing_letting.tools import letting
from odoo.addons.housing_parking_queue.tools import rules as parking_rules

from ..tools.constants import API_PREFIX
from ..tools.openapi import VERSION
from .common import HousingApiCase

IGNORED_METHODS = {"HEAD", "OPTIONS"}


@tagged("post_install", "-at_install", "housing_api")
class TestOpenApi(HousingApiCase):
    def _routes(self):
        """{(path as in the document, METHOD)} of the routes Odoo registered."""
        routes = set()
        for rule in self.env["ir.http"].routing_map().iter_rules():
            if not rule.rule.startswith(API_PREFIX + "/"):
                continue
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule[len(API_PREFIX) :])
            routes |= {(path, method) for method in rule.methods - IGNORED_METHODS}
        return routes

    def _document(self):
        response = self.url_open(API_PREFIX + "/openapi.json")
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_document_matches_the_routes(self):
        document = self._document()
        documented = {
            (path, method.upper())
            for path, operations in document["paths"].items()
            for method in operations
        }
        routes = self._routes()
        self.assertTrue(routes)
        self.assertEqual(routes - documented, set(), "routes missing from the OpenAPI document")
        self.assertEqual(documented - routes, set(), "documented paths that have no route")

    def test_path_parameters_are_declared(self):
        for path, operations in self._document()["paths"].items():
            placeholders = set(re.findall(r"{(\w+)}", path))
            for method, operation in operations.items():
                declared = {p["name"] for p in operation["parameters"] if p.get("in") == "path"}
                self.assertEqual(placeholders, declared, f"{method.upper()} {path}")

    def test_document_is_valid_openapi(self):
        try:
            from openapi_spec_validator import validate  # noqa: PLC0415
        except ImportError:
            self.skipTest("openapi-spec-validator is not installed")
        validate(self._document())

    def test_document_is_served_without_key(self):
        document = self._document()
        self.assertEqual(document["openapi"][:2], "3.")
        self.assertTrue(document["servers"][0]["url"].endswith(API_PREFIX))

    def test_every_operation_is_declared_for_clients(self):
        """operationId (unique), a summary, and schemas with required fields, limits and
        examples, generated from the pydantic schemas."""
        document = self._document()
        operation_ids = [
            operation["operationId"]
            for operations in document["paths"].values()
            for operation in operations.values()
        ]
        self.assertEqual(len(operation_ids), len(set(operation_ids)))
        schemas = document["components"]["schemas"]
        # Two schemas of one name would be named by their Python modules.
        self.assertEqual([name for name in schemas if "__" in name], [])
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                with self.subTest(operation=f"{method.upper()} {path}"):
                    self.assertTrue(operation["summary"])
                    body = operation.get("requestBody")
                    if body:
                        name = body["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
                        self.assertFalse(schemas[name]["additionalProperties"])
        # A Lease is no {}: every field is required; strings that must say something have
        # limits; alternatives are oneOf; examples are given.
        self.assertIn("number", schemas["Lease"]["required"])
        self.assertEqual(set(schemas["Lease"]["required"]), set(schemas["Lease"]["properties"]))
        create = schemas["ServiceRequestCreate"]
        self.assertEqual(create["properties"]["title"]["maxLength"], 100)
        self.assertEqual(create["properties"]["title"]["minLength"], 1)
        self.assertEqual(len(create["oneOf"]), 2)
        self.assertTrue(create["examples"])
        self.assertEqual(len(schemas["ContactLookup"]["oneOf"]), 2)
        self.assertEqual(
            schemas["ParkingAnswer"]["properties"]["answer"]["enum"], ["accept", "decline"]
        )
        self.assertIn("leased", schemas["RentalObject"]["properties"]["status"]["enum"])
        idempotency = document["components"]["parameters"]["idempotency_key"]["schema"]
        self.assertEqual((idempotency["minLength"], idempotency["maxLength"]), (1, 255))
        offset = next(
            parameter
            for parameter in document["paths"]["/leases"]["get"]["parameters"]
            if parameter.get("name") == "offset"
        )
        self.assertEqual(offset["schema"]["maximum"], 10_000)
        withdraw = document["paths"]["/parking/applications/{application_id}/withdraw"]["post"]
        name = withdraw["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        self.assertEqual(schemas[name.split("/")[-1]]["required"], ["customer_number"])

    def test_error_codes_of_the_letting_rules(self):
        """Every code the parking rules and the engine refuse with is a documented error
        code (collected from the categories' rules, not written out)."""
        self.assertEqual(self._document()["info"]["version"], VERSION)
        self.assertEqual(VERSION, "1.3.0")
        self.assertRefusalCodesDocumented(
            "parking",
            {
                *parking_rules.REFUSALS,
                *letting.OPERATION_REFUSALS,
                letting.QUEUE_MEMBERSHIP_EXPIRED,
            },
        )

    def test_parking_routes_are_deprecated(self):
        for path, operations in self._document()["paths"].items():
            for method, operation in operations.items():
                with self.subTest(operation=f"{method.upper()} {path}"):
                    parking = path.startswith("/parking/")
                    self.assertEqual(operation.get("deprecated", False), parking)
                    if parking:
                        self.assertIn("Deprecated: use", operation["description"])
        answer = self._document()["paths"]["/parking/offers/{offer_id}/answer"]["post"]
        self.assertIn(
            "Deprecated: use POST /offers/{offer_id}/answer instead (this operation is "
            "withdrawn after 2027-06-01).",
            answer["description"],
        )
