from odoo import fields, models


class HousingCaretakerArea(models.Model):
    _inherit = "housing.caretaker.area"

    maintenance_team_id = fields.Many2one(
        "maintenance.team",
        string="Service team",
        help="New service requests on properties of this area go to this team.",
    )
