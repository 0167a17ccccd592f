from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

LEASE_TYPES = [
    ("residence", "Residence"),
    ("parking", "Parking space"),
    ("garage", "Garage"),
    ("commercial", "Commercial premises"),
    ("storage", "Storage"),
    ("short_term", "Short-term"),
]
# Jordabalken 12 kap. 3 §: fixed-term leases of these types that have lasted more than
# nine months must be terminated by notice.
JB_12_3_TYPES = ("residence", "commercial")


class HousingLeaseNoticeRule(models.Model):
    _name = "housing.lease.notice.rule"
    _description = "Notice period of a lease type"
    _order = "lease_type"
    _rec_name = "lease_type"

    lease_type = fields.Selection(LEASE_TYPES, required=True)
    notice_months = fields.Integer(required=True, default=3)
    to_month_end = fields.Boolean(
        string="Ends at the turn of a month",
        default=True,
        help="The lease ends at the turn of the month that comes first after the notice "
        "period, i.e. on the last day of a month (Jordabalken 12 kap. 4 §). Otherwise it "
        "ends exactly the notice period after the notice date.",
    )

    fixed_term_limit_months = fields.Integer(
        string="Fixed term needs notice after (months)",
        compute="_compute_fixed_term_limit_months",
        store=True,
        readonly=False,
        help="A fixed-term lease that lasts longer than this many months does not end by "
        "itself: it must be terminated by notice at least the notice period before its end "
        "date, otherwise it continues until further notice (Jordabalken 12 kap. 3-4 §§: "
        "nine months for residences and premises). 0: fixed-term leases always end on "
        "their end date.",
    )

    _lease_type_unique = models.Constraint(
        "UNIQUE(lease_type)", "There is already a notice rule for this lease type."
    )
    _notice_months_positive = models.Constraint(
        "CHECK(notice_months >= 0)", "The notice period cannot be negative."
    )

    @api.depends("lease_type")
    def _compute_fixed_term_limit_months(self):
        for rule in self:
            rule.fixed_term_limit_months = 9 if rule.lease_type in JB_12_3_TYPES else 0

    def _termination_date(self, notice_date):
        """Earliest termination date for a notice given on ``notice_date``."""
        self.ensure_one()
        if self.to_month_end:
            first_of_next_month = notice_date + relativedelta(months=1, day=1)
            return first_of_next_month + relativedelta(months=self.notice_months, days=-1)
        return notice_date + relativedelta(months=self.notice_months)
