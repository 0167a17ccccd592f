"""Hostile input over /api/housing/v1 (issue 17, defects 2, 3 and 7): bodies larger than
the limit however they are sent, NUL bytes and lone surrogates wherever text arrives,
absurdly deep JSON and absurd dates. Every one gets a documented 4xx in the API's error
format and changes nothing; never a 5xx, never an HTML page."""

import base64
import io
import json

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools.constants import MAX_BODY_BYTES
from .common import HousingApiCase


@tagged("post_install", "-at_install", "housing_api")
class TestApiHostileInput(HousingApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.payload = {
            "customer_number": cls.tenant.customer_number,
            "title": "Elementet är kallt",
            "rental_object_code": cls.residence.code,
        }

    def _count(self):
        return self.Request.search_count([])

    def _report(self, **values):
        return self.api("POST", "/service-requests", {**self.payload, **values})

    def test_chunked_body_over_the_limit_is_refused(self):
        """Without Content-Length (chunked transfer encoding) the limit holds on the bytes
        read."""
        before = self._count()
        body = json.dumps({**self.payload, "description": "x" * (2 * MAX_BODY_BYTES)}).encode()

        def chunks():
            for start in range(0, len(body), 8192):
                yield body[start : start + 8192]

        response = self.url_open(
            "/api/housing/v1/service-requests",
            data=chunks(),
            headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"},
            method="POST",
        )
        error = self.assertApiError(response, 413, "payload_too_large")
        self.assertEqual(error["details"]["limit_bytes"], MAX_BODY_BYTES)
        self.assertEqual(self._count(), before)

    def test_a_chunked_body_within_the_limit_is_read(self):
        body = json.dumps(self.payload).encode()
        response = self.url_open(
            "/api/housing/v1/service-requests",
            data=iter([body[:10], body[10:]]),
            headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"},
            method="POST",
        )
        self.assertEqual(response.status_code, 201, response.text)

    def test_nul_bytes_and_surrogates_in_paths_and_queries(self):
        for path in (
            "/contacts/P%00001",
            "/rental-objects/%00",
            "/leases/A%00/01",
            "/leases?contact=P%0000001",
            "/rental-objects?property=%00",
            "/contacts?limit=1%00",
            "/service-requests?contact=%ED%A0%80",
            "/contacts/%ED%A0%80",
        ):
            with self.subTest(path=path):
                response = self.api("GET", path)
                self.assertIn(response.status_code, (400, 404), response.text)
                self.assertApiError(
                    response,
                    response.status_code,
                    "validation_error" if response.status_code == 400 else "not_found",
                )

    def test_nul_bytes_and_surrogates_in_json_bodies(self):
        before = self._count()
        for raw in (
            json.dumps({**self.payload, "title": "Kallt\u0000element"}),
            json.dumps({**self.payload, "customer_number": "\u0000"}),
            json.dumps({**self.payload, "description": "\ud800"}),
            json.dumps({**self.payload, "title": "A\udfffB"}),
            json.dumps({**self.payload, "\u0000": 1}),
        ):
            with self.subTest(raw=raw):
                error = self.assertApiError(
                    self.api("POST", "/service-requests", raw=raw), 400, "validation_error"
                )
                self.assertTrue(error["details"].get("fields"), error)
        self.assertEqual(self._count(), before)

    def test_deep_json_is_malformed(self):
        before = self._count()
        for raw in ("[" * 20000 + "]" * 20000, '{"a":' * 10000 + "1" + "}" * 10000):
            with self.subTest(depth=len(raw)):
                self.assertApiError(
                    self.api("POST", "/service-requests", raw=raw), 400, "malformed_json"
                )
        self.assertEqual(self._count(), before)

    def test_absurd_datetimes(self):
        for value in (
            "0001-01-01T00:00:00%2B14:00",
            "9999-12-31T23:59:59-14:00",
            "2026-13-01",
            "%00",
            "0",
        ):
            with self.subTest(value=value):
                error = self.assertApiError(
                    self.api("GET", f"/contacts?modified_since={value}"), 400, "validation_error"
                )
                self.assertIn("modified_since", error["details"]["fields"])

    def test_text_limits_hold_over_the_api(self):
        """The limits of a fault report are the model's: the API stores no 500-character
        title, no 60,000-character title, no 6,000-character description."""
        before = self._count()
        for values in (
            {"title": "x" * 101},
            {"title": "x" * 60000},
            {"description": "x" * 5001},
            {"call_between": "x" * 51},
        ):
            with self.subTest(field=next(iter(values))):
                response = self._report(**values)
                self.assertIn(response.status_code, (400, 413), response.text)
        self.assertEqual(self._count(), before)
        self.assertEqual(self._report(title="x" * 100).status_code, 201)

    def test_message_and_reason_limits_hold_over_the_api(self):
        created = self._report().json()["data"]
        request = self.Request.browse(created["id"])
        messages = len(request.message_ids)
        path = f"/service-requests/{created['id']}"
        number = self.tenant.customer_number
        for endpoint, body in (
            ("messages", {"customer_number": number, "body": "x" * 5001}),
            ("messages", {"customer_number": number, "body": "Hej\u0000"}),
            ("close-request", {"customer_number": number, "reason": "x" * 1001}),
        ):
            with self.subTest(endpoint=endpoint):
                self.assertApiError(
                    self.api("POST", f"{path}/{endpoint}", body), 400, "validation_error"
                )
        self.assertEqual(len(request.message_ids), messages)
        self.assertFalse(request.close_requested)

    def test_the_models_hold_the_limits_for_every_door(self):
        """Portal, v1 and JSON-2 share the model's limits."""
        Request = self.Request.with_user(self.tenant_user)
        for vals in (
            {"name": "x" * 101},
            {"name": "Kallt", "description": "x" * 5001},
            {"name": "Kallt\x00"},
        ):
            with self.subTest(vals=list(vals)), self.assertRaises(ValidationError):
                Request.create_from_tenant(
                    self.tenant, {**vals, "rental_object_code": self.residence.code}
                )
        request = self.report()
        with self.assertRaises(ValidationError):
            request.message_post_tenant(self.tenant, "x" * (2 * 1024 * 1024))
        with self.assertRaises(ValidationError):
            request.action_request_close("x" * 1001, partner=self.tenant)

    def test_pixel_bombs_are_refused(self):
        """A small PNG that decodes to 144 megapixels is no photo."""
        from PIL import Image  # noqa: PLC0415

        buffer = io.BytesIO()
        Image.new("1", (12000, 12000)).save(buffer, "PNG")
        self.assertLess(len(buffer.getvalue()), 1024 * 1024)
        with self.assertRaises(ValidationError) as caught:
            self.Request._housing_check_tenant_photos([("bomb.png", buffer.getvalue())])
        self.assertIn("bomb.png", caught.exception.args[0])
        small = io.BytesIO()
        Image.new("RGB", (64, 48)).save(small, "PNG")
        self.assertEqual(
            len(self.Request._housing_check_tenant_photos([("ok.png", small.getvalue())])), 1
        )

    @mute_logger("odoo.http")
    def test_nothing_under_the_prefix_answers_html(self):
        for method, path, raw in (
            ("GET", "/no-such/%00", None),
            ("POST", "/contacts/lookup", '{"personal_number": "\\u0000"}'),
            ("POST", "/contacts/lookup", base64.b64encode(b"\xff\xfe").decode()),
        ):
            with self.subTest(path=path):
                response = self.api(method, path, raw=raw)
                self.assertLess(response.status_code, 500, response.text)
                self.assertTrue(response.headers["Content-Type"].startswith("application/json"))

    def test_the_contract_is_what_the_server_checks(self):
        """Issue 17, defect 5: what the document says is what the server holds to."""
        before = self._count()
        both = self._report(common_space="laundry")
        error = self.assertApiError(both, 400, "validation_error")
        self.assertIn("rental_object_code", error["details"]["fields"]["(body)"])
        payload = {key: value for key, value in self.payload.items() if key != "rental_object_code"}
        self.assertApiError(self.api("POST", "/service-requests", payload), 400, "validation_error")
        for value in ("", " ", 5, True):
            with self.subTest(title=value):
                self.assertApiError(self._report(title=value), 400, "validation_error")
        for key in ("", "k" * 256):
            with self.subTest(idempotency_key=key[:5]):
                error = self.assertApiError(
                    self.api(
                        "POST", "/service-requests", self.payload, headers={"Idempotency-Key": key}
                    ),
                    400,
                    "validation_error",
                )
                self.assertIn("Idempotency-Key", error["details"]["fields"])
        form = self.url_open(
            "/api/housing/v1/service-requests",
            data={"customer_number": self.tenant.customer_number, "title": "Kallt"},
            headers={"Authorization": f"Bearer {self.key}"},
        )
        self.assertApiError(form, 415, "unsupported_media_type")
        self.assertEqual(self._count(), before)
