from datetime import date

from odoo.tests import tagged

from .common import HousingApiCase


@tagged("post_install", "-at_install", "housing_api")
class TestApiLeases(HousingApiCase):
    def test_lease_by_number(self):
        for number in (self.lease.name, self.lease.name.replace("/", "%2F")):
            response = self.api("GET", f"/leases/{number}")
            self.assertEqual(response.status_code, 200, response.text)
            lease = response.json()["data"]
            self.assertEqual(lease["number"], "999-001-01-0001/01")
            self.assertEqual(lease["state"], "current")
            self.assertEqual(lease["type"], "residence")
            self.assertEqual(lease["rental_object"]["code"], self.residence.code)
            self.assertEqual(lease["start_date"], "2024-01-01")
            self.assertEqual(lease["current_rent"], 6200)
            self.assertEqual(lease["rent_lines"][0]["kind"], "base")
            self.assertIsNone(lease["notice"])
            self.assertEqual(
                lease["tenants"],
                [
                    {
                        "customer_number": self.tenant.customer_number,
                        "name": "Anna Andersson",
                        "role": "main",
                    }
                ],
            )
        self.assertApiError(self.api("GET", "/leases/999-001-01-0001/77"), 404, "not_found")

    def test_notice_is_shown(self):
        self.lease.give_notice(date(2026, 1, 15))
        lease = self.api("GET", f"/leases/{self.lease.name}").json()["data"]
        self.assertEqual(lease["state"], "notice")
        self.assertEqual(lease["notice"]["given_by"], "tenant")
        self.assertEqual(lease["notice"]["termination_date"], "2026-04-30")
        self.assertEqual(lease["last_day"], "2026-04-30")

    def test_leases_by_contact_and_rental_object(self):
        co_lease = self.make_lease(
            self.parking,
            start=date(2025, 1, 1),
            tenant_line_ids=[(0, 0, {"partner_id": self.co_tenant.id, "role": "main"})],
        )
        numbers = {
            lease["number"]
            for lease in self.api("GET", f"/leases?contact={self.tenant.customer_number}").json()[
                "data"
            ]
        }
        self.assertEqual(numbers, {self.lease.name})
        page = self.api("GET", f"/leases?rental_object={self.parking.code}").json()
        self.assertEqual([lease["number"] for lease in page["data"]], [co_lease.name])
        page = self.api("GET", f"/leases?contact={self.co_tenant.customer_number}&type=garage")
        self.assertEqual(page.json()["pagination"]["total"], 1)
        self.assertApiError(self.api("GET", "/leases?state=signed"), 400, "validation_error")
        self.assertApiError(self.api("GET", "/leases?contact=P999999"), 404, "not_found")
