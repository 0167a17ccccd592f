from odoo import fields, models


class MaintenanceTeam(models.Model):
    _inherit = "maintenance.team"

    is_contractor = fields.Boolean(
        string="External contractor",
        help="A team of an external firm. Requests handed to it keep the team that ordered the "
        "work, and its members stop following a request once it leaves the team.",
    )
    caretaker_area_ids = fields.One2many(
        "housing.caretaker.area",
        "maintenance_team_id",
        string="Caretaker areas",
        help="New service requests on properties of these areas go to this team.",
    )
