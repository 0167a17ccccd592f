from odoo import models


class HousingListing(models.Model):
    _inherit = "housing.listing"

    def _housing_api_values(self):
        """A storage room only for its property's residents is ``residents_only`` (as a
        parking space in a residents-only area or property is)."""
        rows = super()._housing_api_values()
        for listing, row in zip(self, rows, strict=True):
            if listing.category == "storage":
                row["residents_only"] = listing.rental_object_id.storage_residents_only
        return rows
