from odoo import fields, models


class HousingLease(models.Model):
    _inherit = "housing.lease"

    service_request_ids = fields.One2many(
        "maintenance.request", "lease_id", string="Service requests"
    )
    service_request_count = fields.Integer(
        string="Number of service requests", compute="_compute_service_request_count"
    )

    def _compute_service_request_count(self):
        counts = self.env["maintenance.request"]._housing_request_counts("lease_id", self)
        for lease in self:
            lease.service_request_count = counts.get(lease, 0)

    def action_view_service_requests(self):
        self.ensure_one()
        return self.env["maintenance.request"]._housing_requests_action(
            [("lease_id", "=", self.id)],
            {
                "default_rental_object_id": self.rental_object_id.id,
                "default_reporter_id": self.partner_id.id,
            },
        )
