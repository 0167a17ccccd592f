from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    lease_tenant_ids = fields.One2many("housing.lease.tenant", "partner_id", string="Lease roles")
    lease_count = fields.Integer(
        compute="_compute_lease_count", groups="housing_base.group_housing_user"
    )

    def _compute_lease_count(self):
        counts = dict(
            self.env["housing.lease.tenant"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.lease_count = counts.get(partner, 0)

    def action_view_leases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("housing_lease.action_housing_lease")
        action["domain"] = [("partner_ids", "in", self.ids)]
        action["context"] = {}
        return action
