from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import HousingServiceRequestCase


@tagged("post_install", "-at_install", "housing_service_request")
class TestServiceRequest(HousingServiceRequestCase):
    def test_new_request_is_routed_to_the_caretaker_area_team(self):
        request = self.report()
        self.assertTrue(request.is_housing)
        self.assertEqual(request.maintenance_team_id, self.team)
        self.assertEqual(request.ordering_team_id, self.team)
        self.assertEqual(request.stage_id, self.stage["waiting"])
        self.assertEqual(
            (request.property_id, request.building_id, request.staircase_id),
            (self.property, self.building, self.staircase),
        )
        self.assertEqual(request.lease_id, self.lease)
        self.assertIn(self.residence.code, request.location_display)

    def test_form_routes_and_starts_in_waiting(self):
        form = Form(self.Request.with_context(housing_service_request=True))
        self.assertEqual(form.stage_id, self.stage["waiting"])
        form.name = "Dörren går inte att låsa"
        form.rental_object_id = self.residence
        form.reporter_id = self.tenant
        self.assertEqual(form.maintenance_team_id, self.team)
        self.assertEqual(form.lease_id, self.lease)
        request = form.save()
        self.assertEqual(request.ordering_team_id, self.team)

    def test_work_ordered_from_a_contractor_keeps_the_area_team_as_orderer(self):
        request = self.report(maintenance_team_id=self.contractor_team.id)
        self.assertEqual(request.maintenance_team_id, self.contractor_team)
        self.assertEqual(request.ordering_team_id, self.team)
        other = self.Team.create({"name": "Centrumvärdar"})
        request.maintenance_team_id = other
        self.assertEqual(request.ordering_team_id, other)

    def test_maintenance_app_keeps_its_own_stages(self):
        equipment_request = self.Request.create({"name": "Skrivaren är trasig"})
        self.assertFalse(equipment_request.is_housing)
        self.assertFalse(equipment_request.date_due)
        self.assertEqual(equipment_request.stage_id, self.env.ref("maintenance.stage_0"))
        Stage = self.env["maintenance.stage"]
        housing_stages = Stage.search([("housing_code", "!=", False)])
        columns = self.Request.with_context(housing_service_request=True)._read_group_stage_ids(
            Stage, []
        )
        self.assertEqual(columns, housing_stages)
        self.assertFalse(self.Request._read_group_stage_ids(Stage, []) & housing_stages)

    @freeze_time("2026-03-02")
    def test_due_date_follows_priority_days_and_can_be_edited(self):
        request = self.report(priority_level="5")
        self.assertEqual(request.priority_days, 5)
        self.assertEqual(request.date_due, date(2026, 3, 7))
        form = Form(request)
        form.priority_level = "0"
        self.assertEqual(form.date_due, date(2026, 3, 2))
        form.priority_level = "14"
        self.assertEqual(form.date_due, date(2026, 3, 16))
        form.date_due = date(2026, 3, 4)
        form.save()
        self.assertEqual(request.date_due, date(2026, 3, 4))

    def test_overdue_filter(self):
        with freeze_time("2026-03-02"):
            request = self.report(priority_level="1", user_id=self.housing_user.id)
        with freeze_time("2026-03-10"):
            self.assertTrue(request.is_overdue)
            self.assertIn(request, self.Request.search([("is_overdue", "=", True)]))
            request.stage_id = self.stage["performed"]
            self.assertFalse(request.is_overdue)
            self.assertNotIn(request, self.Request.search([("is_overdue", "=", True)]))
            self.assertIn(request, self.Request.search([("is_overdue", "=", False)]))

    def test_assigning_a_resource_moves_to_resource_assigned(self):
        request = self.report()
        request.user_id = self.contractor
        self.assertEqual(request.stage_id, self.stage["assigned"])
        request.stage_id = self.stage["started"]
        request.user_id = self.housing_user
        self.assertEqual(request.stage_id, self.stage["started"])
        self.assertEqual(self.report(user_id=self.housing_user.id).stage_id, self.stage["assigned"])

    def test_performed_and_closed_stamp_their_dates(self):
        request = self.report(user_id=self.housing_user.id)
        request.stage_id = self.stage["performed"]
        self.assertEqual(request.date_performed, date.today())
        self.assertFalse(request.close_date)
        request.stage_id = self.stage["closed"]
        self.assertEqual(request.close_date, date.today())
        self.assertEqual(request.date_performed, date.today())
        request.stage_id = self.stage["started"]
        self.assertFalse(request.close_date)
        self.assertFalse(request.date_performed)

    def test_hand_back_returns_to_the_ordering_team(self):
        request = self.report()
        request.write(
            {"maintenance_team_id": self.contractor_team.id, "user_id": self.contractor.id}
        )
        self.assertIn(self.contractor.partner_id, request.message_partner_ids)
        with self.assertRaisesRegex(ValidationError, "Say why"):
            request.with_user(self.contractor).action_hand_back(" ")
        request.with_user(self.contractor).action_hand_back("Fel reservdel levererad")
        self.assertEqual(request.stage_id, self.stage["returned"])
        self.assertFalse(request.user_id)
        self.assertEqual(request.maintenance_team_id, self.team)
        self.assertNotIn(self.contractor.partner_id, request.message_partner_ids)
        note = request.message_ids.filtered(lambda m: "Fel reservdel" in m.body)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertFalse(
            self.tenant_notifications(request).filtered(lambda n: n.mail_message_id == note)
        )
        # A returned request is picked up again by assigning a resource.
        request.user_id = self.housing_user
        self.assertEqual(request.stage_id, self.stage["assigned"])

    def test_hand_back_needs_the_button(self):
        request = self.report()
        with self.assertRaisesRegex(UserError, "Hand back button"):
            request.stage_id = self.stage["returned"]
        self.assertEqual(request.stage_id, self.stage["waiting"])
        request.stage_id = self.stage["closed"]
        with self.assertRaisesRegex(UserError, "Only open service requests"):
            request.action_hand_back("För sent")

    def test_hand_back_wizard(self):
        request = self.report(
            maintenance_team_id=self.contractor_team.id, user_id=self.contractor.id
        )
        wizard = (
            self.env["housing.request.reason.wizard"]
            .with_user(self.contractor)
            .with_context(active_ids=request.ids)
            .create({"request_ids": request.ids, "mode": "hand_back", "reason": "Ej vår del"})
        )
        action = wizard.action_confirm()
        self.assertEqual(action["res_model"], "maintenance.request")
        self.assertEqual(request.maintenance_team_id, self.team)

    def test_stage_changes_email_the_tenant_with_a_portal_link(self):
        request = self.report(user_id=self.housing_user.id)
        before = self.tenant_notifications(request)
        request.stage_id = self.stage["started"]
        new = self.tenant_notifications(request) - before
        self.assertEqual(len(new), 1, "one e-mail per stage change, no tracking notification")
        self.assertIn(f"/my/service-requests/{request.id}", new.mail_message_id.body)
        self.assertIn("Started", new.mail_message_id.subject)

    def test_hidden_requests_send_the_tenant_nothing(self):
        hidden = self.report(hidden_from_tenant=True, user_id=self.housing_user.id)
        self.assertNotIn(self.tenant, hidden.message_partner_ids)
        hidden.stage_id = self.stage["started"]
        hidden.message_post(
            body="Till alla följare", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertFalse(self.tenant_notifications(hidden))
        request = self.report()
        self.assertIn(self.tenant, request.message_partner_ids)
        request.hidden_from_tenant = True
        self.assertNotIn(self.tenant, request.message_partner_ids)

    def test_lease_must_belong_to_reporter_and_object(self):
        parking_lease = self.make_lease(self.parking, lease_type="parking")
        count = self.Request.search_count([])
        with (
            self.assertRaisesRegex(ValidationError, "is not for rental object"),
            self.env.cr.savepoint(),
        ):
            self.report(lease_id=parking_lease.id)
        stranger = self.env["res.partner"].create({"name": "Okänd"})
        with (
            self.assertRaisesRegex(ValidationError, "is not a tenant on lease"),
            self.env.cr.savepoint(),
        ):
            self.report(reporter_id=stranger.id, lease_id=self.lease.id)
        self.assertEqual(self.Request.search_count([]), count)

    def test_common_space_needs_its_property(self):
        with (
            self.assertRaisesRegex(ValidationError, "kind of space and its property"),
            self.env.cr.savepoint(),
        ):
            self.Request.create(
                {"name": "Lampa", "location_type": "common_space", "common_space_type": "attic"}
            )
        request = self.Request.create(
            {
                "name": "Lampa",
                "location_type": "common_space",
                "common_space_type": "attic",
                "staircase_id": self.staircase.id,
            }
        )
        self.assertEqual(request.property_id, self.property)
        self.assertEqual(request.maintenance_team_id, self.team)
        self.assertEqual(request.location_display, f"Attic, {self.staircase.display_name}")

    def test_rental_object_lists_its_requests(self):
        request = self.report()
        self.assertEqual(self.residence.service_request_count, 1)
        action = self.residence.action_view_service_requests()
        self.assertEqual(self.Request.search(action["domain"]), request)
