from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import HousingServiceRequestCase


@tagged("housing_service_request")
class TestServiceRequest(HousingServiceRequestCase):
    def test_routing_and_location(self):
        request = self.report()
        self.assertTrue(request.is_housing)
        self.assertEqual(request.maintenance_team_id, self.team)
        self.assertEqual(request.ordering_team_id, self.team)
        self.assertEqual(request.property_id, self.property)
        self.assertEqual(request.staircase_id, self.staircase)
        self.assertEqual(request.stage_id, self.stage["waiting"])

    @freeze_time("2026-03-02")
    def test_due_date_from_priority_days(self):
        request = self.report(priority_days=5)
        self.assertEqual(request.date_due, date(2026, 3, 7))
        form = Form(request)
        form.priority_days = 0
        self.assertEqual(form.date_due, date(2026, 3, 2))
        form.date_due = date(2026, 3, 4)
        form.save()
        self.assertEqual(request.date_due, date(2026, 3, 4))
        with self.assertRaisesRegex(ValidationError, "negative"):
            request.priority_days = -1

    def test_overdue_filter(self):
        with freeze_time("2026-03-02"):
            request = self.report(priority_days=1)
        with freeze_time("2026-03-10"):
            self.assertTrue(request.is_overdue)
            self.assertIn(request, self.Request.search([("is_overdue", "=", True)]))
            request.stage_id = self.stage["performed"]
            self.assertFalse(request.is_overdue)
            self.assertNotIn(request, self.Request.search([("is_overdue", "=", True)]))

    def test_assigning_a_resource_moves_to_assigned(self):
        request = self.report()
        request.user_id = self.contractor
        self.assertEqual(request.stage_id, self.stage["assigned"])

    def test_closing_stamps_dates(self):
        request = self.report()
        request.stage_id = self.stage["performed"]
        self.assertEqual(request.date_performed, date.today())
        self.assertFalse(request.close_date)
        request.stage_id = self.stage["closed"]
        self.assertEqual(request.close_date, date.today())

    def test_contractor_hand_back(self):
        request = self.report()
        request.write(
            {"maintenance_team_id": self.contractor_team.id, "user_id": self.contractor.id}
        )
        request.with_user(self.contractor).stage_id = self.stage["returned"]
        self.assertFalse(request.user_id)
        self.assertEqual(request.maintenance_team_id, self.team)

    def test_stage_change_notifies_tenant_with_portal_link(self):
        request = self.report()
        request.stage_id = self.stage["started"]
        message = request.message_ids[0]
        self.assertIn(self.tenant, message.partner_ids)
        self.assertIn(f"/my/service-requests/{request.id}", message.body)
        hidden = self.report(hidden_from_tenant=True)
        count = len(hidden.message_ids)
        hidden.stage_id = self.stage["started"]
        self.assertFalse(
            hidden.message_ids[: len(hidden.message_ids) - count].partner_ids & self.tenant
        )

    def test_create_from_tenant(self):
        request = self.Request.create_from_tenant(
            self.tenant,
            {
                "name": "Element kallt",
                "rental_object_code": self.residence.code,
                "pet_at_home": True,
            },
            origin="api",
        )
        self.assertEqual(
            (request.reporter_id, request.lease_id, request.origin, request.maintenance_team_id),
            (self.tenant, self.lease, "api", self.team),
        )
        common = self.Request.create_from_tenant(
            self.tenant, {"name": "Lampa trasig", "common_space_type": "stairwell"}
        )
        self.assertEqual(
            (common.location_type, common.property_id), ("common_space", self.property)
        )

    def test_create_from_tenant_bad_input_saves_nothing(self):
        count = self.Request.search_count([])
        cases = [
            ({"name": "X", "rental_object_code": "000-000"}, "Unknown rental object code"),
            ({"name": "X", "rental_object_code": self.parking.code}, "rental objects you lease"),
            ({"name": "X", "common_space_type": "spa"}, "Unknown kind of common space"),
            ({"name": " ", "rental_object_code": self.residence.code}, "Describe the fault"),
            ({"name": "X"}, "Choose where"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, message):
                self.Request.create_from_tenant(self.tenant, vals)
        stranger = self.env["res.partner"].create({"name": "Ingen hyresgäst"})
        with self.assertRaisesRegex(ValidationError, "where you rent a home"):
            self.Request.create_from_tenant(stranger, {"name": "X", "common_space_type": "yard"})
        self.assertEqual(self.Request.search_count([]), count)

    def test_tenant_messages_exclude_internal_notes(self):
        request = self.report()
        request.message_post(
            body="Intern notering: nyckel hos värden", subtype_xmlid="mail.mt_note"
        )
        request.message_post_tenant(self.tenant, "När kommer ni?")
        request.message_post(
            body="Vi kommer på tisdag", subtype_xmlid="mail.mt_comment", message_type="comment"
        )
        bodies = " ".join(request._tenant_messages().mapped("body"))
        self.assertIn("När kommer ni?", bodies)
        self.assertIn("Vi kommer på tisdag", bodies)
        self.assertNotIn("Intern notering", bodies)
        hidden = self.report(hidden_from_tenant=True)
        hidden.message_post(
            body="Synligt?", subtype_xmlid="mail.mt_comment", message_type="comment"
        )
        self.assertFalse(hidden._tenant_messages())
        with self.assertRaises(AccessError):
            hidden.message_post_tenant(self.tenant, "Hej")
        with self.assertRaises(AccessError):
            request.message_post_tenant(self.co_tenant, "Hej")

    def test_close_request_accept_and_decline(self):
        request = self.report()
        with self.assertRaisesRegex(ValidationError, "Say why"):
            request.action_request_close(" ")
        request.action_request_close("Felet försvann av sig självt")
        self.assertTrue(request.close_requested)
        wizard = self.env["housing.close.decline.wizard"].create(
            {"request_id": request.id, "reason": "Vi vill kontrollera läckan"}
        )
        wizard.action_confirm()
        self.assertFalse(request.close_requested)
        self.assertIn("Vi vill kontrollera läckan", request._tenant_messages()[0].body)
        self.assertNotEqual(request.stage_id, self.stage["closed"])
        request.action_request_close("Nu är det bra")
        request.action_accept_close_request()
        self.assertEqual(request.stage_id, self.stage["closed"])
        self.assertTrue(request.close_date)
