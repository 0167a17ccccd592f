from odoo import fields, models

from odoo.addons.housing_base.tools.dates import stockholm_today

from ..tools import ocr


class AccountMove(models.Model):
    _inherit = "account.move"

    housing_period = fields.Date(
        string="Rent period",
        readonly=True,
        copy=False,
        index=True,
        help="First day of the month a rent avi was created for by the monthly run.",
    )
    housing_billing_ids = fields.One2many(
        "housing.invoice.billing", "move_id", string="Billed rent months", readonly=True
    )
    housing_ocr_line = fields.Char(string="OCR payment line", compute="_compute_housing_ocr_line")

    housing_bankgiro = fields.Char(string="Bankgiro", compute="_compute_housing_ocr_line")
    housing_joint_tenants = fields.Char(
        string="Jointly liable",
        compute="_compute_housing_joint_tenants",
        help="All tenants of the billed leases when there are several: they are jointly "
        "liable for the rent, the avi goes to one of them.",
    )

    def _compute_housing_joint_tenants(self):
        for move in self:
            tenants = move.housing_billing_ids.lease_id.tenant_line_ids.partner_id
            move.housing_joint_tenants = len(tenants) > 1 and ", ".join(tenants.mapped("name"))

    def _compute_housing_ocr_line(self):
        for move in self:
            company = move.company_id
            move.housing_bankgiro = company.housing_bankgiro and ocr.format_bankgiro(
                company.housing_bankgiro
            )
            move.housing_ocr_line = (
                move.move_type == "out_invoice"
                and move.state == "posted"
                and company.housing_bankgiro
                and ocr.is_valid_reference(move.payment_reference or "", with_length=False)
                and ocr.payment_line(
                    move.payment_reference, move.amount_residual, company.housing_bankgiro
                )
            )

    def _housing_days_overdue(self, today=None):
        """Days since the avi's due date (0 when not yet due); a day is the company's
        day (Europe/Stockholm)."""
        self.ensure_one()
        if not self.invoice_date_due:
            return 0
        return max(((today or stockholm_today()) - self.invoice_date_due).days, 0)

    def button_cancel(self):
        """A cancelled avi bills nothing: its months are billed again by the next run."""
        result = super().button_cancel()
        self.housing_billing_ids.sudo().unlink()
        return result

    def _get_invoice_reference_housing_ocr_invoice(self):
        """Bankgirot OCR reference from the digits of the avi number (HYR/2026/00012 gives
        202600012), with length and check digit."""
        self.ensure_one()
        digits = "".join(char for char in self.name if char.isdigit()) or str(self.id)
        return ocr.make_reference(digits)

    def _get_invoice_reference_housing_ocr_partner(self):
        """Bankgirot OCR reference from the customer number's digits (P086890 gives
        086890), or the contact's id."""
        self.ensure_one()
        partner = self.commercial_partner_id
        number = partner.customer_number or ""
        digits = "".join(char for char in number if char.isdigit()) or str(partner.id)
        return ocr.make_reference(digits)
