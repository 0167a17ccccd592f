from odoo import fields, models


class HousingRequestReasonWizard(models.TransientModel):
    _name = "housing.request.reason.wizard"
    _description = "Reason for a service request decision"

    request_ids = fields.Many2many("maintenance.request", required=True)
    mode = fields.Selection(
        [("decline_close", "Keep open"), ("hand_back", "Hand back")], required=True
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        requests = self.request_ids
        if self.mode == "decline_close":
            requests.action_decline_close_request(self.reason)
            return {"type": "ir.actions.act_window_close"}
        requests.action_hand_back(self.reason)
        if requests.has_access("read"):
            return {"type": "ir.actions.act_window_close"}
        # A contractor no longer sees what they handed back: show their remaining requests.
        return self.env["ir.actions.act_window"]._for_xml_id(
            "maintenance.hr_equipment_request_action"
        )
