import base64
from datetime import date
from pathlib import Path

from odoo import Command

from odoo.addons.housing_invoicing.tests.common import HousingInvoicingCase

DATA = Path(__file__).parent / "data"

# The OCR numbers of the sample files (tests/data): exact, partial, over, unknown (valid
# check digit, no avi), invalid (the check digit fails), the deduction's.
EXACT = "202600010120"
PARTIAL = "202600010229"
OVER = "202600010328"
UNKNOWN = "202600019923"
INVALID = "202600010421"
DEDUCTION = "202600010526"


def sample(name):
    return (DATA / name).read_bytes()


def truncated():
    """The BGMax sample without its end record."""
    return b"".join(sample("bgmax_sample.txt").splitlines(keepends=True)[:-1])


class HousingPaymentCase(HousingInvoicingCase):
    """The invoicing test company with its bank journal for the bankgiro and three avier
    whose OCR numbers the sample files pay: 6,200 kr (paid exactly), 9,000 kr (paid
    3,000 + 3,200) and 6,200 kr (paid 7,000)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._housing_payment_setup()
        cls.journal = cls.company.housing_payment_journal_id
        cls.Import = cls.env["housing.payment.import"]
        cls.StLine = cls.env["account.bank.statement.line"]
        cls.other_tenant = cls.make_tenant("Bertil Bergström")
        cls.avi_exact = cls.make_avi(cls.tenant, 6200, EXACT)
        cls.avi_partial = cls.make_avi(cls.other_tenant, 9000, PARTIAL)
        cls.avi_over = cls.make_avi(cls.co_tenant, 6200, OVER)

    @classmethod
    def make_avi(cls, partner, amount, reference, due=date(2026, 1, 30)):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "journal_id": cls.company.housing_invoice_journal_id.id,
                "partner_id": partner.id,
                "invoice_date": date(due.year, due.month, 1),
                "invoice_date_due": due,
                "housing_period": date(due.year, due.month, 1),
                "payment_reference": reference,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Grundhyra",
                            "quantity": 1,
                            "price_unit": amount,
                            "account_id": cls.company.housing_account_base_id.id,
                            "tax_ids": [Command.set(cls.company.housing_exempt_tax_id.ids)],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    def import_sample(self, name, user=None):
        Import = self.Import.with_user(user) if user else self.Import
        return Import.browse(Import.import_file(base64.b64encode(sample(name)).decode(), name))

    def line(self, record, reference, amount=None):
        lines = record.line_ids.filtered(lambda line: line.housing_reference == reference)
        if amount is not None:
            lines = lines.filtered(lambda line: line.amount == amount)
        self.assertEqual(len(lines), 1, reference)
        return lines
