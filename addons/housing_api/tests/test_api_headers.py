"""What every answer of /api/housing/v1 carries (issue 17): X-Request-Id (the client's if
sent) also in error bodies and the log line, ETag and 304 on single resources, 429 with
Retry-After over a configured per-user limit, Deprecation/Sunset headers for what is to
go; and the interactive reference served from the module's own files."""

import re
from unittest.mock import patch

from odoo.tests import tagged

from ..controllers.common import _deprecation_headers
from ..tools.constants import API_PREFIX
from ..tools.rate_limit import PARAMETER
from .common import HousingApiCase

LOGGER = "odoo.addons.housing_api.models.ir_http._logger"


@tagged("post_install", "-at_install", "housing_api")
class TestApiHeaders(HousingApiCase):
    def test_request_ids(self):
        path = f"/contacts/{self.tenant.customer_number}"
        with patch(LOGGER) as logger:
            ok = self.api("GET", path, headers={"X-Request-Id": "crm-4711.a"})
            missing = self.api("GET", "/contacts/P999999", headers={"X-Request-Id": "crm-4712"})
        self.assertEqual(ok.headers["X-Request-Id"], "crm-4711.a")
        self.assertEqual(missing.headers["X-Request-Id"], "crm-4712")
        self.assertEqual(missing.json()["error"]["request_id"], "crm-4712")
        lines = [call.args[0] % call.args[1:] for call in logger.info.call_args_list]
        self.assertIn(f"GET {API_PREFIX}{path} 200 request_id=crm-4711.a", " ".join(lines))
        self.assertIn(f"GET {API_PREFIX}/contacts/P999999 404 request_id=crm-4712", " ".join(lines))
        # No id, or one that is no id (too long, odd characters): a new one.
        for headers in ({}, {"X-Request-Id": "x" * 200}, {"X-Request-Id": "a b"}):
            reply = self.api("GET", path, headers=headers)
            self.assertRegex(reply.headers["X-Request-Id"], r"^[0-9a-f]{32}$")
        unauthorised = self.api("GET", path, key=False)
        self.assertEqual(
            unauthorised.json()["error"]["request_id"], unauthorised.headers["X-Request-Id"]
        )

    def test_etag_and_not_modified(self):
        path = f"/rental-objects/{self.residence.code}"
        first = self.api("GET", path)
        etag = first.headers["ETag"]
        self.assertRegex(etag, r'^"[0-9a-f]{32}"$')
        same = self.api("GET", path, headers={"If-None-Match": etag})
        self.assertEqual(same.status_code, 304)
        self.assertEqual(same.content, b"")
        self.assertEqual(same.headers["ETag"], etag)
        self.residence.room_code = "4RK"
        changed = self.api("GET", path, headers={"If-None-Match": etag})
        self.assertEqual(changed.status_code, 200)
        self.assertNotEqual(changed.headers["ETag"], etag)
        self.assertEqual(changed.json()["data"]["room_code"], "4RK")
        self.assertNotIn("ETag", self.api("GET", "/rental-objects?limit=1").headers)

    def test_rate_limit_per_user(self):
        self.env["ir.config_parameter"].sudo().set_param(PARAMETER, "2")
        path = f"/contacts/{self.tenant.customer_number}"
        self.assertEqual(self.api("GET", path).status_code, 200)
        self.assertEqual(self.api("GET", path).status_code, 200)
        error = self.assertApiError(self.api("GET", path), 429, "rate_limited")
        self.assertLessEqual(error["details"]["retry_after_seconds"], 61)
        reply = self.api("GET", path)
        self.assertTrue(1 <= int(reply.headers["Retry-After"]) <= 61)
        # Another integration user has a budget of its own.
        self.assertEqual(self.api("GET", path, key=self.other_key).status_code, 200)

    def test_deprecation_headers(self):
        headers = dict(
            _deprecation_headers(
                {"sunset": "2027-06-30", "link": "https://example.org/housing-api/v2"}, {}
            )
        )
        self.assertEqual(headers["Deprecation"], "true")
        self.assertEqual(headers["Sunset"], "Wed, 30 Jun 2027 00:00:00 GMT")
        self.assertEqual(headers["Link"], '<https://example.org/housing-api/v2>; rel="deprecation"')
        self.assertEqual(_deprecation_headers(None, {}), [])

    def test_api_reference_is_served_without_a_cdn(self):
        page = self.url_open(API_PREFIX + "/docs")
        self.assertEqual(page.status_code, 200)
        self.assertTrue(page.headers["Content-Type"].startswith("text/html"))
        self.assertIn("script-src 'self'", page.headers["Content-Security-Policy"])
        self.assertNotRegex(page.text, r"(src|href)=\"(https?:)?//")
        assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        self.assertEqual(len(assets), 3)
        for asset in assets:
            with self.subTest(asset=asset):
                self.assertEqual(self.url_open(asset).status_code, 200)
        self.assertIn(API_PREFIX + "/openapi.json", page.text)
