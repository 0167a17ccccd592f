from odoo import fields, models

LEASE_READERS = "housing_base.group_housing_user,housing_base.group_housing_integration"


class ResPartner(models.Model):
    _inherit = "res.partner"

    lease_ids = fields.Many2many(
        "housing.lease",
        "housing_lease_res_partner_rel",
        "res_partner_id",
        "housing_lease_id",
        string="Leases",
        readonly=True,
        copy=False,
        groups=LEASE_READERS,
        help="Leases on which this contact is a tenant.",
    )
    lease_count = fields.Integer(compute="_compute_lease_count", groups=LEASE_READERS)

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
