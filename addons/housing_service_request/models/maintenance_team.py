from odoo import fields, models


class MaintenanceTeam(models.Model):
    _inherit = "maintenance.team"

    is_contractor = fields.Boolean(
        string="External contractor",
        help="Members see and edit only this team's requests and cannot close them.",
    )
    caretaker_area_ids = fields.One2many("housing.caretaker.area", "maintenance_team_id")
