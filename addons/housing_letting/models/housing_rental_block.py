from odoo import api, models

from ..tools.dates import stockholm_today


class HousingRentalBlock(models.Model):
    _inherit = "housing.rental.block"

    @api.model_create_multi
    def create(self, vals_list):
        blocks = super().create(vals_list)
        blocks._withdraw_blocked_offers()
        return blocks

    def write(self, vals):
        result = super().write(vals)
        if {"rental_object_id", "date_from", "date_to"} & set(vals):
            self._withdraw_blocked_offers()
        return result

    def _withdraw_blocked_offers(self):
        """An offer whose lease could not start because of these blocks is
        withdrawn (the applicant keeps their place): the listing waits until the block
        ends and is then offered from the top of the ranking again."""
        listings = (
            self.env["housing.listing"]
            .sudo()
            .search(
                [("rental_object_id", "in", self.rental_object_id.ids), ("state", "=", "offered")]
            )
        )
        blocked = listings._blocks(stockholm_today())
        if blocked:
            listings.browse([listing.id for listing in blocked]).active_offer_id._withdraw_blocked()
