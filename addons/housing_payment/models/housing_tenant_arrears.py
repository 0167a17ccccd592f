from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.housing_base.tools.dates import stockholm_today


class HousingTenantArrears(models.Model):
    """The aged balance of each contact: the open items of their receivable account by
    days past due on the company's day (Europe/Stockholm). Odoo Community has no aged
    receivable report (it is part of the Enterprise accounting reports), so this view
    reads the open journal items directly; it is computed when it is read, so the ages
    are always today's."""

    _name = "housing.tenant.arrears"
    _description = "Tenant ledger: aged balance"
    _auto = False
    _order = "amount_overdue desc, partner_id"
    _rec_name = "partner_id"
    # Flushed before the view is read, so that it sees the latest reconciliations.
    _depends = {
        "account.move.line": [
            "account_id",
            "amount_residual",
            "company_id",
            "date_maturity",
            "parent_state",
            "partner_id",
            "reconciled",
        ],
        "account.account": ["account_type"],
    }

    partner_id = fields.Many2one("res.partner", string="Contact", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    item_count = fields.Integer(string="Open items", readonly=True)
    amount_open = fields.Monetary(string="Balance", readonly=True)
    amount_credit = fields.Monetary(
        string="Unapplied credit",
        readonly=True,
        help="Payments and credit notes not yet applied to an avi.",
    )
    amount_not_due = fields.Monetary(string="Not due", readonly=True)
    amount_overdue = fields.Monetary(string="Overdue", readonly=True)
    amount_0_30 = fields.Monetary(string="0-30 days", readonly=True)
    amount_31_60 = fields.Monetary(string="31-60 days", readonly=True)
    amount_61_90 = fields.Monetary(string="61-90 days", readonly=True)
    amount_over_90 = fields.Monetary(string="Over 90 days", readonly=True)
    oldest_due_date = fields.Date(string="Oldest due date", readonly=True)
    days_overdue = fields.Integer(string="Days overdue", readonly=True)

    @property
    def _table_query(self):
        today = stockholm_today()

        def bucket(low, high=None):
            condition = SQL("(%s - aml.date_maturity) >= %s", today, low)
            if high is not None:
                condition = SQL("%s AND (%s - aml.date_maturity) <= %s", condition, today, high)
            return SQL(
                "SUM(CASE WHEN aml.amount_residual > 0 AND %s THEN aml.amount_residual ELSE 0 END)",
                condition,
            )

        return SQL(
            """
            SELECT MIN(aml.id) AS id,
                   aml.partner_id,
                   aml.company_id,
                   aml.company_currency_id AS currency_id,
                   COUNT(*) AS item_count,
                   SUM(aml.amount_residual) AS amount_open,
                   SUM(LEAST(aml.amount_residual, 0)) AS amount_credit,
                   %(not_due)s AS amount_not_due,
                   %(overdue)s AS amount_overdue,
                   %(b0)s AS amount_0_30,
                   %(b31)s AS amount_31_60,
                   %(b61)s AS amount_61_90,
                   %(b91)s AS amount_over_90,
                   MIN(CASE WHEN aml.amount_residual > 0 AND aml.date_maturity < %(today)s
                            THEN aml.date_maturity END) AS oldest_due_date,
                   COALESCE(MAX(CASE WHEN aml.amount_residual > 0 AND aml.date_maturity < %(today)s
                                     THEN %(today)s - aml.date_maturity END), 0) AS days_overdue
              FROM account_move_line aml
              JOIN account_account account ON account.id = aml.account_id
             WHERE account.account_type = 'asset_receivable'
               AND aml.parent_state = 'posted'
               AND NOT aml.reconciled
               AND aml.amount_residual != 0
               AND aml.partner_id IS NOT NULL
          GROUP BY aml.partner_id, aml.company_id, aml.company_currency_id
            """,
            today=today,
            not_due=SQL(
                "SUM(CASE WHEN aml.amount_residual > 0 AND "
                "COALESCE(aml.date_maturity, %s) >= %s THEN aml.amount_residual ELSE 0 END)",
                today,
                today,
            ),
            overdue=bucket(1),
            b0=bucket(1, 30),
            b31=bucket(31, 60),
            b61=bucket(61, 90),
            b91=bucket(91),
        )

    def action_open_items(self):
        self.ensure_one()
        return self.partner_id.action_view_housing_open_items()
