import re

from odoo.tests import tagged

from ..tools.constants import API_PREFIX
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
