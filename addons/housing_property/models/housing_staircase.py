from odoo import fields, models


class HousingStaircase(models.Model):
    _name = "housing.staircase"
    _inherit = ["housing.code.mixin"]
    _description = "Staircase / entrance"

    building_id = fields.Many2one(
        "housing.building", required=True, index=True, ondelete="restrict"
    )
    property_id = fields.Many2one(related="building_id.property_id", store=True, index=True)
    street = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    rental_object_ids = fields.One2many("housing.rental.object", "staircase_id")
