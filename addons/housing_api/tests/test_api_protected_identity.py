from odoo import Command
from odoo.tests import tagged

from .common import HousingApiCase

SECRETS = ("Hemlig", "19900101", "199001010017", "707654321", "765 43 21", "Skyddsgatan")


@tagged("post_install", "-at_install", "housing_api")
class TestApiProtectedIdentity(HousingApiCase):
    """An integration without the Protected identities privilege cannot find where a
    protected contact lives, nor their identity number, phone or e-mail: not over v1 and
    not over JSON-2 (housing_api/readme/DESCRIPTION.md states the rule)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.home = cls.Object.create(
            {
                "code": "999-001-01-0002",
                "object_type": "residence",
                "staircase_id": cls.staircase.id,
                "street": "Skyddsgatan 2",
                "apartment_number": "1002",
                "base_rent": 5100,
            }
        )
        cls.home_lease = cls.make_lease(
            cls.home,
            tenant_line_ids=[Command.create({"partner_id": cls.protected.id, "role": "main"})],
        )
        cls.env["maintenance.request"].create(
            {
                "name": "Droppande kran",
                "rental_object_id": cls.home.id,
                "reporter_id": cls.protected.id,
            }
        )

    def assertNoSecret(self, response):
        self.assertLess(response.status_code, 500, response.text)
        for secret in SECRETS:
            self.assertNotIn(secret, response.text)

    def json2(self, model, method, **params):
        return self.url_open(
            f"/json/2/{model}/{method}",
            json=params,
            headers={"Authorization": f"Bearer {self.key}"},
        )

    def test_v1_contact_shows_the_special_address_only(self):
        response = self.api("GET", f"/contacts/{self.protected.customer_number}")
        self.assertNoSecret(response)
        contact = response.json()["data"]
        self.assertTrue(contact["protected_identity"])
        self.assertEqual(contact["address"]["city"], "Stockholm")

    def test_v1_lookup_by_real_identity_number_finds_nobody(self):
        response = self.api("POST", "/contacts/lookup", {"personal_number": "19900101-0017"})
        self.assertApiError(response, 404, "not_found")

    def test_v1_cannot_link_the_contact_to_a_home(self):
        leases = self.api("GET", f"/leases?contact={self.protected.customer_number}")
        self.assertEqual(leases.status_code, 200, leases.text)
        self.assertEqual(leases.json()["data"], [])
        obj = self.api("GET", f"/rental-objects/{self.home.code}")
        self.assertEqual(obj.status_code, 200, obj.text)
        self.assertEqual(obj.json()["data"]["status"], "leased")
        self.assertIsNone(obj.json()["data"]["current_lease"])
        self.assertApiError(self.api("GET", f"/leases/{self.home_lease.name}"), 404, "not_found")
        by_object = self.api("GET", f"/leases?rental_object={self.home.code}")
        self.assertEqual(by_object.json()["data"], [])
        requests = self.api("GET", f"/service-requests?contact={self.protected.customer_number}")
        self.assertLess(requests.status_code, 500, requests.text)
        if requests.status_code == 200:
            self.assertEqual(requests.json()["data"], [])

    def test_json2_paths_reveal_nothing(self):
        ids = self.protected.ids
        derived = [
            "email_formatted",
            "email_normalized",
            "contact_address",
            "contact_address_inline",
        ]
        self.assertNoSecret(self.json2("res.partner", "read", ids=ids, fields=derived))
        self.assertNoSecret(
            self.json2("res.partner", "search_read", domain=[["id", "in", ids]], fields=derived)
        )
        self.assertNoSecret(
            self.json2("res.partner", "web_read", ids=ids, specification={"display_name": {}},
                       context={"show_address": True, "show_email": True})
        )  # fmt: skip
        for field in ("street", "phone", "email", "personal_number"):
            response = self.json2("res.partner", "formatted_read_group", domain=[], groupby=[field])
            self.assertNoSecret(response)
        for domain in (
            [["personal_number", "=like", "1990%"]],
            [["street", "ilike", "Hemlig"]],
            [["phone", "ilike", "70765"]],
        ):
            response = self.json2("res.partner", "search_count", domain=domain)
            self.assertEqual(response.json(), 0, domain)
        names = self.json2(
            "res.partner", "name_search", name="Skyddad", context={"show_address": True}
        )
        self.assertNoSecret(names)
        for model, field in (
            ("housing.lease", "partner_ids"),
            ("housing.lease.tenant", "partner_id"),
        ):
            response = self.json2(model, "search_count", domain=[[field, "in", ids]])
            self.assertEqual(response.json(), 0, model)

    def test_json2_cannot_read_the_register(self):
        response = self.json2(
            "housing.protected.identity", "search_read", domain=[], fields=["street"]
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.assertNoSecret(response)
