from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HousingReferenceRate(models.Model):
    """Riksbankens referensränta for a calendar half-year (räntelagen 9 §). The late
    payment interest is this rate plus eight percentage points (räntelagen 6 §)."""

    _name = "housing.reference.rate"
    _description = "Reference rate"
    _order = "date_from desc"
    _rec_name = "date_from"

    date_from = fields.Date(
        string="Valid from",
        required=True,
        help="1 January or 1 July: the rate holds for that half-year.",
    )
    rate = fields.Float(string="Reference rate (%)", required=True, digits=(5, 2))
    interest_rate = fields.Float(
        string="Late-payment interest (%)",
        compute="_compute_interest_rate",
        digits=(5, 2),
        help="Reference rate plus eight percentage points (räntelagen 6 §).",
    )

    _date_from_unique = models.Constraint(
        "UNIQUE(date_from)", "There is already a reference rate for this half-year."
    )

    @api.depends("rate")
    def _compute_interest_rate(self):
        for record in self:
            record.interest_rate = record.rate + 8

    @api.constrains("date_from")
    def _check_half_year(self):
        for record in self:
            if record.date_from.day != 1 or record.date_from.month not in (1, 7):
                raise ValidationError(
                    self.env._(
                        "A reference rate holds from 1 January or 1 July, not from %(date)s.",
                        date=record.date_from,
                    )
                )

    @api.model
    def _rates(self):
        """All rates as (first day, rate) pairs, for tools.interest."""
        return [(record.date_from, record.rate) for record in self.sudo().search([])]
