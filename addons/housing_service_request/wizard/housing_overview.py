from datetime import timedelta

from odoo import api, fields, models

# Handling times cover the requests closed in the last year.
PERIOD_DAYS = 365
VIEWS = {
    mode: (f"housing_service_request.maintenance_request_view_{mode}_housing{suffix}", mode)
    for mode, suffix in (
        ("kanban", "_service"),
        ("list", ""),
        ("form", "_service"),
        ("pivot", ""),
        ("graph", ""),
    )
}


class HousingOverview(models.TransientModel):
    _inherit = "housing.overview"

    open_request_count = fields.Integer(string="Open fault reports", compute="_compute_requests")
    overdue_request_count = fields.Integer(
        string="Overdue fault reports", compute="_compute_requests"
    )
    close_requested_count = fields.Integer(
        string="Tenants asking to close", compute="_compute_requests"
    )
    closed_request_count = fields.Integer(
        string="Fault reports closed in a year", compute="_compute_requests"
    )
    category_line_ids = fields.One2many(
        "housing.overview.line",
        "overview_id",
        string="Open fault reports by category",
        domain=[("section", "=", "request_category")],
    )
    handling_days = fields.Float(
        string="Handling time (days)",
        digits=(16, 1),
        compute="_compute_requests",
        help="Average days from the report to its closing, over the requests closed in the "
        "last year.",
    )

    @api.model
    def _figures(self):
        figures = super()._figures()
        since = self._today() - timedelta(days=PERIOD_DAYS)
        open_domain = [
            ("is_housing", "=", True),
            ("stage_id.done", "=", False),
            ("archive", "=", False),
        ]
        request_views = [VIEWS[mode] for mode in ("pivot", "graph", "list", "kanban", "form")]
        list_views = [VIEWS[mode] for mode in ("list", "kanban", "form", "pivot")]
        context = {
            "housing_service_request": True,
            "pivot_row_groupby": ["housing_category"],
            "pivot_column_groupby": ["stage_id"],
            "graph_groupbys": ["housing_category"],
        }
        figures.update(
            open_request={
                "model": "maintenance.request",
                "domain": open_domain,
                "name": self.env._("Open fault reports by category"),
                "views": request_views,
                "context": context,
            },
            overdue_request={
                "model": "maintenance.request",
                "domain": [*open_domain, ("is_overdue", "=", True)],
                "name": self.env._("Overdue fault reports"),
                "views": list_views,
                "context": context,
            },
            close_requested={
                "model": "maintenance.request",
                "domain": [*open_domain, ("close_requested", "=", True)],
                "name": self.env._("Tenants asking to close"),
                "views": list_views,
                "context": context,
            },
            closed_request={
                "model": "maintenance.request",
                "domain": [
                    ("is_housing", "=", True),
                    ("stage_id.done", "=", True),
                    ("close_date", ">=", since),
                ],
                "name": self.env._("Fault reports closed in the last year"),
                "views": list_views,
                "context": context,
            },
        )
        return figures

    def _line_values(self):
        """Plus the open fault reports of each category, with the overdue ones."""
        values = super()._line_values()
        figures = self._figures()
        Request = self.env["maintenance.request"]
        categories = dict(Request._fields["housing_category"]._description_selection(self.env))
        overdue = dict(
            Request._read_group(
                figures["overdue_request"]["domain"], ["housing_category"], ["__count"]
            )
        )
        for sequence, (category, count) in enumerate(
            Request._read_group(
                figures["open_request"]["domain"], ["housing_category"], ["__count"]
            )
        ):
            values.append(
                {
                    "section": "request_category",
                    "sequence": sequence,
                    "name": categories.get(category) or self.env._("No category"),
                    "model": "maintenance.request",
                    "domain": [
                        *figures["open_request"]["domain"],
                        ("housing_category", "=", category),
                    ],
                    "count": count,
                    "second_count": overdue.get(category, 0),
                }
            )
        return values

    def _compute_requests(self):
        for overview in self:
            closed = overview._figure_records("closed_request")
            days = [
                (request.close_date - request.request_date).days
                for request in closed
                if request.close_date and request.request_date
            ]
            overview.open_request_count = overview._figure_count("open_request")
            overview.overdue_request_count = overview._figure_count("overdue_request")
            overview.close_requested_count = overview._figure_count("close_requested")
            overview.closed_request_count = len(closed)
            overview.handling_days = sum(days) / len(days) if days else 0
