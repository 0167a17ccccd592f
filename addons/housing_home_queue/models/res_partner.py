from odoo import fields, models

from odoo.addons.housing_letting.models.res_partner import QUEUE_READERS


class ResPartner(models.Model):
    _inherit = "res.partner"

    application_profile_ids = fields.One2many(
        "housing.application.profile",
        "partner_id",
        string="Application profile",
        groups=QUEUE_READERS,
    )
    priority_assignment_ids = fields.One2many(
        "housing.priority.assignment",
        "partner_id",
        string="Priority groups",
        groups="housing_base.group_housing_user",
    )
    home_application_ids = fields.One2many(
        "housing.application",
        "partner_id",
        string="Home applications",
        domain=[("category", "=", "housing")],
        groups=QUEUE_READERS,
    )
