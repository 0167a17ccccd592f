from odoo import fields, models


class HousingRentalObject(models.Model):
    _inherit = "housing.rental.object"

    storage_residents_only = fields.Boolean(
        string="For the property's residents only",
        help="Only tenants with a home in the storage room's property may apply for it in "
        "the storage queue.",
    )
