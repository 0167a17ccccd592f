from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    housing_payment_journal_id = fields.Many2one(
        "account.journal",
        string="Bankgiro payments journal",
        domain="[('type', '=', 'bank'), ('company_id', '=', id)]",
        help="The bank journal that payments to the company's bankgiro (BGMax and camt.054 "
        "files from Bankgirot) are imported into.",
    )

    def _housing_payment_setup(self):
        """Companies without a bankgiro payments journal get their first bank journal."""
        for company in self.filtered(lambda company: not company.housing_payment_journal_id):
            Journal = self.env["account.journal"]
            company.housing_payment_journal_id = Journal.search(
                [*Journal._check_company_domain(company), ("type", "=", "bank")],
                limit=1,
            )
