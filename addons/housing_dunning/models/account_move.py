from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.housing_base.tools.dates import stockholm_today

from ..tools import deadlines, interest
from .housing_dunning_step import LEASE_TYPE_KINDS

PROTECTED_GROUP = "housing_base.group_housing_protected_identity"


class AccountMove(models.Model):
    _inherit = "account.move"

    housing_dunning_entry_ids = fields.One2many(
        "housing.dunning.entry", "move_id", string="Reminders", readonly=True
    )
    housing_fee_origin_id = fields.Many2one(
        "account.move",
        string="Reminder fee for",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The rent avi whose reminder this fee was billed for.",
    )
    housing_collection_date = fields.Date(
        string="Sent to debt collection on", readonly=True, copy=False, tracking=True, index=True
    )
    housing_collection_agency_id = fields.Many2one(
        "res.partner", string="Debt collection agency", readonly=True, copy=False
    )
    housing_late_interest = fields.Monetary(
        string="Late-payment interest",
        compute="_compute_housing_late_interest",
        help="Interest under räntelagen 6 § (reference rate + 8 percentage points) on the "
        "unpaid rent, per day from the due date until today or the day of payment.",
    )

    def _compute_housing_late_interest(self):
        today = stockholm_today()
        rates = self.env["housing.reference.rate"]._rates()
        for move in self:
            move.housing_late_interest = move._housing_interest_on(today, rates)

    @api.model
    def _housing_overdue_domain(self, company, today):
        """Posted rent avier of ``company`` with something unpaid after their due date."""
        return Domain(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("company_id", "=", company.id),
                ("housing_period", "!=", False),
                ("amount_residual", ">", 0),
                ("invoice_date_due", "<", today),
            ]
        )

    # ------------------------------------------------------------------ payments
    def _housing_payments(self):
        """The payments of this avi as (date, amount) pairs: the counterpart of each
        reconciliation on its receivable lines, on the date of the payment (for rent,
        the day it was paid counts, Jordabalken 12 kap. 20 §)."""
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        return [
            (partial.credit_move_id.date, partial.amount) for partial in lines.matched_credit_ids
        ]

    def _housing_residual_on(self, day):
        """What was still unpaid of this avi at the end of ``day``."""
        self.ensure_one()
        paid = sum(amount for date, amount in self._housing_payments() if date <= day)
        return max(self.currency_id.round(abs(self.amount_total_signed) - paid), 0.0)

    def _housing_is_late_on(self, day):
        """Whether some of this avi was unpaid after its last day to pay, seen on ``day``."""
        self.ensure_one()
        last_day = deadlines.last_day_to_pay(self.invoice_date_due)
        return day > last_day and self._housing_residual_on(day) > 0

    def _housing_interest_on(self, day, rates=None):
        """Late-payment interest accrued on this avi until ``day``."""
        self.ensure_one()
        if (
            self.move_type != "out_invoice"
            or self.state != "posted"
            or not self.invoice_date_due
            or not self.housing_period
        ):
            return 0.0
        payments = self._housing_payments()
        last_day = deadlines.last_day_to_pay(self.invoice_date_due)
        total = abs(self.amount_total_signed)
        if sum(amount for date, amount in payments if date <= last_day) >= total:
            return 0.0  # paid in time
        if rates is None:
            rates = self.env["housing.reference.rate"]._rates()
        return interest.late_interest(total, self.invoice_date_due, day, payments, rates)

    def _housing_fees(self):
        """The reminder fees billed for this avi, and what of them is unpaid."""
        self.ensure_one()
        fees = self.sudo().search(
            [("housing_fee_origin_id", "=", self.id), ("state", "=", "posted")]
        )
        return sum(fees.mapped("amount_total")), sum(fees.mapped("amount_residual"))

    def _housing_leases(self):
        return self.sudo().housing_billing_ids.lease_id

    def _housing_kinds(self):
        """The kinds (residence, premises, parking) of the leases billed on this avi."""
        return {
            LEASE_TYPE_KINDS.get(lease.lease_type, "premises") for lease in self._housing_leases()
        }

    # ------------------------------------------------------------------ debt collection
    def _housing_letter_lang(self):
        return self.env["res.lang"]._get_code("sv_SE") or self.partner_id.lang or self.env.lang

    def _housing_check_collectable(self, day):
        """A posted rent avi, unpaid after its last day to pay and not sent already."""
        self.ensure_one()
        if not (self.move_type == "out_invoice" and self.state == "posted" and self.housing_period):
            raise UserError(self.env._("%(avi)s is not a posted rent avi.", avi=self.display_name))
        if self.housing_collection_date:
            raise UserError(
                self.env._(
                    "Avi %(avi)s was sent to debt collection on %(date)s already.",
                    avi=self.name,
                    date=self.housing_collection_date,
                )
            )
        if not self._housing_is_late_on(day):
            raise UserError(
                self.env._("Avi %(avi)s is not overdue on %(date)s.", avi=self.name, date=day)
            )

    def _housing_collection_rows(self, day):
        """The agency's file: a header and a row per avi. A contact with a protected
        identity has only the special postal address on the contact; their identity
        number comes from the protected register, for staff with that privilege only
        (the read is logged there), and is left empty for everyone else."""
        labels = self.env(context=dict(self.env.context, lang=self[:1]._housing_letter_lang()))
        header = [
            labels._("Debtor"),
            labels._("Personal or organisation number"),
            labels._("Address"),
            labels._("Postcode"),
            labels._("City"),
            labels._("Country"),
            labels._("Invoice number"),
            labels._("OCR reference"),
            labels._("Invoice date"),
            labels._("Due date"),
            labels._("Amount"),
            labels._("Unpaid"),
            labels._("Interest"),
            labels._("Interest rate (%)"),
            labels._("Interest from"),
            labels._("Fees"),
            labels._("Currency"),
        ]
        privileged = self.env.user.has_group(PROTECTED_GROUP)
        rates = self.env["housing.reference.rate"]._rates()
        rows = [header]
        for move in self:
            partner = move.partner_id.commercial_partner_id.sudo()
            if partner.protected_identity:
                number = ""
                if privileged:
                    number = (
                        self.env["housing.protected.identity"]
                        .search([("partner_id", "=", partner.id)], limit=1)
                        .personal_number
                        or ""
                    )
            else:
                number = partner.personal_number or partner.organisation_number or ""
            _fees, fees_unpaid = move._housing_fees()
            rate = interest.rate_on(day, sorted(rates))
            rows.append(
                [
                    partner.name,
                    number,
                    ", ".join(filter(None, (partner.street, partner.street2))),
                    partner.zip or "",
                    partner.city or "",
                    partner.country_id.code or "",
                    move.name,
                    move.payment_reference or "",
                    move.invoice_date.isoformat(),
                    move.invoice_date_due.isoformat(),
                    _amount(move.amount_total),
                    _amount(move._housing_residual_on(day)),
                    _amount(move._housing_interest_on(day, rates)),
                    _amount(rate + interest.SURCHARGE_POINTS) if rate is not None else "",
                    (move.invoice_date_due + deadlines.DAY).isoformat(),
                    _amount(fees_unpaid),
                    move.currency_id.name,
                ]
            )
        return rows


def _amount(value):
    """1234.5 as 1234,50: the decimal comma of Swedish files."""
    return f"{value:.2f}".replace(".", ",")
