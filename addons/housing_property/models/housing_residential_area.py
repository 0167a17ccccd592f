from odoo import fields, models


class HousingResidentialArea(models.Model):
    _name = "housing.residential.area"
    _inherit = ["housing.code.mixin"]
    _description = "Residential area"

    code = fields.Char(help="Short code of the area (bostadsområde), e.g. CEN.")
    district_id = fields.Many2one("housing.district", index=True)
    property_ids = fields.One2many("housing.property", "residential_area_id")
