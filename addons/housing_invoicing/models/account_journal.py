from odoo import fields, models


class AccountJournal(models.Model):
    _inherit = "account.journal"

    invoice_reference_model = fields.Selection(
        selection_add=[("housing_ocr", "Bankgirot OCR (length and check digit)")],
        ondelete={"housing_ocr": "set default"},
    )
