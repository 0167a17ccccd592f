"""Every operation of /api/housing/v1, from the declarations the OpenAPI document is made
of, fed NUL bytes, lone surrogates, oversized, empty and mistyped input in its path, query
string and body (issue 17): each answer is a 4xx the document lists for the operation, in
the API's error format, and nothing is written."""

import json
import re
from datetime import date

from odoo.tests import tagged

from ..controllers.common import OPERATIONS, installed_operations
from ..tools.constants import API_PREFIX
from .common import HousingApiCase

# Tables an operation could write to.
WATCHED = (
    "maintenance_request",
    "mail_message",
    "housing_application",
    "housing_offer",
    "housing_api_idempotency",
    "housing_lease",
    "res_partner",
)
HOSTILE_TEXTS = ("\u0000", "a\u0000b", "\ud800", "x\udfffy", "", " ", "x" * 70_000)
MISTYPED = (None, True, 0, 1.5, [], {}, ["x"], {"a": 1}, -1, 2**70)


@tagged("post_install", "-at_install", "housing_api")
class TestApiFuzz(HousingApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.listing = cls.env["housing.listing"].create(
            {
                "rental_object_id": cls.parking.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2099, 1, 1),
                "vacant_from": date(2099, 2, 1),
            }
        )
        cls.service_request = cls.report()
        number = cls.tenant.customer_number
        # A valid body per operation, to spoil one field at a time.
        cls.bodies = {
            "contact_lookup": {"personal_number": "198112189876"},
            "service_request_create": {
                "customer_number": number,
                "title": "Kallt",
                "rental_object_code": cls.residence.code,
            },
            "service_request_message_post": {"customer_number": number, "body": "Hej"},
            "service_request_close": {"customer_number": number, "reason": "Fixat"},
            "parking_apply": {"customer_number": number, "application_type": "additional"},
            "parking_withdraw": {"customer_number": number},
            "parking_answer": {"customer_number": number, "answer": "decline"},
            "apply": {"customer_number": number},
            "withdraw": {"customer_number": number},
            "answer": {"customer_number": number, "answer": "decline"},
            "answer_viewing": {"customer_number": number, "answer": "not_interested"},
        }
        cls.path_values = {
            "customer_number": number,
            "code": cls.residence.code,
            "number": cls.lease.name,
            "request_id": str(cls.service_request.id),
            "listing_id": str(cls.listing.id),
            "application_id": "1",
            "offer_id": "1",
            "invitation_id": "1",
            "queue_type": "housing",
        }

    def _written(self):
        self.env.flush_all()
        state = []
        for table in WATCHED:
            self.env.cr.execute(f"SELECT count(*), max(write_date) FROM {table}")
            state.append(self.env.cr.fetchone())
        return state

    def _valid(self, schema, data):
        try:
            schema.model_validate(data, context={"env": self.env})
        except ValueError:  # pydantic.ValidationError
            return False
        return True

    def _documented(self, op):
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", op["path"])
        return self.document["paths"][path][op["method"]]["responses"]

    def _path(self, op, **values):
        def value(match):
            return values.get(match[2], self.path_values[match[2]])

        return re.sub(r"<(?:(\w+):)?(\w+)>", value, op["path"])

    def _check(self, op, response, what):
        documented = self._documented(op)
        self.assertIn(str(response.status_code), documented, f"{what}: {response.text[:300]}")
        if "%ED%A0%80" in what and response.ok:
            return  # the URL decodes it to U+FFFD: text like any other, e.g. a filter value
        self.assertTrue(400 <= response.status_code < 500, f"{what}: {response.text[:300]}")
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"), what)
        error = response.json()["error"]
        self.assertTrue(error["code"] and error["message"] and error["request_id"], what)

    def setUp(self):
        super().setUp()
        self.document = self.url_open(API_PREFIX + "/openapi.json").json()

    def _operations(self):
        """The operations to feed (a bridge module's test narrows them to its own)."""
        return installed_operations(self.env)

    def test_every_operation_holds_against_hostile_input(self):
        self.assertGreaterEqual(len(OPERATIONS), 20)
        before = self._written()
        for op in self._operations():
            method = op["method"].upper()
            body = self.bodies.get(op["operation_id"])
            requests = []
            for name in re.findall(r"<(?:string|path):(\w+)>", op["path"]):
                for text in ("%00", "%ED%A0%80", "x" * 5000, "%2500"):
                    what = f"path {name}={text[:10]}"
                    requests.append((what, self._path(op, **{name: text})))
            base = self._path(op)
            for name in op["query"].model_fields:
                for text in ("%00", "", "%ED%A0%80", "x" * 5000, "-1", "1e9", "0"):
                    if text not in ("%00", "%ED%A0%80") and self._valid(op["query"], {name: text}):
                        continue
                    requests.append((f"query {name}={text[:10]}", f"{base}?{name}={text}"))
            requests.append(("unknown parameter", f"{base}?colour=red"))
            for what, path in requests:
                with self.subTest(operation=op["operation_id"], what=what):
                    response = self.api(method, path, body if body is not None else None)
                    self._check(op, response, what)
            if body is None:
                continue
            path = self._path(op)
            cases = [("not an object", json.dumps([body])), ("no body", "")]
            cases.append(("unknown field", json.dumps({**body, "x": 1})))
            for field in op["body"].model_fields:
                spoilt = [{**body, field: value} for value in (*HOSTILE_TEXTS, *MISTYPED)]
                spoilt.append({key: value for key, value in body.items() if key != field})
                for data in spoilt:
                    if self._valid(op["body"], data):
                        continue  # e.g. null for an optional field, True for a flag
                    cases.append((f"{field}={str(data.get(field))[:12]!r}", json.dumps(data)))
            for what, raw in cases:
                with self.subTest(operation=op["operation_id"], what=what):
                    response = self.api(method, path, raw=raw)
                    self._check(op, response, what)
            with self.subTest(operation=op["operation_id"], what="form body"):
                response = self.url_open(
                    API_PREFIX + path,
                    data={"customer_number": "P1"},
                    headers={"Authorization": f"Bearer {self.key}"},
                    method=method,
                )
                self._check(op, response, "form body")
                self.assertEqual(response.status_code, 415)
        self.assertEqual(self._written(), before)
