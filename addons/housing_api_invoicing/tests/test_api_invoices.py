from datetime import date
from urllib.parse import quote

from odoo.tests import tagged

from odoo.addons.housing_base.tools.dates import stockholm_today

from .common import HousingApiInvoicingCase


@tagged("post_install", "-at_install", "housing_api_invoicing")
class TestApiInvoices(HousingApiInvoicingCase):
    def test_contact_invoices_newest_first_in_pages(self):
        number = self.tenant.customer_number
        response = self.api("GET", f"/contacts/{number}/invoices")
        self.assertEqual(response.status_code, 200, response.text)
        page = response.json()
        self.assertEqual(
            [i["number"] for i in page["data"]], [self.avi_feb.name, self.avi_jan.name]
        )
        feb = page["data"][0]
        self.assertEqual(feb["type"], "invoice")
        self.assertEqual(feb["contact"], {"customer_number": number, "name": "Anna Andersson"})
        self.assertEqual(
            (feb["period"], feb["invoice_date"], feb["due_date"]),
            ("2026-02-01", "2026-01-10", "2026-01-30"),
        )
        self.assertEqual((feb["amount_total"], feb["amount_residual"]), (6200.0, 6200.0))
        self.assertEqual((feb["state"], feb["payment_state"]), ("posted", "not_paid"))
        self.assertEqual(feb["ocr_reference"], self.avi_feb.payment_reference)
        self.assertEqual((feb["bankgiro"], feb["currency"]), ("5050-1055", "SEK"))
        self.assertEqual(len(feb["lines"]), 1)
        self.assertIn(self.residence.code, feb["lines"][0]["description"])
        self.assertEqual(feb["lines"][0]["amount_total"], 6200.0)
        first = self.api("GET", f"/contacts/{number}/invoices?limit=1").json()
        self.assertEqual(
            first["pagination"], {"limit": 1, "offset": 0, "total": 2, "next_offset": 1}
        )
        second = self.api("GET", f"/contacts/{number}/invoices?limit=1&offset=1").json()
        self.assertEqual(second["data"][0]["number"], self.avi_jan.name)
        self.assertIsNone(second["pagination"]["next_offset"])
        sync = self.api("GET", f"/contacts/{number}/invoices?modified_since=2000-01-01").json()
        self.assertEqual(len(sync["data"]), 2)
        self.assertEqual(sync["tombstones"], [])

    def test_invoice_by_number_with_etag(self):
        path = f"/invoices/{self.avi_feb.name}"
        response = self.api("GET", path)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["data"]["id"], self.avi_feb.id)
        self.assertEqual(
            self.api("GET", f"/invoices/{quote(self.avi_feb.name, safe='')}").json(),
            response.json(),
        )
        etag = response.headers["ETag"]
        again = self.api("GET", path, headers={"If-None-Match": etag})
        self.assertEqual(again.status_code, 304)
        self.pay(self.avi_feb, date(2026, 1, 28))
        changed = self.api("GET", path, headers={"If-None-Match": etag})
        self.assertEqual(changed.status_code, 200)
        self.assertEqual(changed.json()["data"]["payment_state"], self.avi_feb.payment_state)
        self.assertEqual(changed.json()["data"]["amount_residual"], 0.0)

    def test_unknown_and_others_are_404(self):
        error = self.assertApiError(self.api("GET", "/invoices/HYR/2026/99999"), 404, "not_found")
        self.assertEqual(error["details"]["resource"], "invoice")
        self.assertIn("HYR/2026/99999", error["message"])
        for what in ("invoices", "balance", "payments", "open-items"):
            with self.subTest(what=what):
                error = self.assertApiError(
                    self.api("GET", f"/contacts/P999999/{what}"), 404, "not_found"
                )
                self.assertEqual(error["details"]["resource"], "contact")
        # Ali's avi is not under Anna, and an invoice that is no rent avi is no avi.
        numbers = [
            i["number"]
            for i in self.api("GET", f"/contacts/{self.tenant.customer_number}/invoices").json()[
                "data"
            ]
        ]
        self.assertNotIn(self.other_avi.name, numbers)
        other = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.tenant.id,
                "invoice_line_ids": [(0, 0, {"name": "Konsulttjänst", "price_unit": 100})],
            }
        )
        other.action_post()
        self.assertApiError(self.api("GET", f"/invoices/{other.name}"), 404, "not_found")

    def test_balance_payments_and_open_items(self):
        number = self.tenant.customer_number
        self.pay(self.avi_jan, date(2025, 12, 29))
        self.pay(self.avi_feb, date(2026, 1, 29), amount=2000)
        balance = self.api("GET", f"/contacts/{number}/balance")
        self.assertEqual(balance.status_code, 200, balance.text)
        self.assertEqual(
            balance.json()["data"],
            {
                "contact": {"customer_number": number, "name": "Anna Andersson"},
                "billed": 12400.0,
                "paid": 8200.0,
                "open": 4200.0,
                "overdue": 4200.0,
                "currency": "SEK",
            },
        )
        payments = self.api("GET", f"/contacts/{number}/payments").json()
        self.assertEqual(
            [
                (p["date"], p["amount"], p["invoice"]["number"], p["source"])
                for p in payments["data"]
            ],
            [
                ("2026-01-29", 2000.0, self.avi_feb.name, "payment"),
                ("2025-12-29", 6200.0, self.avi_jan.name, "payment"),
            ],
        )
        self.assertEqual(
            payments["data"][0]["invoice"]["ocr_reference"], self.avi_feb.payment_reference
        )
        self.assertTrue(payments["data"][0]["reference"])
        self.assertEqual(payments["pagination"]["total"], 2)
        items = self.api("GET", f"/contacts/{number}/open-items").json()["data"]
        self.assertEqual(len(items), 1)
        self.assertEqual(items[0]["number"], self.avi_feb.name)
        self.assertEqual((items[0]["amount_total"], items[0]["amount_residual"]), (6200.0, 4200.0))
        self.assertEqual(items[0]["days_overdue"], (stockholm_today() - date(2026, 1, 30)).days)
        self.assertEqual(items[0]["ocr_reference"], self.avi_feb.payment_reference)
        self.assertEqual(items[0]["bankgiro"], "5050-1055")
        # Sync is for invoices; payments and open items are browsed.
        self.assertApiError(
            self.api("GET", f"/contacts/{number}/open-items?modified_since=2000-01-01"),
            400,
            "validation_error",
        )

    def test_protected_contact_avier_are_not_revealed(self):
        """As for their leases (housing_api/readme/DESCRIPTION.md): without the Protected
        identities privilege an integration gets none of a protected contact's avier, which
        name the home they bill."""
        number = self.protected.customer_number
        for what in ("invoices", "payments", "open-items"):
            with self.subTest(what=what):
                response = self.api("GET", f"/contacts/{number}/{what}")
                self.assertEqual(response.status_code, 200, response.text)
                self.assertEqual(response.json()["data"], [])
                self.assertNotIn(self.home.code, response.text)
        self.assertApiError(
            self.api("GET", f"/invoices/{self.protected_avi.name}"), 404, "not_found"
        )
        balance = self.api("GET", f"/contacts/{number}/balance").json()["data"]
        self.assertEqual((balance["billed"], balance["open"]), (0.0, 0.0))
        Move = self.env["account.move"].with_user(self.integration_user)
        self.assertFalse(Move.search([("id", "=", self.protected_avi.id)]))
        Line = self.env["account.move.line"].with_user(self.integration_user)
        self.assertFalse(Line.search([("move_id", "=", self.protected_avi.id)]))
        # A co-tenant with a protected identity hides the lease's avi too.
        self.lease.write(
            {"tenant_line_ids": [(0, 0, {"partner_id": self.protected.id, "role": "co"})]}
        )
        self.assertApiError(self.api("GET", f"/invoices/{self.avi_feb.name}"), 404, "not_found")

    def test_only_integration_users_call_them(self):
        paths = [
            f"/contacts/{self.tenant.customer_number}/{what}"
            for what in ("invoices", "balance", "payments", "open-items")
        ] + [f"/invoices/{self.avi_feb.name}"]
        for user in (self.tenant_user, self.contractor, self.internal_user):
            key = self._make_key(user)
            for path in paths:
                with self.subTest(user=user.login, path=path):
                    self.assertApiError(self.api("GET", path, key=key), 403, "forbidden")
