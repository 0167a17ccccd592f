from odoo import fields, models


class HousingOverviewLine(models.TransientModel):
    _inherit = "housing.overview.line"

    section = fields.Selection(
        selection_add=[("ending", "Leases ending")], ondelete={"ending": "cascade"}
    )
