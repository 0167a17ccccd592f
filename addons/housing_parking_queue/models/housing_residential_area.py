from odoo import fields, models


class HousingResidentialArea(models.Model):
    _inherit = "housing.residential.area"

    parking_residents_only = fields.Boolean(
        string="Parking for residents only",
        help="Scored parking listings here are only for tenants with a home in this area, "
        "and a tenant who already rents parking here may only apply to replace it.",
    )
