from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.housing_base.tools.dates import stockholm_today


class HousingDunningRunWizard(models.TransientModel):
    _name = "housing.dunning.run.wizard"
    _description = "Dunning run"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=stockholm_today)
    state = fields.Selection(
        [("draft", "Draft"), ("preview", "Preview"), ("done", "Done")], default="draft"
    )
    summary = fields.Text(readonly=True)
    entry_ids = fields.Many2many("housing.dunning.entry", string="Reminders", readonly=True)

    @api.onchange("date", "company_id")
    def _onchange_reset_preview(self):
        self.state = "draft"
        self.summary = False

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _check_date(self):
        if self.date > stockholm_today():
            raise UserError(self.env._("Dunning cannot be run for a day that has not come."))

    def action_preview(self):
        """Show the steps a run would take, creating nothing."""
        self.ensure_one()
        self._check_date()
        todo = self.env["housing.dunning.entry"]._preview(self.company_id, self.date)
        if not todo:
            raise UserError(self.env._("No dunning step is due on this day."))
        currency = self.company_id.currency_id
        rows = [
            f"{move.name} {move.partner_id.display_name}: {step.name} "
            f"({currency.format(move.amount_residual)})"
            for move, step in todo[:200]
        ]
        header = self.env._("Reminders to send: %(count)s.", count=len(todo))
        self.write({"state": "preview", "summary": "\n".join([header, "", *rows])})
        return self._reopen()

    def action_run(self):
        self.ensure_one()
        self._check_date()
        entries = self.env["housing.dunning.entry"]._run(self.company_id, self.date)
        self.env["housing.lease.forfeiture"]._run(self.company_id, self.date)
        self.write(
            {
                "state": "done",
                "entry_ids": [fields.Command.set(entries.ids)],
                "summary": self.env._("Reminders sent: %(count)s.", count=len(entries)),
            }
        )
        return self._reopen()
