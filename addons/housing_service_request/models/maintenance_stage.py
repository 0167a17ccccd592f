from odoo import fields, models


class MaintenanceStage(models.Model):
    _inherit = "maintenance.stage"

    housing_code = fields.Selection(
        [
            ("waiting", "Waiting for handling"),
            ("returned", "Returned"),
            ("assigned", "Resource assigned"),
            ("started", "Started"),
            ("waiting_parts", "Waiting for ordered parts"),
            ("performed", "Performed"),
            ("closed", "Closed"),
        ],
        string="Service request role",
        help="Role of the stage in the service request rules; the rules never depend on the "
        "stage name. Stages without a role belong to the Maintenance app.",
    )
    housing_notify_tenant = fields.Boolean(
        string="E-mail the tenant",
        default=True,
        help="Send the reporter an e-mail when a service request reaches this stage.",
    )

    _housing_code_unique = models.UniqueIndex(
        "(housing_code) WHERE housing_code IS NOT NULL", "Each service request role is used once."
    )
