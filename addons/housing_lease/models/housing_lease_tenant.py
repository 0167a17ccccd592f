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
        [("main", "Main tenant"), ("co", "Co-tenant")],
        required=True,
        compute="_compute_role",
        store=True,
        readonly=False,
        precompute=True,
        help="The first tenant of a lease is its main tenant, the next ones co-tenants.",
    )

    _partner_unique = models.Constraint(
        "UNIQUE(lease_id, partner_id)", "A contact is listed only once on a lease."
    )

    @api.depends("lease_id")
    def _compute_role(self):
        for line in self.filtered(lambda line: not line.role):
            others = line.lease_id.tenant_line_ids - line
            line.role = "co" if "main" in others.mapped("role") else "main"

    @api.constrains("role", "lease_id")
    def _check_main_tenant(self):
        self.lease_id._check_main_tenant()
