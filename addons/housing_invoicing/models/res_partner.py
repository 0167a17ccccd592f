from odoo import fields, models

from odoo.addons.housing_base.tools.dates import stockholm_today


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Accounting's own contact fields read bank accounts and report actions, which a share
    # user (the housing integration, a portal tenant) may not read: for internal users only,
    # so that reading a contact without a field list keeps working for integrations.
    bank_account_count = fields.Integer(groups="base.group_user")
    available_invoice_template_pdf_report_ids = fields.One2many(groups="base.group_user")
    display_invoice_template_pdf_report_id = fields.Boolean(groups="base.group_user")

    housing_billed = fields.Monetary(
        string="Rent billed",
        compute="_compute_housing_ledger",
        currency_field="housing_ledger_currency_id",
        groups="housing_base.group_housing_user",
    )
    housing_paid = fields.Monetary(
        string="Rent paid",
        compute="_compute_housing_ledger",
        currency_field="housing_ledger_currency_id",
        groups="housing_base.group_housing_user",
    )
    housing_open = fields.Monetary(
        string="Rent open",
        compute="_compute_housing_ledger",
        currency_field="housing_ledger_currency_id",
        groups="housing_base.group_housing_user",
    )
    housing_overdue = fields.Monetary(
        string="Rent overdue",
        compute="_compute_housing_ledger",
        currency_field="housing_ledger_currency_id",
        groups="housing_base.group_housing_user",
    )
    housing_ledger_currency_id = fields.Many2one(
        "res.currency", compute="_compute_housing_ledger", groups="housing_base.group_housing_user"
    )

    def _compute_housing_ledger(self):
        """The rent ledger (hyresreskontra) of the contacts in the current company: what
        their posted avier and credit notes billed, what is paid, open and overdue. Staff
        of the housing company see these totals without access to accounting."""
        ledger = self._housing_ledger(self.env["account.move"].sudo())
        for partner in self:
            values = ledger[partner.id]
            partner.housing_ledger_currency_id = self.env.company.currency_id
            partner.housing_billed = values["billed"]
            partner.housing_open = values["open"]
            partner.housing_paid = values["paid"]
            partner.housing_overdue = values["overdue"]

    def _housing_ledger(self, Move):
        """{contact id: {"billed", "paid", "open", "overdue"}} of the posted avier and
        credit notes of the contacts in the current company that ``Move`` (account.move,
        with the rights of whoever asks) finds."""
        domain = [
            ("partner_id", "in", self.ids),
            ("company_id", "=", self.env.company.id),
            ("state", "=", "posted"),
            ("housing_period", "!=", False),
        ]
        totals = {
            partner.id: (billed, residual)
            for partner, billed, residual in Move._read_group(
                domain, ["partner_id"], ["amount_total_signed:sum", "amount_residual_signed:sum"]
            )
        }
        overdue = {
            partner.id: residual
            for partner, residual in Move._read_group(
                [*domain, ("invoice_date_due", "<", stockholm_today())],
                ["partner_id"],
                ["amount_residual_signed:sum"],
            )
        }
        ledger = {}
        for partner in self:
            billed, residual = totals.get(partner.id, (0.0, 0.0))
            ledger[partner.id] = {
                "billed": billed,
                "paid": billed - residual,
                "open": residual,
                "overdue": max(overdue.get(partner.id, 0.0), 0.0),
            }
        return ledger

    def action_view_housing_avier(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [
            ("partner_id", "=", self.id),
            ("housing_period", "!=", False),
            ("move_type", "in", ("out_invoice", "out_refund")),
        ]
        action["context"] = {"create": False, "default_move_type": "out_invoice"}
        return action
