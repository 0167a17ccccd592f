from odoo import models


class HousingLease(models.Model):
    _inherit = "housing.lease"

    def _housing_portal_avier(self, user):
        """The posted avier of the lease that ``user`` may read (a co-tenant does not see
        the avier sent to the main tenant), newest first."""
        self.ensure_one()
        moves = self.sudo().billing_ids.move_id.filtered(lambda move: move.state == "posted")
        visible = moves.with_user(user)._filtered_access("read")
        return visible.sorted(lambda move: (move.invoice_date or move.date, move.id), reverse=True)
