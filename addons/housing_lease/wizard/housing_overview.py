from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date

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
    ending_line_ids = fields.One2many(
        "housing.overview.line",
        "overview_id",
        string="Leases ending per month",
        domain=[("section", "=", "ending")],
    )

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

    def _line_values(self):
        """Plus the leases ending in each month ahead that has any."""
        values = super()._line_values()
        figure = self._figures()["ending"]
        for sequence, (month, count) in enumerate(
            self.env[figure["model"]]._read_group(
                figure["domain"], ["date_stop:month"], ["__count"], order="date_stop:month"
            )
        ):
            first = month.date() if hasattr(month, "date") else month
            values.append(
                {
                    "section": "ending",
                    "sequence": sequence,
                    "name": format_date(self.env, first, date_format="MMMM y"),
                    "model": figure["model"],
                    "domain": [
                        *figure["domain"],
                        ("date_stop", ">=", first.isoformat()),
                        ("date_stop", "<=", (first + relativedelta(day=31)).isoformat()),
                    ],
                    "count": count,
                }
            )
        return values

    def _compute_leases(self):
        for overview in self:
            for key in ("ending_this_month", "ending_next_month", "ending", "notice", "upcoming"):
                overview[f"{key}_count"] = overview._figure_count(key)
