from odoo import api, fields, models

from odoo.addons.housing_base.tools.dates import stockholm_today


class HousingLeaseNoticeWizard(models.TransientModel):
    _name = "housing.lease.notice.wizard"
    _description = "Give notice on a lease"

    lease_id = fields.Many2one("housing.lease", required=True)
    given_by = fields.Selection(
        [("tenant", "Tenant"), ("landlord", "Landlord")], required=True, default="tenant"
    )
    notice_date = fields.Date(required=True, default=stockholm_today)
    preferred_move_out_date = fields.Date()
    earliest_termination_date = fields.Date(compute="_compute_earliest_termination_date")
    termination_date = fields.Date(
        compute="_compute_termination_date", store=True, readonly=False, required=True
    )
    is_override = fields.Boolean(compute="_compute_is_override")
    override_reason = fields.Char()

    @api.depends("lease_id", "notice_date")
    def _compute_earliest_termination_date(self):
        for wizard in self:
            wizard.earliest_termination_date = (
                wizard.lease_id
                and wizard.notice_date
                and wizard.lease_id.get_earliest_termination_date(wizard.notice_date)
            )

    @api.depends("earliest_termination_date", "preferred_move_out_date")
    def _compute_termination_date(self):
        for wizard in self:
            earliest = wizard.earliest_termination_date
            preferred = wizard.preferred_move_out_date
            wizard.termination_date = (
                max(earliest, preferred) if earliest and preferred else earliest
            )

    @api.depends("termination_date", "earliest_termination_date")
    def _compute_is_override(self):
        for wizard in self:
            wizard.is_override = bool(
                wizard.termination_date
                and wizard.earliest_termination_date
                and wizard.termination_date < wizard.earliest_termination_date
            )

    def action_confirm(self):
        self.ensure_one()
        self.lease_id.give_notice(
            self.notice_date,
            given_by=self.given_by,
            preferred_move_out_date=self.preferred_move_out_date,
            termination_date=self.termination_date,
            override_reason=self.override_reason,
        )
        return {"type": "ir.actions.act_window_close"}
