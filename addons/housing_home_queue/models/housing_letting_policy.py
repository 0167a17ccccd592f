from odoo import fields, models


class HousingLettingPolicy(models.Model):
    """The housing queue's own rules on its policies (the other categories ignore them)."""

    _inherit = "housing.letting.policy"

    max_active_applications = fields.Integer(
        string="Most active home applications",
        default=3,
        help="A contact may have at most this many active home applications at a time "
        "(0: no limit).",
    )
    income_factor = fields.Float(
        string="Income requirement (times the rent)",
        default=0.0,
        digits=(4, 2),
        help="The applicant's stated monthly income must be at least this many times the "
        "monthly rent (0: no income requirement).",
    )

    _home_limits_positive = models.Constraint(
        "CHECK(max_active_applications >= 0 AND income_factor >= 0)",
        "The housing queue's limits cannot be negative.",
    )
