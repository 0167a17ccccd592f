from odoo import api, models

from ..tools.formatting import contact_ref, iso_date, iso_datetime

ANSWERS = ("accepted", "declined", "expired", "withdrawn")


class HousingOffer(models.Model):
    _name = "housing.offer"
    _inherit = ["housing.offer", "housing.api.synced"]

    def _housing_api_values(self):
        return [
            {
                "id": offer.id,
                "listing": {
                    "id": offer.listing_id.id,
                    "rental_object_code": offer.rental_object_id.code,
                },
                "application_id": offer.application_id.id,
                "contact": contact_ref(offer.partner_id),
                "state": offer.state,
                "sent_at": iso_datetime(offer.sent_at),
                "deadline": iso_datetime(offer.deadline),
                "answered_at": iso_datetime(offer.answered_at),
                "lease": {
                    "id": offer.lease_id.id,
                    "number": offer.lease_id.name,
                    "start_date": iso_date(offer.lease_id.date_start),
                }
                if offer.lease_id
                else None,
                "updated_at": iso_datetime(offer.write_date),
            }
            for offer in self
        ]

    def _housing_api_letting_values(self):
        """The resources of /offers: those of /parking/offers with the category."""
        rows = self._housing_api_values()
        for offer, row in zip(self, rows, strict=True):
            row["category"] = offer.category
        return rows

    # ------------------------------------------------------------------ webhooks
    @api.model_create_multi
    def create(self, vals_list):
        offers = super().create(vals_list)
        self.env["housing.webhook.delivery"]._enqueue("offer.sent", offers)
        return offers

    def write(self, vals):
        if vals.get("state") not in ANSWERS:
            return super().write(vals)
        answered = self.filtered(lambda offer: offer.state == "active")
        result = super().write(vals)
        self.env["housing.webhook.delivery"]._enqueue("offer.answered", answered)
        return result
