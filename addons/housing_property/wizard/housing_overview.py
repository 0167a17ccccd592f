from odoo import api, fields, models

from odoo.addons.housing_base.tools.dates import stockholm_today


class HousingOverview(models.TransientModel):
    """The staff's overview of the housing company: each figure counts (or sums) the
    records of one domain, and its button opens exactly those records.

    Modules add their figures by extending ``_figures`` (and the form view): a figure is
    a key with the model, the domain, the title and the views its records open in."""

    _name = "housing.overview"
    _description = "Housing overview"

    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    vacant_count = fields.Integer(string="Vacant rental objects", compute="_compute_register")
    vacant_rent = fields.Monetary(
        string="Rent lost per month",
        compute="_compute_register",
        help="The monthly base rent of the rental objects that stand vacant today.",
    )
    blocked_count = fields.Integer(string="Blocked rental objects", compute="_compute_register")
    vacancy_line_ids = fields.One2many(
        "housing.overview.line",
        "overview_id",
        string="Vacancies by area and type",
        domain=[("section", "=", "vacancy")],
    )

    @api.model_create_multi
    def create(self, vals_list):
        overviews = super().create(vals_list)
        for overview in overviews:
            self.env["housing.overview.line"].create(
                [dict(values, overview_id=overview.id) for values in overview._line_values()]
            )
        return overviews

    def _line_values(self):
        """Values of the overview's breakdown lines (section, name, model, domain, count,
        amount); modules add theirs. Here: the vacant rental objects by residential area and
        object type, with the rent lost."""
        self.ensure_one()
        figure = self._figures()["vacant"]
        Object = self.env[figure["model"]]
        types = dict(Object._fields["object_type"]._description_selection(self.env))
        groups = Object._read_group(
            figure["domain"],
            ["residential_area_id", "object_type"],
            ["__count", "base_rent:sum"],
        )
        return [
            {
                "section": "vacancy",
                "name": f"{area.display_name or self.env._('No area')} · {types.get(kind, '')}",
                "model": figure["model"],
                "domain": [
                    *figure["domain"],
                    ("residential_area_id", "=", area.id),
                    ("object_type", "=", kind),
                ],
                "count": count,
                "amount": rent,
            }
            for area, kind, count, rent in groups
        ]

    def _compute_display_name(self):
        for overview in self:
            overview.display_name = self.env._("Housing overview")

    @api.model
    def _figures(self):
        """{key: {model, domain, name, views, context}} of every figure of the overview.
        ``views``: view types ('list', 'pivot', ...) or (view xmlid, view type) pairs."""
        return {
            "vacant": {
                "model": "housing.rental.object",
                "domain": [("status", "=", "vacant")],
                "name": self.env._("Vacant rental objects"),
                "views": ["pivot", "list", "form"],
                "context": {
                    "pivot_row_groupby": ["residential_area_id"],
                    "pivot_column_groupby": ["object_type"],
                    "pivot_measures": ["__count", "base_rent"],
                },
            },
            "blocked": {
                "model": "housing.rental.object",
                "domain": [("status", "=", "blocked")],
                "name": self.env._("Blocked rental objects"),
                "views": ["list", "form"],
            },
        }

    def _figure_count(self, key):
        figure = self._figures()[key]
        return self.env[figure["model"]].search_count(figure["domain"])

    def _figure_records(self, key):
        figure = self._figures()[key]
        return self.env[figure["model"]].search(figure["domain"])

    def _compute_register(self):
        vacant = self._figure_records("vacant")
        for overview in self:
            overview.vacant_count = len(vacant)
            overview.vacant_rent = sum(vacant.mapped("base_rent"))
            overview.blocked_count = overview._figure_count("blocked")

    @api.model
    def _today(self):
        return stockholm_today()

    def action_open_figure(self):
        """The records behind the figure named in the context key ``figure``."""
        figure = self._figures()[self.env.context["figure"]]
        return {
            "type": "ir.actions.act_window",
            "name": figure["name"],
            "res_model": figure["model"],
            "domain": figure["domain"],
            "views": [
                (self.env.ref(view[0]).id, view[1]) if isinstance(view, tuple) else (False, view)
                for view in figure["views"]
            ],
            "context": figure.get("context", {}),
            "target": "current",
        }

    @api.model
    def action_open_overview(self):
        """The Housing overview (menu): figures of today."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Housing overview"),
            "res_model": self._name,
            "res_id": self.create({}).id,
            "views": [(self.env.ref("housing_property.housing_overview_view_form").id, "form")],
            "target": "current",
        }
