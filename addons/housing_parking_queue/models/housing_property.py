from odoo import fields, models


class HousingProperty(models.Model):
    _inherit = "housing.property"

    parking_residents_only = fields.Boolean(
        string="Parking for residents only",
        help="Scored parking listings here are only for tenants with a home in this property, "
        "and a tenant who already rents parking here may only apply to replace it.",
    )
