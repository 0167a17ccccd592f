from odoo.tests import HttpCase, tagged

from .common import HousingServiceRequestCase


@tagged("post_install", "-at_install", "housing_service_request")
class TestServiceRequestTour(HousingServiceRequestCase, HttpCase):
    def test_fault_report_from_kanban_to_closed(self):
        """Staff in the browser: the kanban by stage, the fault report form, resource,
        started, performed, closed; the tenant got the acknowledgement and each stage."""
        self.tenant.write({"name": "Anna Andersson", "phone": "070-123 45 67"})
        request = self.report()
        self.start_tour(
            "/odoo/service-requests",
            "housing_service_request_kanban_to_closed",
            login="prop_user",
        )
        self.assertEqual(request.stage_id, self.stage["closed"])
        self.assertEqual(request.user_id, self.housing_user)
        subjects = self.tenant_notifications(request).mail_message_id.mapped("subject")
        self.assertEqual(len(subjects), 5, subjects)
        self.assertTrue(any(request.case_number in subject for subject in subjects))
