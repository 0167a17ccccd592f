from odoo import fields, models


class AccountBankStatement(models.Model):
    _inherit = "account.bank.statement"

    housing_import_id = fields.Many2one(
        "housing.payment.import", string="Payments file", readonly=True, index="btree_not_null"
    )
