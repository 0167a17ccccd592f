from odoo import api, fields, models


class HousingLeaseTenant(models.Model):
    _name = "housing.lease.tenant"
    _description = "Tenant of a lease"
    _order = "role desc, id"

    lease_id = fields.Many2one("housing.lease", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner", string="Tenant", required=True, index=True, ondelete="restrict"
    )
    role = fields.Selection(
        [("main", "Main tenant"), ("co", "Co-tenant")], required=True, default="main"
    )

    _partner_unique = models.Constraint(
        "UNIQUE(lease_id, partner_id)", "A contact is listed only once on a lease."
    )

    @api.constrains("role", "lease_id")
    def _check_main_tenant(self):
        self.lease_id._check_main_tenant()
