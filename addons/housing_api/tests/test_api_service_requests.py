from odoo.tests import tagged

from .common import HousingApiCase


@tagged("post_install", "-at_install", "housing_api")
class TestApiServiceRequests(HousingApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.payload = {
            "customer_number": cls.tenant.customer_number,
            "title": "Diskmaskinen läcker",
            "description": "Vatten under diskmaskinen sedan i går.",
            "rental_object_code": cls.residence.code,
            "category": "appliance",
            "master_key_allowed": True,
            "call_between": "08-10",
        }

    def _count(self):
        return self.Request.search_count([])

    def test_report_a_fault(self):
        response = self.api("POST", "/service-requests", self.payload)
        self.assertEqual(response.status_code, 201, response.text)
        data = response.json()["data"]
        request = self.Request.browse(data["id"])
        self.assertEqual(request.name, "Diskmaskinen läcker")
        self.assertEqual(request.origin, "api")
        self.assertEqual(request.reporter_id, self.tenant)
        self.assertEqual(request.lease_id, self.lease)
        self.assertEqual(request.maintenance_team_id, self.team)
        self.assertEqual(data["location"]["rental_object"]["code"], self.residence.code)
        self.assertEqual(data["description"], "Vatten under diskmaskinen sedan i går.")
        self.assertEqual(data["access"]["call_between"], "08-10")
        self.assertEqual(data["reported_by"]["customer_number"], self.tenant.customer_number)

    def test_report_in_a_common_space(self):
        payload = {
            "customer_number": self.tenant.customer_number,
            "title": "Torktumlaren är trasig",
            "common_space": "laundry",
        }
        response = self.api("POST", "/service-requests", payload)
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.json()["data"]["location"]["common_space"], "laundry")
        self.assertEqual(response.json()["data"]["location"]["property"]["code"], "99001")

    def test_invalid_reports_change_nothing(self):
        before = self._count()
        error = self.assertApiError(
            self.api(
                "POST",
                "/service-requests",
                {**self.payload, "rental_object_code": self.parking.code},
            ),
            400,
            "validation_error",
        )
        self.assertIn("rental objects you lease", error["message"])
        self.assertApiError(
            self.api("POST", "/service-requests", {**self.payload, "category": "ufo"}),
            400,
            "validation_error",
        )
        error = self.assertApiError(
            self.api(
                "POST", "/service-requests", {**self.payload, "title": None, "pet_at_home": "yes"}
            ),
            400,
            "validation_error",
        )
        self.assertEqual(set(error["details"]["fields"]), {"title", "pet_at_home"})
        self.assertApiError(
            self.api("POST", "/service-requests", {**self.payload, "customer_number": "P999999"}),
            404,
            "not_found",
        )
        self.assertApiError(
            self.api("POST", "/service-requests", raw=b'{"title": "x"'), 400, "malformed_json"
        )
        self.assertApiError(
            self.api("POST", "/service-requests", {**self.payload, "description": "x" * 70000}),
            413,
            "payload_too_large",
        )
        self.assertApiError(
            self.api("POST", "/service-requests", self.payload, key=self.internal_key),
            403,
            "forbidden",
        )
        self.assertApiError(
            self.api("POST", "/service-requests", self.payload, key="wrong"), 401, "unauthorized"
        )
        self.assertEqual(self._count(), before)

    def test_idempotency_key(self):
        before = self._count()
        headers = {"Idempotency-Key": "order-4711"}
        first = self.api("POST", "/service-requests", self.payload, headers=headers)
        self.assertEqual(first.status_code, 201, first.text)
        again = self.api("POST", "/service-requests", self.payload, headers=headers)
        self.assertEqual(again.status_code, 201)
        self.assertEqual(again.headers.get("Idempotency-Replayed"), "true")
        self.assertEqual(again.json(), first.json())
        self.assertEqual(self._count(), before + 1)
        # Same key, other request: refused, nothing created.
        error = self.assertApiError(
            self.api(
                "POST", "/service-requests", {**self.payload, "title": "Annat"}, headers=headers
            ),
            409,
            "idempotency_conflict",
        )
        self.assertIn("different request", error["message"])
        self.assertEqual(self._count(), before + 1)
        # Keys belong to one API user: another integrator's same key is a new request.
        other = self.api(
            "POST", "/service-requests", self.payload, key=self.other_key, headers=headers
        )
        self.assertEqual(other.status_code, 201)
        self.assertNotEqual(other.json()["data"]["id"], first.json()["data"]["id"])
        # A failed request does not use up its key.
        bad = {**self.payload, "rental_object_code": self.parking.code}
        failed = self.api("POST", "/service-requests", bad, headers={"Idempotency-Key": "k2"})
        self.assertEqual(failed.status_code, 400)
        retried = self.api(
            "POST", "/service-requests", self.payload, headers={"Idempotency-Key": "k2"}
        )
        self.assertEqual(retried.status_code, 201)

    def test_lists_hide_internal_requests(self):
        visible = self.report()
        hidden = self.report(name="Intern kontroll", hidden_from_tenant=True)
        other = self.report(reporter_id=self.co_tenant.id)
        ids = {
            r["id"]
            for r in self.api(
                "GET", f"/service-requests?contact={self.tenant.customer_number}"
            ).json()["data"]
        }
        self.assertEqual(ids, {visible.id})
        ids = {
            r["id"]
            for r in self.api(
                "GET", f"/service-requests?rental_object={self.residence.code}"
            ).json()["data"]
        }
        self.assertEqual(ids, {visible.id, other.id})
        self.assertApiError(self.api("GET", f"/service-requests/{hidden.id}"), 404, "not_found")
        self.assertEqual(
            self.api("GET", f"/service-requests/{visible.id}").json()["data"]["title"],
            "Kylskåpet är trasigt",
        )

    def test_tenant_messages(self):
        request = self.report()
        request.message_post(body="Intern anteckning", subtype_xmlid="mail.mt_note")
        path = f"/service-requests/{request.id}/messages"
        posted = self.api(
            "POST",
            path,
            {"customer_number": self.tenant.customer_number, "body": "Kommer ni i dag?"},
        )
        self.assertEqual(posted.status_code, 201, posted.text)
        self.assertTrue(posted.json()["data"]["from_reporter"])
        bodies = [m["body"] for m in self.api("GET", path).json()["data"]]
        self.assertIn("Kommer ni i dag?", bodies)
        self.assertNotIn("Intern anteckning", bodies)
        # Someone else cannot write on the tenant's request.
        count = len(request.message_ids)
        self.assertApiError(
            self.api(
                "POST", path, {"customer_number": self.co_tenant.customer_number, "body": "Hej"}
            ),
            403,
            "forbidden",
        )
        self.assertApiError(
            self.api("POST", path, {"customer_number": self.tenant.customer_number, "body": " "}),
            400,
            "validation_error",
        )
        request.invalidate_recordset()
        self.assertEqual(len(request.message_ids), count)

    def test_close_request(self):
        request = self.report()
        path = f"/service-requests/{request.id}/close-request"
        self.assertApiError(
            self.api(
                "POST", path, {"customer_number": self.co_tenant.customer_number, "reason": "x"}
            ),
            403,
            "forbidden",
        )
        self.assertApiError(
            self.api("POST", path, {"customer_number": self.tenant.customer_number, "reason": ""}),
            400,
            "validation_error",
        )
        self.assertFalse(request.close_requested)
        response = self.api(
            "POST",
            path,
            {"customer_number": self.tenant.customer_number, "reason": "Det löste sig"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.json()["data"]["close_requested"])
        self.assertEqual(request.close_request_reason, "Det löste sig")
