from odoo import fields, models


class HousingProperty(models.Model):
    _inherit = "housing.property"

    parking_residents_only = fields.Boolean(
        string="Parking for residents only",
        help="Scored parking listings here are only for tenants with a home in this property, "
        "and a tenant who already rents parking here may only apply to replace it.",
    )
    parking_group_id = fields.Many2one(
        "housing.parking.property.group",
        string="Parking property group",
        index="btree_not_null",
        ondelete="set null",
        help="The properties of a group count as one property for the residents-only "
        "parking rules.",
    )
