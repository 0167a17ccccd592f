from odoo import api, fields, models


class HousingListing(models.Model):
    """A parking listing: the parking space's type and the residents-only rules."""

    _inherit = "housing.listing"

    parking_type = fields.Selection(related="rental_object_id.parking_type")
    has_charging = fields.Boolean(related="rental_object_id.has_charging")
    special_rule = fields.Boolean(
        compute="_compute_special_rule",
        string="For residents only",
        help="The parking space lies in a residential area or property whose parking is "
        "for its own tenants.",
    )

    @api.depends(
        "rental_object_id.residential_area_id.parking_residents_only",
        "rental_object_id.property_id.parking_residents_only",
    )
    def _compute_special_rule(self):
        for listing in self:
            obj = listing.rental_object_id
            listing.special_rule = listing.category == "parking" and (
                obj.residential_area_id.parking_residents_only
                or obj.property_id.parking_residents_only
            )
