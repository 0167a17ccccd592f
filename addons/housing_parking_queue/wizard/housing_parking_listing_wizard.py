import datetime

from odoo import api, fields, models

from odoo.addons.housing_letting.models.housing_letting_policy import LISTING_RULES
from odoo.addons.housing_letting.tools.dates import stockholm_today


class HousingParkingListingWizard(models.TransientModel):
    """Publish listings for the selected parking spaces (one or many)."""

    _name = "housing.parking.listing.wizard"
    _description = "Publish parking listings"

    rental_object_ids = fields.Many2many(
        "housing.rental.object",
        string="Parking spaces",
        domain=[("object_type", "=", "parking")],
        default=lambda self: self._default_objects(),
    )
    rule = fields.Selection(LISTING_RULES, string="Letting rule", required=True, default="scored")
    date_from = fields.Date(string="Published from", required=True, default=stockholm_today)
    date_to = fields.Date(
        string="Published until",
        required=True,
        compute="_compute_date_to",
        precompute=True,
        store=True,
        readonly=False,
    )

    def _default_objects(self):
        if self.env.context.get("active_model") == "housing.rental.object":
            return self.env["housing.rental.object"].browse(self.env.context.get("active_ids"))
        return self.env["housing.rental.object"]

    @api.depends("rule", "date_from")
    def _compute_date_to(self):
        for wizard in self:
            policy = self.env["housing.letting.policy"]._for("parking", wizard.rule or "scored")
            wizard.date_to = (wizard.date_from or stockholm_today()) + (
                datetime.timedelta(days=policy.publication_days)
            )

    def action_publish(self):
        listings = self.rental_object_ids._create_parking_listings(
            self.rule, self.date_from, self.date_to
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "housing_parking_queue.action_housing_parking_listing"
        )
        action["domain"] = [("id", "in", listings.ids)]
        return action
