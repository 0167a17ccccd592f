from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.housing_parking_queue.models.res_partner import QUEUE_READERS


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The parking queue's credit check reads this date; it now follows the avier sent to
    # debt collection (housing_dunning) unless staff override it with a reason.
    debt_collection_date = fields.Date(
        compute="_compute_debt_collection_date",
        store=True,
        readonly=False,
        help="The last day rent was sent to debt collection (inkasso): from the avier sent "
        "to a collection agency, or the override. Within the credit check period (6 months "
        "by default) the contact cannot be offered parking.",
    )
    debt_collection_override = fields.Boolean(
        string="Override the collection date",
        groups=QUEUE_READERS,
        tracking=True,
        help="Use the date below instead of the avier sent to debt collection, e.g. a debt "
        "collected by another company or one that was sent by mistake.",
    )
    debt_collection_override_date = fields.Date(
        string="Sent to debt collection on (override)",
        groups=QUEUE_READERS,
        tracking=True,
        help="Empty: treat the contact as never sent to debt collection.",
    )
    debt_collection_override_reason = fields.Char(
        string="Reason for the override", groups=QUEUE_READERS, tracking=True
    )

    @api.depends(
        "housing_collection_date", "debt_collection_override", "debt_collection_override_date"
    )
    def _compute_debt_collection_date(self):
        for partner in self:
            if partner.debt_collection_override:
                partner.debt_collection_date = partner.debt_collection_override_date
            else:
                partner.debt_collection_date = partner.housing_collection_date

    @api.constrains("debt_collection_override", "debt_collection_override_reason")
    def _check_debt_collection_override(self):
        for partner in self:
            if (
                partner.debt_collection_override
                and not (partner.debt_collection_override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._("Give a reason for overriding the debt collection date.")
                )
