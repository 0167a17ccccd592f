from odoo import fields, models


class HousingParkingPropertyGroup(models.Model):
    """Properties that count as one property for the residents-only parking rules (at
    Mimer: ROTORN 13 and ROTORN 14)."""

    _name = "housing.parking.property.group"
    _description = "Parking property group"
    _order = "name"

    name = fields.Char(required=True)
    property_ids = fields.One2many(
        "housing.property",
        "parking_group_id",
        string="Properties",
        help="A home in any of these properties counts as a home in each of them, and so "
        "does a parking lease.",
    )
