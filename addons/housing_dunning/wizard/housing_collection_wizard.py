import base64
import csv
import io

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.housing_base.tools.dates import stockholm_today


class HousingCollectionWizard(models.TransientModel):
    """Hand unpaid avier to a debt collection agency (inkasso): records the day they
    were sent and gives the file the agency needs."""

    _name = "housing.collection.wizard"
    _description = "Send to debt collection"

    move_ids = fields.Many2many(
        "account.move",
        string="Avier",
        required=True,
        domain=[("move_type", "=", "out_invoice"), ("housing_period", "!=", False)],
    )
    agency_id = fields.Many2one("res.partner", string="Debt collection agency", required=True)
    date = fields.Date(string="Sent on", required=True, default=stockholm_today)
    export_file = fields.Binary(string="File", readonly=True, attachment=False)
    export_filename = fields.Char(readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "account.move":
            values["move_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return values

    def action_send(self):
        self.ensure_one()
        today = stockholm_today()
        if self.date > today:
            raise UserError(
                self.env._("An avi cannot be sent to debt collection on a day that has not come.")
            )
        for move in self.move_ids:
            move._housing_check_collectable(self.date)
        rows = self.move_ids._housing_collection_rows(self.date)
        self.move_ids.sudo().write(
            {
                "housing_collection_date": self.date,
                "housing_collection_agency_id": self.agency_id.id,
            }
        )
        for move in self.move_ids:
            body = self.with_context(lang=move._housing_letter_lang()).env._(
                "Avi %(avi)s was sent to debt collection on %(date)s.",
                avi=move.name,
                date=self.date,
            )
            for record in (*move._housing_leases(), move.partner_id):
                record.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        self.write(
            {
                "export_file": base64.b64encode(_csv(rows).encode("utf-8-sig")),
                "export_filename": f"inkasso-{self.date.isoformat()}.csv",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/export_file/"
            f"{self.export_filename}?download=true",
            "target": "self",
        }


def _csv(rows):
    """Semicolon separated, as Swedish spreadsheets and agencies read it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()
