from odoo import models

from odoo.addons.housing_api.tools.formatting import iso_date, none_if_false


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    def _housing_api_payment_values(self):
        """The payments applied to avier, as the v1 API shows them: each partial
        reconciliation of an avi's receivable line with a payment or a bank statement
        line (read on behalf of whoever may read the avi, as Odoo's invoice shows its
        payments)."""
        values = []
        for partial in self.sudo():
            avi = partial.debit_move_id.move_id
            line = partial.credit_move_id
            statement = line.move_id.statement_line_id
            values.append(
                {
                    "id": partial.id,
                    "date": iso_date(line.date),
                    "amount": partial.amount,
                    "currency": partial.company_currency_id.name,
                    "reference": none_if_false(
                        statement.payment_ref
                        or line.move_id.origin_payment_id.memo
                        or line.move_id.ref
                        or line.name
                    ),
                    "source": "bank_statement" if statement else "payment",
                    "invoice": {
                        "number": avi.name,
                        "ocr_reference": none_if_false(avi.payment_reference),
                    },
                }
            )
        return values
