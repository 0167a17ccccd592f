from odoo import api, fields, models

from odoo.addons.housing_api.tools.formatting import (
    contact_ref,
    iso_date,
    iso_datetime,
    none_if_false,
)
from odoo.addons.housing_base.tools.dates import stockholm_today

AVI_TYPES = ("out_invoice", "out_refund")
PAID_STATES = ("paid", "in_payment")
OVERDUE_BATCH = 500


class AccountMove(models.Model):
    _inherit = "account.move"

    housing_api_paid_sent = fields.Boolean(
        string="Paid webhook queued",
        copy=False,
        readonly=True,
        help="The webhook invoice.paid was queued for this avi.",
    )
    housing_api_overdue_sent = fields.Boolean(
        string="Overdue webhook queued",
        copy=False,
        readonly=True,
        help="The webhook invoice.overdue was queued for this avi.",
    )

    # ------------------------------------------------------------------ API values
    def _housing_api_values(self):
        """The avier and credit notes as the v1 API shows them."""
        return [
            {
                "id": move.id,
                "number": move.name,
                "type": "invoice" if move.move_type == "out_invoice" else "credit_note",
                "contact": contact_ref(move.partner_id),
                "period": iso_date(move.housing_period),
                "invoice_date": iso_date(move.invoice_date),
                "due_date": iso_date(move.invoice_date_due),
                "amount_untaxed": move.amount_untaxed,
                "amount_tax": move.amount_tax,
                "amount_total": move.amount_total,
                "amount_residual": move.amount_residual,
                "currency": move.currency_id.name,
                "state": move.state,
                "payment_state": move.payment_state,
                "ocr_reference": none_if_false(move.payment_reference),
                "bankgiro": none_if_false(move.housing_bankgiro),
                "lines": [
                    {
                        "description": line.name or "",
                        "amount_untaxed": line.price_subtotal,
                        "amount_total": line.price_total,
                    }
                    for line in move.invoice_line_ids
                    if line.display_type == "product"
                ],
                "updated_at": iso_datetime(move.write_date),
            }
            for move in self
        ]

    def _housing_api_open_item_values(self):
        today = stockholm_today()
        return [
            {
                "number": move.name,
                "invoice_date": iso_date(move.invoice_date),
                "due_date": iso_date(move.invoice_date_due),
                "amount_total": move.amount_total,
                "amount_residual": move.amount_residual,
                "currency": move.currency_id.name,
                "ocr_reference": none_if_false(move.payment_reference),
                "bankgiro": none_if_false(move.housing_bankgiro),
                "days_overdue": move._housing_days_overdue(today),
            }
            for move in self
        ]

    def _housing_api_avier(self):
        """The rent avier and credit notes among these moves."""
        return self.filtered(lambda move: move.housing_period and move.move_type in AVI_TYPES)

    # ------------------------------------------------------------------ webhooks
    def _post(self, soft=True):
        """invoice.created when a rent avi or credit note is posted for the first time."""
        first = self.filtered(lambda move: not move.posted_before)
        posted = super()._post(soft)
        created = (posted & first)._housing_api_avier()
        self.env["housing.webhook.delivery"]._enqueue("invoice.created", created)
        return posted

    def _invoice_paid_hook(self):
        """invoice.paid once per avi, when it is paid (or in payment) in full."""
        result = super()._invoice_paid_hook()
        paid = self._housing_api_avier().filtered(
            lambda move: (
                move.move_type == "out_invoice"
                and move.payment_state in PAID_STATES
                and not move.housing_api_paid_sent
            )
        )
        if paid:
            paid.sudo().housing_api_paid_sent = True
            self.env["housing.webhook.delivery"]._enqueue("invoice.paid", paid)
        return result

    @api.model
    def _housing_api_queue_overdue(self, today=None, commit=False):
        """Daily: invoice.overdue for each avi whose due date has passed (a day is the
        company's day, Europe/Stockholm) and that is not paid in full, once per avi. With
        ``commit`` (the cron) every batch is committed on its own."""
        today = today or stockholm_today()
        domain = [
            ("move_type", "=", "out_invoice"),
            ("housing_period", "!=", False),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("invoice_date_due", "<", today),
            ("housing_api_overdue_sent", "=", False),
        ]
        while overdue := self.search(domain, limit=OVERDUE_BATCH, order="id"):
            overdue.housing_api_overdue_sent = True
            self.env["housing.webhook.delivery"]._enqueue("invoice.overdue", overdue)
            if commit and not self.env["ir.cron"]._commit_progress(len(overdue)):
                break
