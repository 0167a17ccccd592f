from odoo import api, models

from ..tools.formatting import contact_ref, iso_datetime

ANSWERS = ("interested", "not_interested", "expired", "withdrawn")


class HousingViewingInvitation(models.Model):
    _name = "housing.viewing.invitation"
    _inherit = ["housing.viewing.invitation", "housing.api.synced"]

    def _housing_api_values(self):
        return [
            {
                "id": invitation.id,
                "category": invitation.category,
                "listing": {
                    "id": invitation.listing_id.id,
                    "rental_object_code": invitation.rental_object_id.code,
                },
                "application_id": invitation.application_id.id,
                "contact": contact_ref(invitation.partner_id),
                "rank": invitation.rank or None,
                "state": invitation.state,
                "viewing_starts_at": iso_datetime(invitation.date_start),
                "viewing_ends_at": iso_datetime(invitation.date_end),
                "place": invitation.place or None,
                "sent_at": iso_datetime(invitation.sent_at),
                "deadline": iso_datetime(invitation.deadline),
                "answered_at": iso_datetime(invitation.answered_at),
                "updated_at": iso_datetime(invitation.write_date),
            }
            for invitation in self
        ]

    # ------------------------------------------------------------------ webhooks
    @api.model_create_multi
    def create(self, vals_list):
        invitations = super().create(vals_list)
        self.env["housing.webhook.delivery"]._enqueue("viewing.invited", invitations)
        return invitations

    def write(self, vals):
        if vals.get("state") not in ANSWERS:
            return super().write(vals)
        answered = self.filtered(lambda invitation: invitation.state == "pending")
        result = super().write(vals)
        self.env["housing.webhook.delivery"]._enqueue("viewing.answered", answered)
        return result
