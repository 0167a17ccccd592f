from odoo import api, fields, models


class HousingPaymentMatchWizard(models.TransientModel):
    _name = "housing.payment.match.wizard"
    _description = "Match a payment to an avi"

    statement_line_id = fields.Many2one(
        "account.bank.statement.line", string="Payment", required=True, readonly=True
    )
    currency_id = fields.Many2one(related="statement_line_id.company_currency_id")
    open_amount = fields.Monetary(related="statement_line_id.housing_open_amount")
    payment_reference = fields.Char(related="statement_line_id.housing_reference")
    partner_id = fields.Many2one("res.partner", string="Contact")
    move_id = fields.Many2one(
        "account.move",
        string="Avi",
        required=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_refund')), ('state', '=', 'posted'),"
        " ('amount_residual', '!=', 0), ('company_id', '=', company_id)]"
        " + ([('commercial_partner_id', '=', partner_id)] if partner_id else [])",
    )
    company_id = fields.Many2one(related="statement_line_id.company_id")

    @api.onchange("statement_line_id")
    def _onchange_statement_line_id(self):
        self.partner_id = self.statement_line_id.partner_id

    def action_match(self):
        self.ensure_one()
        # Who may match is this wizard's access right (Billing); the statement line and
        # its journal items are written as the accounting does.
        self.statement_line_id.sudo()._housing_match(self.move_id.sudo())
        return {"type": "ir.actions.act_window_close"}
