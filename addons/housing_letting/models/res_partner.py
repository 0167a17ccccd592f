from odoo import fields, models

QUEUE_READERS = "housing_base.group_housing_user,housing_base.group_housing_integration"


class ResPartner(models.Model):
    _inherit = "res.partner"

    debt_collection_date = fields.Date(
        string="Sent to debt collection on",
        groups=QUEUE_READERS,
        tracking=True,
        help="The last day rent was sent to debt collection (inkasso). Within the credit "
        "check period (6 months by default) the contact cannot be offered parking.",
    )
    queue_membership_ids = fields.One2many(
        "housing.queue.membership", "partner_id", string="Queues", groups=QUEUE_READERS
    )
