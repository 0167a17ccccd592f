from odoo import api, models

from odoo.addons.housing_base.tools.dates import stockholm_today


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model
    def _housing_portal_domain(self, overdue=False):
        """The posted rent avier and credit notes (the portal user's own, by Accounting's
        record rules); with ``overdue``, the avier not paid in full past their due date."""
        domain = [
            ("housing_period", "!=", False),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
        ]
        if overdue:
            domain += [
                ("move_type", "=", "out_invoice"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", stockholm_today()),
            ]
        return domain

    def _housing_portal_is_open(self):
        self.ensure_one()
        return self.move_type == "out_invoice" and self.payment_state in ("not_paid", "partial")
