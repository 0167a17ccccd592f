from odoo.tests import tagged

from .common import HousingApiCase


@tagged("post_install", "-at_install", "housing_api")
class TestApiRegister(HousingApiCase):
    def test_rental_object_with_status_and_current_rent(self):
        response = self.api("GET", f"/rental-objects/{self.residence.code}")
        self.assertEqual(response.status_code, 200, response.text)
        obj = response.json()["data"]
        self.assertEqual(obj["code"], "999-001-01-0001")
        self.assertEqual(obj["type"], "residence")
        self.assertEqual(obj["status"], "leased")
        self.assertEqual(obj["current_rent"], 6200)
        self.assertEqual(obj["current_lease"]["number"], self.lease.name)
        self.assertEqual(obj["property"]["code"], "99001")
        self.assertEqual(obj["staircase"]["code"], "99001-01-1")
        self.assertEqual(obj["residential_area"]["code"], "TST")
        self.assertEqual(obj["room_code"], "2RK")

    def test_vacant_parking_space(self):
        self.env["housing.rental.block"].create(
            {"rental_object_id": self.parking.id, "reason": "pest", "date_from": "2020-01-01"}
        )
        obj = self.api("GET", f"/rental-objects/{self.parking.code}").json()["data"]
        self.assertEqual(obj["status"], "blocked")
        self.assertEqual(obj["current_rent"], 950)
        self.assertIsNone(obj["current_lease"])
        self.assertEqual(obj["parking_type"], "garage")
        self.assertTrue(obj["has_charging"])
        self.assertEqual(obj["blocks"][0]["reason"], "pest")

    def test_rental_object_filters(self):
        codes = {o["code"] for o in self.api("GET", "/rental-objects?type=parking").json()["data"]}
        self.assertIn(self.parking.code, codes)
        self.assertNotIn(self.residence.code, codes)
        codes = {o["code"] for o in self.api("GET", "/rental-objects?status=leased").json()["data"]}
        self.assertIn(self.residence.code, codes)
        self.assertNotIn(self.parking.code, codes)
        page = self.api("GET", "/rental-objects?property=99001").json()
        self.assertEqual(page["pagination"]["total"], 2)
        error = self.assertApiError(
            self.api("GET", "/rental-objects?type=castle"), 400, "validation_error"
        )
        self.assertIn("parking", error["details"]["fields"]["type"])
        self.assertApiError(self.api("GET", "/rental-objects?property=00000"), 404, "not_found")
        self.assertApiError(self.api("GET", "/rental-objects/999-NOPE"), 404, "not_found")

    def test_property_tree(self):
        prop = self.api("GET", "/properties/99001").json()["data"]
        self.assertEqual(prop["name"], "TESTFASTIGHETEN 1")
        self.assertEqual(prop["residential_area"]["code"], "TST")
        self.assertEqual(prop["caretaker_area"]["code"], "TKV")
        self.assertEqual(prop["rental_object_count"], 2)
        [building] = prop["buildings"]
        self.assertEqual(building["code"], "99001-01")
        self.assertEqual([s["code"] for s in building["staircases"]], ["99001-01-1"])
        building = self.api("GET", "/buildings/99001-01").json()["data"]
        self.assertEqual(building["property"]["code"], "99001")
        areas = self.api("GET", "/residential-areas").json()["data"]
        self.assertIn("TST", [area["code"] for area in areas])
        codes = [
            p["code"] for p in self.api("GET", "/properties?residential_area=TST").json()["data"]
        ]
        self.assertEqual(codes, ["99001", "99002"])
        self.assertApiError(self.api("GET", "/properties/00000"), 404, "not_found")
        self.assertApiError(self.api("GET", "/buildings/00000"), 404, "not_found")
