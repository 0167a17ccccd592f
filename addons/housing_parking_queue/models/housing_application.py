from odoo import fields, models

from ..tools import rules


class HousingApplication(models.Model):
    _inherit = "housing.application"

    application_type = fields.Selection(
        selection_add=[
            (rules.REPLACE, "Replace a parking space"),
            (rules.ADDITIONAL, "Additional parking space"),
        ],
        ondelete={rules.REPLACE: "set null", rules.ADDITIONAL: "set null"},
    )
