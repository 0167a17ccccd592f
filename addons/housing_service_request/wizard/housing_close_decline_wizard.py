from odoo import fields, models


class HousingCloseDeclineWizard(models.TransientModel):
    _name = "housing.close.decline.wizard"
    _description = "Decline a tenant's request to close"

    request_id = fields.Many2one("maintenance.request", required=True)
    reason = fields.Text(required=True, help="Sent to the tenant.")

    def action_confirm(self):
        self.request_id.action_decline_close_request(self.reason)
        return {"type": "ir.actions.act_window_close"}
