from odoo import api, models

from .housing_room_code_limit import normalize_code


class HousingListing(models.Model):
    _inherit = "housing.listing"

    @api.model_create_multi
    def create(self, vals_list):
        """A home whose room type is not in the household size table takes any household
        (as at Mimer): the listing says so, for staff to add the room type if it should
        not."""
        listings = super().create(vals_list)
        homes = listings.filtered(lambda listing: listing.category == "housing")
        if homes:
            limits = self.env["housing.room.code.limit"]._limits()
            for listing in homes:
                code = normalize_code(listing.rental_object_id.room_code)
                if code not in limits:
                    listing.message_post(
                        body=self.env._(
                            "The room type %(code)s is not in the table of household sizes: "
                            "a household of any size may apply.",
                            code=code or self.env._("(none)"),
                        ),
                        subtype_xmlid="mail.mt_note",
                    )
        return listings
