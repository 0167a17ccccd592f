from odoo import api, fields, models


class HousingQueueStartCorrection(models.TransientModel):
    """A housing manager moves a contact's queue start date, giving the reason."""

    _name = "housing.queue.start.correction"
    _description = "Correct a queue start date"

    membership_id = fields.Many2one("housing.queue.membership", required=True, readonly=True)
    queue_start_date = fields.Date(string="New queue start", required=True)
    reason = fields.Text(required=True, help="Why the date moves; it is logged on the queue.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "housing.queue.membership":
            membership = self.env["housing.queue.membership"].browse(
                self.env.context.get("active_id")
            )
            values.update(membership_id=membership.id, queue_start_date=membership.queue_start_date)
        return values

    def action_confirm(self):
        self.ensure_one()
        self.membership_id.correct_queue_start(self.queue_start_date, self.reason)
        return {"type": "ir.actions.act_window_close"}
