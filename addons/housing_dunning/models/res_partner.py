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
        # One grouped query for all the contacts (the field is computed for every contact
        # when the module is installed).
        last = dict(
            self.env["account.move"]
            .sudo()
            ._read_group(
                [("partner_id", "in", self._origin.ids), ("housing_collection_date", "!=", False)],
                ["partner_id"],
                ["housing_collection_date:max"],
            )
        )
        for partner in self:
            partner.housing_collection_date = last.get(partner._origin) or False
