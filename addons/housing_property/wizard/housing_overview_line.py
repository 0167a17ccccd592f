from odoo import fields, models


class HousingOverviewLine(models.TransientModel):
    """One line of a breakdown in the Housing overview (e.g. vacancies in one area and of one
    type): its figures and, behind its button, exactly the records they count."""

    _name = "housing.overview.line"
    _description = "Housing overview line"
    _order = "section, sequence, id"

    overview_id = fields.Many2one("housing.overview", required=True, ondelete="cascade")
    section = fields.Selection([("vacancy", "Vacancies")], required=True)
    sequence = fields.Integer()
    name = fields.Char(required=True)
    model = fields.Char(required=True)
    domain = fields.Json(required=True)
    count = fields.Integer()
    second_count = fields.Integer(
        string="Second count",
        help="A second figure of the line, e.g. how many of them are overdue.",
    )
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="overview_id.currency_id")

    def action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.model,
            "domain": self.domain,
            "views": [(False, "list"), (False, "form")],
            "target": "current",
        }
