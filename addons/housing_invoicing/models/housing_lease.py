from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Letting of homes is always exempt from VAT (3 kap. 2 § mervärdesskattelagen).
EXEMPT_TYPES = ("residence", "short_term")


class HousingLease(models.Model):
    _inherit = "housing.lease"

    billing_frequency = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly")],
        string="Billing frequency",
        default="monthly",
        required=True,
        tracking=True,
        help="Rent is billed in advance for each month, or for each calendar quarter.",
    )
    avi_partner_id = fields.Many2one(
        "res.partner",
        string="Send avi to",
        tracking=True,
        help="Leave empty to send the rent avi to the main tenant. All tenants remain "
        "jointly liable for the rent.",
    )
    billing_partner_id = fields.Many2one(
        "res.partner",
        string="Avi recipient",
        compute="_compute_billing_partner_id",
        store=True,
        index=True,
    )
    fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        string="VAT",
        tracking=True,
        check_company=True,
        help="Premises let under voluntary tax liability (frivillig skattskyldighet), or "
        "parking let to others than the company's tenants: the rent is billed with VAT "
        "through this fiscal position. Empty: exempt.",
    )
    billing_ids = fields.One2many("housing.invoice.billing", "lease_id", string="Billed months")
    avi_count = fields.Integer(compute="_compute_avi_count")

    @api.depends("avi_partner_id", "partner_id")
    def _compute_billing_partner_id(self):
        for lease in self:
            lease.billing_partner_id = lease.avi_partner_id or lease.partner_id

    def _compute_avi_count(self):
        counts = dict(
            self.env["housing.invoice.billing"]._read_group(
                [("lease_id", "in", self.ids)], ["lease_id"], ["move_id:count_distinct"]
            )
        )
        for lease in self:
            lease.avi_count = counts.get(lease, 0)

    @api.constrains("fiscal_position_id", "lease_type")
    def _check_fiscal_position(self):
        for lease in self:
            if lease.fiscal_position_id and lease.lease_type in EXEMPT_TYPES:
                raise ValidationError(
                    self.env._(
                        "Lease %(lease)s is a home: the letting of housing is exempt from "
                        "VAT and cannot be billed with a VAT fiscal position.",
                        lease=lease.name,
                    )
                )

    def action_view_avier(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("housing_billing_ids.lease_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
