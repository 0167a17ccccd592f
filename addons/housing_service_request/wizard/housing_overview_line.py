from odoo import fields, models


class HousingOverviewLine(models.TransientModel):
    _inherit = "housing.overview.line"

    section = fields.Selection(
        selection_add=[("request_category", "Fault reports by category")],
        ondelete={"request_category": "cascade"},
    )
