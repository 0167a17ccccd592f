from odoo import models


class MaintenanceRequest(models.Model):
    _name = "maintenance.request"
    _inherit = ["maintenance.request", "portal.mixin"]

    def _compute_access_url(self):
        for service_request in self:
            service_request.access_url = f"/my/service-requests/{service_request.id}"
