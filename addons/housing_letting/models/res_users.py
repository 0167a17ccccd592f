from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _update_last_login(self):
        """A login to My pages confirms the applicant's queue places (keep-alive)."""
        result = super()._update_last_login()
        if self.env.user.share:
            self.env["housing.queue.membership"]._confirm_at_login(self.env.user.partner_id)
        return result
