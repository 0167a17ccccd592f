from odoo import fields, models


class HousingBuilding(models.Model):
    _name = "housing.building"
    _inherit = ["housing.code.mixin"]
    _description = "Building"

    property_id = fields.Many2one(
        "housing.property", required=True, index=True, ondelete="restrict"
    )
    building_type = fields.Selection(
        [
            ("apartment", "Apartment block"),
            ("terraced", "Terraced houses"),
            ("commercial", "Commercial building"),
            ("garage", "Garage"),
            ("other", "Other"),
        ],
        default="apartment",
    )
    construction_year = fields.Integer()
    staircase_ids = fields.One2many("housing.staircase", "building_id")
    rental_object_ids = fields.One2many("housing.rental.object", "building_id")
    rental_object_count = fields.Integer(compute="_compute_rental_object_count")

    _construction_year_valid = models.Constraint(
        "CHECK(construction_year IS NULL OR construction_year = 0 "
        "OR construction_year BETWEEN 1200 AND 2200)",
        "The construction year is not a plausible year.",
    )

    def _compute_rental_object_count(self):
        counts = dict(
            self.env["housing.rental.object"]._read_group(
                [("building_id", "in", self.ids)], ["building_id"], ["__count"]
            )
        )
        for building in self:
            building.rental_object_count = counts.get(building, 0)

    def action_view_rental_objects(self):
        return self._housing_action("housing_property.action_housing_rental_object", "building_id")
