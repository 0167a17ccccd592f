from odoo import models


class HousingOffer(models.Model):
    _inherit = "housing.offer"

    def _get_portal_answer_summary(self, today):
        """What the tenant should know before answering this offer on ``today``: the
        rental object, when the lease would start and at what rent, the queue points
        accepting costs and the other offers it declines. Read as the tenant (record
        rules: their own offer); the register data of the space is read in sudo."""
        self.ensure_one()
        self.check_access("read")
        offer = self.sudo()
        listing = offer.listing_id
        queue_type = listing._queue_type()
        membership = self.env["housing.queue.membership"].search(
            [("queue_type", "=", queue_type or False)], limit=1
        )
        return {
            "offer": offer,
            "listing": listing,
            "space": listing.rental_object_id,
            "lease_start": listing._lease_start(today),
            # Only an offer of a scored listing restarts the queue time (see _assign).
            "queue_points": membership.queue_points
            if listing.rule == "scored" and queue_type
            else None,
            "replace": offer.application_id.application_type == "replace",
            "other_offers": offer.search(
                [
                    ("partner_id", "=", offer.partner_id.id),
                    ("state", "=", "active"),
                    ("id", "!=", offer.id),
                ]
            ),
        }
