from odoo import fields, models

from odoo.addons.housing_letting.models.res_partner import QUEUE_READERS


class ResPartner(models.Model):
    _inherit = "res.partner"

    parking_application_ids = fields.One2many(
        "housing.application",
        "partner_id",
        string="Parking applications",
        domain=[("category", "=", "parking")],
        groups=QUEUE_READERS,
    )
