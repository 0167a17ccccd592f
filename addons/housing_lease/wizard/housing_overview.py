from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..models.housing_lease import ACTIVE_STATES


class HousingOverview(models.TransientModel):
    _inherit = "housing.overview"

    ending_this_month_count = fields.Integer(
        string="Leases ending this month", compute="_compute_leases"
    )
    ending_next_month_count = fields.Integer(
        string="Leases ending next month", compute="_compute_leases"
    )
    ending_count = fields.Integer(
        string="Leases with a last day ahead",
        compute="_compute_leases",
        help="Leases that end on a known day from today on; per month in the graph.",
    )
    notice_count = fields.Integer(string="Leases under notice", compute="_compute_leases")
    upcoming_count = fields.Integer(string="Upcoming leases", compute="_compute_leases")

    @api.model
    def _figures(self):
        figures = super()._figures()
        today = self._today()
        lease_views = ["list", "form", "pivot", "graph"]

        def ending(first, last):
            return [
                ("state", "in", ACTIVE_STATES),
                ("date_stop", ">=", first),
                ("date_stop", "<=", last),
            ]

        this_month = today + relativedelta(day=1)
        next_month = this_month + relativedelta(months=1)
        figures.update(
            ending_this_month={
                "model": "housing.lease",
                "domain": ending(this_month, this_month + relativedelta(day=31)),
                "name": self.env._("Leases ending this month"),
                "views": lease_views,
            },
            ending_next_month={
                "model": "housing.lease",
                "domain": ending(next_month, next_month + relativedelta(day=31)),
                "name": self.env._("Leases ending next month"),
                "views": lease_views,
            },
            ending={
                "model": "housing.lease",
                "domain": [("state", "in", ACTIVE_STATES), ("date_stop", ">=", today)],
                "name": self.env._("Leases ending per month"),
                "views": ["graph", "pivot", "list", "form"],
                "context": {"graph_groupbys": ["date_stop:month", "lease_type"]},
            },
            notice={
                "model": "housing.lease",
                "domain": [("state", "=", "notice")],
                "name": self.env._("Leases under notice"),
                "views": lease_views,
            },
            upcoming={
                "model": "housing.lease",
                "domain": [("state", "=", "upcoming")],
                "name": self.env._("Upcoming leases"),
                "views": lease_views,
            },
        )
        return figures

    def _compute_leases(self):
        for overview in self:
            for key in ("ending_this_month", "ending_next_month", "ending", "notice", "upcoming"):
                overview[f"{key}_count"] = overview._figure_count(key)
