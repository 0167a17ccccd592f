from odoo import fields, models


class MaintenanceStage(models.Model):
    _inherit = "maintenance.stage"

    housing_code = fields.Selection(
        [
            ("waiting", "Waiting for handling"),
            ("assigned", "Resource assigned"),
            ("started", "Started"),
            ("waiting_parts", "Waiting for ordered parts"),
            ("performed", "Performed"),
            ("closed", "Closed"),
            ("returned", "Returned"),
        ],
        help="Role of the stage in the service request rules; stages keep their names free.",
    )

    _housing_code_unique = models.UniqueIndex(
        "(housing_code) WHERE housing_code IS NOT NULL", "Each housing stage role is used once."
    )
