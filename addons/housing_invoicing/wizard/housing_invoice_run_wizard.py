from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.housing_base.tools.dates import stockholm_today

from ..tools import periods


def _next_month(_record=None):
    return periods.month_start(stockholm_today()) + relativedelta(months=1)


class HousingInvoiceRunWizard(models.TransientModel):
    _name = "housing.invoice.run.wizard"
    _description = "Rent run"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period = fields.Date(
        string="Month", required=True, default=_next_month, help="Any day of the month to bill."
    )
    invoice_date = fields.Date(string="Avi date", required=True, default=stockholm_today)
    with_differences = fields.Boolean(
        string="Bill retroactive differences",
        default=True,
        help="Also bill the differences of months already billed whose rent has changed, "
        "and credit months billed after a lease ended.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("preview", "Preview"), ("done", "Done")], default="draft"
    )
    summary = fields.Text(readonly=True)
    move_ids = fields.Many2many("account.move", string="Avier", readonly=True)

    @api.onchange("period", "invoice_date", "with_differences", "company_id")
    def _onchange_reset_preview(self):
        self.state = "draft"
        self.summary = False

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_preview(self):
        """Show what the run would bill, creating nothing."""
        self.ensure_one()
        avier = self.env["housing.invoice.billing"]._preview(
            self.period, self.company_id, self.invoice_date, self.with_differences
        )
        if not avier:
            raise UserError(self.env._("Nothing to bill for this month: every lease is billed."))
        invoices = [avi for avi in avier if avi.move_type == "out_invoice"]
        credit_notes = [avi for avi in avier if avi.move_type == "out_refund"]
        currency = self.company_id.currency_id
        header = self.env._(
            "Avier: %(avier)s (for %(leases)s lease months), total %(total)s before VAT.\n"
            "Credit notes: %(credits)s, total %(credit_total)s.",
            avier=len(invoices),
            leases=sum(len(avi.rows) for avi in invoices),
            total=currency.format(sum(avi.total for avi in invoices)),
            credits=len(credit_notes),
            credit_total=currency.format(sum(avi.total for avi in credit_notes)),
        )
        credit_note = self.env._("credit note")
        rows = [
            f"{avi.partner.display_name}: {currency.format(avi.total)}"
            + (f" ({credit_note})" if avi.move_type == "out_refund" else "")
            for avi in sorted(avier, key=lambda avi: avi.partner.display_name or "")[:200]
        ]
        self.write({"state": "preview", "summary": "\n".join([header, "", *rows])})
        return self._reopen()

    def action_run(self):
        self.ensure_one()
        moves = self.env["housing.invoice.billing"]._run(
            self.period,
            self.company_id,
            self.invoice_date,
            with_differences=self.with_differences,
        )
        if not moves:
            raise UserError(self.env._("Nothing to bill for this month: every lease is billed."))
        self.write({"state": "done", "move_ids": [fields.Command.set(moves.ids)]})
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", moves.ids)]
        action["context"] = {"create": False}
        return action
