from odoo import fields, models


class HousingListing(models.Model):
    _inherit = "housing.listing"

    storage_residents_only = fields.Boolean(related="rental_object_id.storage_residents_only")
