import base64

from odoo import fields, models


class HousingPaymentImportWizard(models.TransientModel):
    _name = "housing.payment.import.wizard"
    _description = "Import a payments file"

    data_file = fields.Binary(string="File", required=True)
    filename = fields.Char(string="File name")

    def action_import(self):
        self.ensure_one()
        record = self.env["housing.payment.import"]._import_file(
            base64.b64decode(self.data_file), self.filename or ""
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "housing.payment.import",
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }
