from odoo import fields, models


class HousingCaretakerArea(models.Model):
    _name = "housing.caretaker.area"
    _inherit = ["housing.code.mixin"]
    _description = "Caretaker area"

    district_id = fields.Many2one("housing.district", required=True, index=True)
    user_id = fields.Many2one("res.users", string="Caretaker", help="Kvartersvärd of the area.")
    property_ids = fields.One2many("housing.property", "caretaker_area_id")
