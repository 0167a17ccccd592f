from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import HousingServiceRequestCase


@tagged("post_install", "-at_install", "housing_service_request")
class TestServiceRequestStaff(HousingServiceRequestCase):
    """What staff notice on fault reports: stages, numbers, the acknowledgement, the views."""

    def acknowledgements(self, request):
        return self.tenant_notifications(request).mail_message_id.filtered(
            lambda m: request.case_number in (m.subject or "")
        )

    def test_maintenance_stages_cannot_be_chosen_on_a_service_request(self):
        request = self.report()
        scrap = self.env.ref("maintenance.stage_4")
        before = self.tenant_notifications(request)
        with self.assertRaises(ValidationError) as caught:
            request.stage_id = scrap
        self.assertIn("stage of the Maintenance app", str(caught.exception))
        self.assertEqual(request.stage_id, self.stage["waiting"])
        self.assertEqual(self.tenant_notifications(request), before, "no 'Skrota' e-mail")
        stage_field = self.Request.fields_get(["stage_id"])["stage_id"]
        self.assertIn("housing_code", stage_field["domain"])
        equipment_request = self.Request.create({"name": "Skrivaren är trasig"})
        with self.assertRaises(ValidationError) as caught:
            equipment_request.stage_id = self.stage["started"]
        self.assertIn("is a service request stage", str(caught.exception))

    def test_a_reported_fault_is_acknowledged_with_case_number_and_planned_date(self):
        staff = self.report(priority_level="5")
        self.assertRegex(staff.case_number, r"^F\d{6}$")
        portal = self.Request.create_from_tenant(
            self.tenant, {"name": "Element kallt", "rental_object_code": self.residence.code}
        )
        api = self.Request.create_from_tenant(
            self.tenant, {"name": "Dörr", "rental_object_code": self.residence.code}, origin="api"
        )
        self.assertEqual(len({staff.case_number, portal.case_number, api.case_number}), 3)
        for request in staff | portal | api:
            mail = self.acknowledgements(request)
            self.assertEqual(len(mail), 1, request.origin)
            self.assertIn(request.case_number, mail.body)
            self.assertIn(f"/my/service-requests/{request.id}", mail.body)
        self.assertIn(
            staff.date_due.strftime("%m/%d/%Y"), self.acknowledgements(staff).body, "planned date"
        )
        hidden = self.report(hidden_from_tenant=True)
        self.assertFalse(self.tenant_notifications(hidden))

    def test_acknowledgement_comes_from_the_company_not_the_tenant(self):
        """The landlord acknowledges the report: the message is by the company and sent from
        its address, also when the tenant reported the fault themselves (portal, API)."""
        company = self.env.company
        company.email = "felanmalan@bostad.example.se"
        reported = (
            self.Request.with_user(self.tenant_user)
            .sudo()
            .create_from_tenant(
                self.tenant, {"name": "Element kallt", "rental_object_code": self.residence.code}
            )
        )
        mail = self.acknowledgements(reported.sudo())
        self.assertEqual(mail.author_id, company.partner_id)
        self.assertEqual(mail.email_from, company.email_formatted)
        staff = self.report()
        self.assertEqual(self.acknowledgements(staff).author_id, company.partner_id)

    def test_acknowledgement_is_in_the_tenants_language(self):
        self.env["res.lang"]._activate_lang("sv_SE")
        self.env["ir.module.module"]._load_module_terms(["housing_service_request"], ["sv_SE"])
        self.tenant.lang = "sv_SE"
        request = self.report(priority_level="5")
        mail = self.acknowledgements(request)
        self.assertIn("Vi har tagit emot din felanmälan", mail.subject)
        self.assertIn(request.date_due.strftime("%Y-%m-%d"), mail.body)

    def test_the_menu_opens_on_the_kanban_grouped_by_stage(self):
        action = self.env.ref("housing_service_request.action_housing_service_request")
        views = action._get_action_dict()["views"]
        kanban_view = self.env.ref(
            "housing_service_request.maintenance_request_view_kanban_housing_service"
        )
        self.assertEqual(tuple(views[0]), (kanban_view.id, "kanban"))
        arch = self.Request.get_view(kanban_view.id, "kanban")["arch"]
        self.assertIn('default_group_by="stage_id"', arch)
        self.assertIn('name="reporter_id"', arch)
        self.assertIn("close_requested", arch)
        self.assertNotIn('name="owner_user_id"', arch)

    def test_the_fault_report_form_is_tailored(self):
        request = self.report()
        form_id = request.get_formview_id()
        self.assertEqual(
            form_id,
            self.env.ref(
                "housing_service_request.maintenance_request_view_form_housing_service"
            ).id,
        )
        arch = self.Request.get_view(form_id, "form")["arch"]
        for hidden in ("equipment_id", "maintenance_type", "schedule_end", 'widget="priority"'):
            self.assertNotIn(hidden, arch)
        # The reporter and their phone come before the location and the access details.
        position = {
            name: arch.index(f'name="{name}"')
            for name in ("reporter_phone", "rental_object_id", "master_key_allowed")
        }
        self.assertLess(position["reporter_phone"], position["rental_object_id"])
        self.assertLess(position["rental_object_id"], position["master_key_allowed"])
        with Form(request, view=form_id) as form:
            self.assertEqual(form.reporter_phone, self.tenant.phone)

    def test_contractors_work_in_the_fault_report_form(self):
        request = self.report(maintenance_team_id=self.contractor_team.id)
        form_id = request.get_formview_id()
        with Form(request.with_user(self.contractor), view=form_id) as form:
            self.assertEqual(form.location_display, request.location_display)
            form.user_id = self.contractor
        self.assertEqual(request.stage_id, self.stage["assigned"])

    def test_the_tenant_conversation_leaves_out_internal_notes(self):
        request = self.report()
        request.message_post(body="Intern: ring hyresvärden", subtype_xmlid="mail.mt_note")
        request.message_post_tenant(self.tenant, "Kan ni komma på fredag?")
        bodies = " ".join(request.tenant_message_ids.mapped("body"))
        self.assertIn("Kan ni komma på fredag?", bodies)
        self.assertNotIn("Intern", bodies)
        self.assertIn(request.case_number, str(request.tenant_message_ids.mapped("subject")))
