from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import HousingApiCase


@tagged("post_install", "-at_install", "housing_api")
class TestApiContacts(HousingApiCase):
    def test_contact_by_customer_number(self):
        response = self.api("GET", f"/contacts/{self.tenant.customer_number}")
        self.assertEqual(response.status_code, 200, response.text)
        contact = response.json()["data"]
        self.assertEqual(contact["customer_number"], self.tenant.customer_number)
        self.assertEqual(contact["name"], "Anna Andersson")
        self.assertEqual(contact["personal_number"], "19811218-9876")
        self.assertEqual(contact["phone"], "+46701234567")
        self.assertEqual(contact["address"]["city"], "Västerås")
        self.assertIsNone(contact["organisation_number"])
        self.assertTrue(contact["updated_at"].endswith("Z"))

    def test_unknown_customer_number_is_404(self):
        error = self.assertApiError(self.api("GET", "/contacts/P999999"), 404, "not_found")
        self.assertIn("P999999", error["message"])
        self.assertEqual(error["details"]["resource"], "contact")

    def test_protected_identity_is_hidden(self):
        contact = self.api("GET", f"/contacts/{self.protected.customer_number}").json()["data"]
        self.assertTrue(contact["protected_identity"])
        self.assertEqual(contact["name"], "Skyddad Person")
        self.assertIsNone(contact["personal_number"])
        self.assertIsNone(contact["phone"])
        self.assertEqual(contact["address"]["street"], "Särskild postadress")

    def test_lookup_by_personal_number_in_any_form(self):
        for number in ("8112189876", "811218-9876", "19811218-9876"):
            response = self.api("POST", "/contacts/lookup", {"personal_number": number})
            self.assertEqual(response.status_code, 200, response.text)
            self.assertEqual(response.json()["data"]["id"], self.tenant.id)

    def test_lookup_errors(self):
        error = self.assertApiError(
            self.api("POST", "/contacts/lookup", {"personal_number": "19811218-9875"}),
            400,
            "validation_error",
        )
        self.assertEqual(error["details"]["fields"], {"personal_number": "19811218-9875"})
        self.assertApiError(self.api("POST", "/contacts/lookup", {}), 400, "validation_error")
        self.assertApiError(
            self.api("POST", "/contacts/lookup", {"personal_number": "194507011890"}),
            404,
            "not_found",
        )
        error = self.assertApiError(
            self.api("POST", "/contacts/lookup", {"personal_number": 198112189876, "x": 1}),
            400,
            "validation_error",
        )
        self.assertEqual(set(error["details"]["fields"]), {"personal_number", "x"})

    def test_list_pages_and_sync(self):
        page = self.api("GET", "/contacts?limit=1").json()
        self.assertEqual(len(page["data"]), 1)
        total = page["pagination"]["total"]
        self.assertGreaterEqual(total, 2)
        self.assertEqual(page["pagination"]["next_offset"], 1)
        last = self.api("GET", f"/contacts?limit=1&offset={total - 1}").json()
        self.assertIsNone(last["pagination"]["next_offset"])
        # modified_since: only what changed since, oldest change first.
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=400), self.protected.id),
        )
        self.env.invalidate_all()
        since = (fields.Datetime.now() - timedelta(days=1)).isoformat() + "Z"
        ids = [c["id"] for c in self.api("GET", f"/contacts?modified_since={since}").json()["data"]]
        self.assertIn(self.tenant.id, ids)
        self.assertNotIn(self.protected.id, ids)

    def test_bad_query_parameters(self):
        self.assertApiError(self.api("GET", "/contacts?limit=0"), 400, "validation_error")
        self.assertApiError(self.api("GET", "/contacts?limit=abc"), 400, "validation_error")
        self.assertApiError(
            self.api("GET", "/contacts?modified_since=yesterday"), 400, "validation_error"
        )
        error = self.assertApiError(self.api("GET", "/contacts?limt=5"), 400, "validation_error")
        self.assertIn("limt", error["message"])


@tagged("post_install", "-at_install", "housing_api")
class TestApiErrors(HousingApiCase):
    def test_missing_and_wrong_key(self):
        path = f"/contacts/{self.tenant.customer_number}"
        response = self.api("GET", path, key=False)
        self.assertApiError(response, 401, "unauthorized")
        self.assertIn("Bearer", response.headers["WWW-Authenticate"])
        self.assertApiError(self.api("GET", path, key="not-a-key"), 401, "unauthorized")

    def test_user_outside_the_integration_group_is_forbidden(self):
        self.assertApiError(
            self.api("GET", f"/contacts/{self.tenant.customer_number}", key=self.internal_key),
            403,
            "forbidden",
        )

    def test_malformed_body(self):
        self.assertApiError(
            self.api("POST", "/contacts/lookup", raw='{"personal_number": '),
            400,
            "malformed_json",
        )
        self.assertApiError(
            self.api("POST", "/contacts/lookup", raw="[1, 2]"), 400, "malformed_json"
        )
        self.assertApiError(
            self.api(
                "POST",
                "/contacts/lookup",
                raw="personal_number=1",
                headers={"Content-Type": "text/plain"},
            ),
            415,
            "unsupported_media_type",
        )

    def test_oversized_body(self):
        error = self.assertApiError(
            self.api("POST", "/contacts/lookup", {"personal_number": "1" * 70000}),
            413,
            "payload_too_large",
        )
        self.assertEqual(error["details"]["limit_bytes"], 65536)

    def test_unknown_route_and_method(self):
        self.assertApiError(self.api("GET", "/no-such-thing"), 404, "not_found")
        response = self.api("DELETE", f"/contacts/{self.tenant.customer_number}")
        self.assertApiError(response, 405, "method_not_allowed")
        self.assertIn("GET", response.headers["Allow"])
