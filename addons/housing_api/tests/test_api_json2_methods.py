"""The public methods integrators are told to call over JSON-2 (issue 17, defect 6) take
what JSON sends - ids and ISO dates - and answer JSON; wrong values are a 4xx naming the
argument, never a 500. JSON-2 bodies too deep to parse, or with NUL bytes, are a 400
(defect 7)."""

import json
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import HousingApiCase


@tagged("post_install", "-at_install", "housing_api")
@freeze_time("2026-03-16 08:00")
class TestJson2Methods(HousingApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.listing = cls.env["housing.listing"].create(
            {
                "rental_object_id": cls.parking.id,
                "date_from": date(2026, 3, 1),
                "date_to": date(2026, 3, 31),
                "vacant_from": date(2026, 4, 1),
            }
        )
        cls.manager_key = cls._make_key(cls.housing_manager)

    def json2(self, model, method, key=None, raw=None, **params):
        return self.url_open(
            f"/json/2/{model}/{method}",
            data=raw if raw is not None else json.dumps(params),
            headers={
                "Authorization": f"Bearer {key or self.key}",
                "Content-Type": "application/json",
            },
        )

    def test_eligibility_and_apply_with_ids(self):
        reply = self.json2(
            "housing.listing",
            "get_eligibility",
            ids=[self.listing.id],
            partner=self.tenant.id,
        )
        self.assertEqual(reply.status_code, 200, reply.text)
        verdict = reply.json()[str(self.listing.id)]["additional"]
        self.assertEqual(
            {key: verdict[key] for key in ("eligible", "priority", "reason")},
            {"eligible": True, "priority": "1", "reason": "no_parking"},
        )
        reply = self.json2(
            "housing.listing",
            "apply",
            ids=[self.listing.id],
            partner=self.tenant.id,
            application_type="additional",
        )
        self.assertEqual(reply.status_code, 200, reply.text)
        [application] = self.listing.application_ids
        self.assertEqual(reply.json(), [application.id])
        self.assertEqual(application.partner_id, self.tenant)

    def test_join_queue_with_ids(self):
        """Joining a queue is a public method: integrators join a contact over JSON-2 with
        the checks of My pages and the v1 API."""
        Membership = self.env["housing.queue.membership"]
        Membership.search([("partner_id", "=", self.tenant.id)]).unlink()
        reply = self.json2(
            "housing.queue.membership",
            "join_queue",
            partner=self.tenant.id,
            queue_type="parking_internal",
        )
        self.assertEqual(reply.status_code, 200, reply.text)
        place = Membership.search([("partner_id", "=", self.tenant.id)])
        self.assertEqual(reply.json(), place.ids)
        self.assertEqual(place.queue_type, "parking_internal")
        reply = self.json2(
            "housing.queue.membership",
            "join_queue",
            partner=self.tenant.id,
            queue_type="parking_internal",
        )
        self.assertEqual(reply.status_code, 422, reply.text)
        self.assertIn("already", reply.json()["message"])

    def test_lease_dates_as_iso_text(self):
        reply = self.json2("housing.lease", "rent_on", ids=[self.lease.id], date="2026-03-01")
        self.assertEqual(reply.status_code, 200, reply.text)
        self.assertEqual(reply.json(), self.lease.rent_on(date(2026, 3, 1)))
        reply = self.json2(
            "housing.lease",
            "get_earliest_termination_date",
            ids=[self.lease.id],
            notice_date="2026-03-16",
        )
        self.assertEqual(reply.status_code, 200, reply.text)
        self.assertEqual(
            reply.json(), str(self.lease.get_earliest_termination_date(date(2026, 3, 16)))
        )
        reply = self.json2(
            "housing.lease",
            "give_notice",
            key=self.manager_key,
            ids=[self.lease.id],
            notice_date="2026-03-16",
            given_by="tenant",
            preferred_move_out_date="2026-09-30",
        )
        self.assertEqual(reply.status_code, 200, reply.text)
        self.assertEqual(reply.json(), "2026-09-30")
        self.assertEqual(self.lease.state, "notice")

    def test_wrong_values_name_the_argument(self):
        for model, method, params in (
            ("housing.lease", "rent_on", {"ids": [self.lease.id], "date": "2026-03-01x"}),
            ("housing.lease", "rent_on", {"ids": [self.lease.id], "date": 20260301}),
            (
                "housing.lease",
                "get_earliest_termination_date",
                {"ids": [self.lease.id], "notice_date": "2026-02-30"},
            ),
            (
                "housing.listing",
                "get_eligibility",
                {"ids": [self.listing.id], "partner": 999999999},
            ),
            (
                "housing.listing",
                "apply",
                {"ids": [self.listing.id], "partner": "P1", "application_type": "additional"},
            ),
        ):
            with self.subTest(method=method, params=params):
                reply = self.json2(model, method, **params)
                self.assertEqual(reply.status_code, 422, reply.text)
                argument = next(key for key in params if key != "ids")
                self.assertIn(argument, reply.json()["message"])
        self.assertFalse(self.listing.application_ids)

    def test_deep_and_nul_bodies_are_bad_requests(self):
        for raw in (
            '{"domain": ' + "[" * 20000 + "]" * 20000 + "}",
            json.dumps({"domain": [["name", "=", "a\u0000b"]], "fields": ["name"]}),
            json.dumps({"domain": [["name", "=", "\udc00"]], "fields": ["name"]}),
        ):
            with self.subTest(raw=raw[:30]):
                reply = self.json2("housing.rental.object", "search_read", raw=raw)
                self.assertEqual(reply.status_code, 400, reply.text)
