from odoo import fields, models


class HousingDistrict(models.Model):
    _name = "housing.district"
    _inherit = ["housing.code.mixin"]
    _description = "District"

    caretaker_area_ids = fields.One2many("housing.caretaker.area", "district_id")
    residential_area_ids = fields.One2many("housing.residential.area", "district_id")
