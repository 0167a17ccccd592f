from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    housing_collection_date = fields.Date(
        string="Last sent to debt collection",
        compute="_compute_housing_collection_date",
        store=True,
        groups="housing_base.group_housing_user,housing_base.group_housing_integration",
        help="The last day one of the contact's avier was handed to a debt collection agency.",
    )

    @api.depends("invoice_ids.housing_collection_date")
    def _compute_housing_collection_date(self):
        for partner in self:
            dates = (
                partner.sudo()
                .invoice_ids.filtered("housing_collection_date")
                .mapped("housing_collection_date")
            )
            partner.housing_collection_date = max(dates, default=False)
