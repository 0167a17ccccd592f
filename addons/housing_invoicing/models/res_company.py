from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import ocr


class ResCompany(models.Model):
    _inherit = "res.company"

    housing_bankgiro = fields.Char(
        string="Bankgiro number",
        help="Printed on the rent avier with the OCR payment line, e.g. 5050-1055.",
    )
    housing_invoice_journal_id = fields.Many2one(
        "account.journal",
        string="Rent avi journal",
        domain="[('type', '=', 'sale'), ('company_id', '=', id)]",
    )
    housing_account_base_id = fields.Many2one("account.account", string="Income account, base rent")
    housing_account_parking_id = fields.Many2one(
        "account.account", string="Income account, parking"
    )
    housing_account_storage_id = fields.Many2one(
        "account.account", string="Income account, storage"
    )
    housing_account_charge_id = fields.Many2one(
        "account.account", string="Income account, charges and other"
    )
    housing_exempt_tax_id = fields.Many2one(
        "account.tax",
        string="Tax on exempt rent",
        domain="[('type_tax_use', '=', 'sale'), ('company_id', '=', id)]",
        help="Letting of housing is exempt from VAT; fiscal positions map this tax for "
        "premises under voluntary tax liability.",
    )
    housing_vat_fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        string="Voluntary VAT liability",
        help="Proposed on commercial leases whose tenant is registered for voluntary tax "
        "liability (25 % VAT on the rent).",
    )
    housing_invoice_days_ahead = fields.Integer(
        string="Send avier (days ahead)",
        default=20,
        help="How many days before the due date the monthly run bills a period.",
    )
    housing_retroactive_mode = fields.Selection(
        [
            ("next", "On the next avi"),
            ("separate", "On a separate avi"),
        ],
        string="Retroactive differences",
        default="next",
        required=True,
        help="Where the difference for months already billed goes when their rent changes.",
    )

    _housing_days_ahead_positive = models.Constraint(
        "CHECK(housing_invoice_days_ahead >= 0)",
        "Avier cannot be sent a negative number of days ahead.",
    )

    @api.constrains("housing_bankgiro")
    def _check_housing_bankgiro(self):
        for company in self.filtered("housing_bankgiro"):
            try:
                ocr.bankgiro_digits(company.housing_bankgiro)
            except ValueError:
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a bankgiro number: it has seven or eight digits "
                        "and ends with a check digit.",
                        number=company.housing_bankgiro,
                    )
                ) from None

    def _housing_kind_account(self, kind):
        """The income account of a rent kind."""
        self.ensure_one()
        field = {"base": "base", "parking": "parking", "storage": "storage"}.get(kind, "charge")
        return self[f"housing_account_{field}_id"]

    def _housing_check_invoicing_setup(self):
        self.ensure_one()
        if not self.housing_invoice_journal_id:
            raise UserError(
                self.env._(
                    "%(company)s has no rent avi journal: install the Swedish chart of "
                    "accounts (BAS) or choose the journal in the housing invoicing settings.",
                    company=self.name,
                )
            )
        if not self.housing_exempt_tax_id:
            raise UserError(
                self.env._(
                    "%(company)s has no tax for exempt rent in the housing invoicing settings.",
                    company=self.name,
                )
            )

    def _housing_demo_setup(self):
        """Demo data: the company keeps its books on the Swedish chart (BAS). Account's
        demo data gave it the generic chart with demo entries; loading a chart with demo
        data replaces them."""
        ChartTemplate = self.env["account.chart.template"]
        for company in self:
            if "se" not in ChartTemplate._get_parent_template(company.chart_template or ""):
                ChartTemplate.try_loading("se", company, install_demo=True)
