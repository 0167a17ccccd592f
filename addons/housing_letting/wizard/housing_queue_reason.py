from odoo import fields, models


class HousingQueueReason(models.TransientModel):
    """Staff give the reason for restoring or removing queue places, or for annulling a
    refusal; the models' methods check the rights and log the reason."""

    _name = "housing.queue.reason"
    _description = "Reason for a change to a queue place"

    action = fields.Selection(
        [
            ("restore", "Restore the queue place"),
            ("remove", "Remove from the queue"),
            ("annul", "Annul the refusal"),
        ],
        required=True,
    )
    membership_ids = fields.Many2many("housing.queue.membership", string="Queue places")
    refusal_ids = fields.Many2many("housing.queue.refusal", string="Refusals")
    reason = fields.Char(required=True)

    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model, ids = self.env.context.get("active_model"), self.env.context.get("active_ids")
        if model == "housing.queue.membership" and ids:
            values["membership_ids"] = [fields.Command.set(ids)]
        elif model == "housing.queue.refusal" and ids:
            values["refusal_ids"] = [fields.Command.set(ids)]
        return values

    def action_apply(self):
        self.ensure_one()
        if self.action == "annul":
            self.refusal_ids.action_annul(self.reason)
        elif self.action == "restore":
            self.membership_ids.action_restore(self.reason)
        else:
            self.membership_ids.action_remove(self.reason)
        return {"type": "ir.actions.act_window_close"}
