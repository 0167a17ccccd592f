from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.housing_invoicing.tools import ocr


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    housing_import_id = fields.Many2one(
        "housing.payment.import", string="Payments file", readonly=True, index="btree_not_null"
    )
    housing_import_key = fields.Char(
        string="Payment key",
        readonly=True,
        copy=False,
        help="Identifies the payment in Bankgirot's or the bank's files (bankgiro, date, "
        "deposit and serial number): a payment is imported once.",
    )
    housing_reference = fields.Char(
        string="Payment reference", readonly=True, index="btree_not_null"
    )
    housing_open_amount = fields.Monetary(
        string="Not matched",
        compute="_compute_housing_match",
        store=True,
        help="The part of the payment that is not applied to an avi: all of it when no avi "
        "was found, the surplus of an overpayment.",
    )
    housing_match_state = fields.Selection(
        [
            ("matched", "Matched"),
            ("overpaid", "Overpaid"),
            ("unmatched", "Unmatched"),
        ],
        string="Matching",
        compute="_compute_housing_match",
        store=True,
        index=True,
    )
    housing_avi_ids = fields.Many2many(
        "account.move", string="Avier paid", compute="_compute_housing_avi_ids"
    )

    _housing_import_key_unique = models.UniqueIndex(
        "(housing_import_key) WHERE housing_import_key IS NOT NULL",
        "This payment has already been imported.",
    )

    def _housing_receivable_lines(self):
        return self.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )

    @api.depends(
        "amount",
        "move_id.line_ids.account_id",
        "move_id.line_ids.balance",
        "move_id.line_ids.amount_residual",
    )
    def _compute_housing_match(self):
        for st_line in self:
            _liquidity, suspense, _other = st_line._seek_for_lines()
            receivable = st_line._housing_receivable_lines()
            # Positive for money received and not yet applied to an avi.
            open_amount = -sum(suspense.mapped("balance")) - sum(
                receivable.mapped("amount_residual")
            )
            st_line.housing_open_amount = open_amount
            if st_line.company_currency_id.is_zero(open_amount):
                st_line.housing_match_state = "matched"
            elif receivable.matched_debit_ids or receivable.matched_credit_ids:
                st_line.housing_match_state = "overpaid"
            else:
                st_line.housing_match_state = "unmatched"

    def _compute_housing_avi_ids(self):
        for st_line in self:
            receivable = st_line._housing_receivable_lines()
            counterparts = (
                receivable.matched_debit_ids.debit_move_id
                | receivable.matched_credit_ids.credit_move_id
            )
            st_line.housing_avi_ids = counterparts.move_id.filtered(
                lambda move: move.is_invoice(include_receipts=True)
            )

    @api.model
    def _housing_find_avier(self, references, company):
        """The receivable journal items of the posted avier and credit notes of
        ``company`` per OCR reference, oldest due first, for all the references at once
        (one query); references failing the check digit are not looked up."""
        valid = [ref for ref in references if ocr.is_valid_reference(ref, with_length=False)]
        by_reference = defaultdict(lambda: self.env["account.move.line"])
        if not valid:
            return by_reference
        items = self.env["account.move.line"].search_fetch(
            [
                ("move_id.payment_reference", "in", valid),
                ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                ("parent_state", "=", "posted"),
                ("company_id", "=", company.id),
                ("account_id.account_type", "=", "asset_receivable"),
            ],
            ["move_id", "account_id", "partner_id", "reconciled", "date_maturity"],
            order="date_maturity, id",
        )
        for item in items:
            by_reference[item.move_id.payment_reference] |= item
        return by_reference

    @api.model
    def _housing_reconcile(self, st_lines, items_by_reference):
        """Reconcile imported payments with their avier, one reconciliation plan for the
        batch: per reference, its payments against the open items of its avier, oldest
        due first (Odoo's plan sorts by due date). What a payment does not cover stays
        open on the avi; what is left of a payment stays an open credit of the contact."""
        payments = defaultdict(lambda: self.env["account.bank.statement.line"])
        for st_line in st_lines:
            if st_line.housing_reference in items_by_reference:
                payments[st_line.housing_reference] |= st_line
        plan = [
            lines._housing_receivable_lines()
            | items_by_reference[reference].filtered(lambda item: not item.reconciled)
            for reference, lines in payments.items()
        ]
        if plan:
            self.env["account.move.line"]._reconcile_plan(plan)

    def _housing_match(self, avier):
        """Apply what is open of this payment to ``avier`` (chosen by staff): the
        suspense line of an unmatched payment becomes the contact's receivable first."""
        self.ensure_one()
        if self.housing_match_state == "matched":
            raise UserError(self.env._("This payment is already matched in full."))
        open_items = avier.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        if not open_items or avier.filtered(lambda move: move.state != "posted"):
            raise UserError(self.env._("Choose a posted avi with an open amount."))
        partner = avier.commercial_partner_id
        if len(partner) != 1:
            raise UserError(self.env._("Choose avier of one contact."))
        _liquidity, suspense, _other = self._seek_for_lines()
        if suspense:
            no_sync = self.with_context(skip_account_move_synchronization=True)
            suspense.with_context(skip_account_move_synchronization=True).write(
                {"account_id": open_items.account_id[:1].id, "partner_id": partner.id}
            )
            no_sync.write({"partner_id": partner.id})
        own = self._housing_receivable_lines().filtered(lambda line: not line.reconciled)
        (own | open_items).reconcile()

    def action_housing_match(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Match to an avi"),
            "res_model": "housing.payment.match.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_statement_line_id": self.id},
        }
