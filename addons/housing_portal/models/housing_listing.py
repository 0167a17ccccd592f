from odoo import models


class HousingListing(models.Model):
    _inherit = "housing.listing"

    def _portal_applicant_counts(self):
        """{listing id: number of applicants still in the running (active or offered)} of
        these listings, which the user may read: a tenant sees how many compete for a
        listing, never who (record rules show them only their own applications, so the
        count reads in sudo, once for all the listings)."""
        self.check_access("read")
        counts = (
            self.env["housing.application"]
            .sudo()
            ._read_group(
                [("listing_id", "in", self.ids), ("state", "in", ("active", "offered"))],
                ["listing_id"],
                ["__count"],
            )
        )
        return {listing.id: count for listing, count in counts}
