from odoo import fields, models


class HousingRentalObject(models.Model):
    _inherit = "housing.rental.object"

    service_request_ids = fields.One2many(
        "maintenance.request", "rental_object_id", string="Service requests"
    )
    service_request_count = fields.Integer(
        string="Number of service requests", compute="_compute_service_request_count"
    )

    def _compute_service_request_count(self):
        counts = self.env["maintenance.request"]._housing_request_counts("rental_object_id", self)
        for rental_object in self:
            rental_object.service_request_count = counts.get(rental_object, 0)

    def action_view_service_requests(self):
        self.ensure_one()
        return self.env["maintenance.request"]._housing_requests_action(
            [("rental_object_id", "=", self.id)], {"default_rental_object_id": self.id}
        )
