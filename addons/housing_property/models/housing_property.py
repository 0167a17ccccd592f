from odoo import fields, models


class HousingProperty(models.Model):
    _name = "housing.property"
    _inherit = ["housing.code.mixin", "mail.thread"]
    _description = "Property"

    code = fields.Char(help="Property code, e.g. 24104.", tracking=True)
    name = fields.Char(string="Designation", help="Property designation, e.g. SJÖODJURET 2.")
    municipality = fields.Char(default="Västerås")
    residential_area_id = fields.Many2one("housing.residential.area", index=True, tracking=True)
    caretaker_area_id = fields.Many2one("housing.caretaker.area", index=True, tracking=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    building_ids = fields.One2many("housing.building", "property_id")
    rental_object_ids = fields.One2many("housing.rental.object", "property_id")
    building_count = fields.Integer(compute="_compute_counts")
    rental_object_count = fields.Integer(compute="_compute_counts")

    def _compute_counts(self):
        buildings = dict(
            self.env["housing.building"]._read_group(
                [("property_id", "in", self.ids)], ["property_id"], ["__count"]
            )
        )
        objects = dict(
            self.env["housing.rental.object"]._read_group(
                [("property_id", "in", self.ids)], ["property_id"], ["__count"]
            )
        )
        for record in self:
            record.building_count = buildings.get(record, 0)
            record.rental_object_count = objects.get(record, 0)

    def action_view_buildings(self):
        return self._housing_action("housing_property.action_housing_building", "property_id")

    def action_view_rental_objects(self):
        return self._housing_action("housing_property.action_housing_rental_object", "property_id")
