from odoo import fields, models


class HousingProtectedIdentityWizard(models.TransientModel):
    """Set or lift a protected identity, with the reason (both are logged)."""

    _name = "housing.protected.identity.wizard"
    _description = "Set or lift a protected identity"

    partner_id = fields.Many2one("res.partner", string="Contact", required=True)
    mode = fields.Selection(
        [("protect", "Protect identity"), ("lift", "Lift protection")],
        required=True,
        default="protect",
    )
    reason = fields.Text(
        required=True,
        help="Why the identity is protected or no longer protected, e.g. the decision of "
        "Skatteverket. Kept in the access log for the data protection officer.",
    )
    street = fields.Char(string="Special postal address")
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country", default=lambda self: self.env.ref("base.se"))

    def action_apply(self):
        self.ensure_one()
        if self.mode == "lift":
            self.partner_id.housing_lift_protection(self.reason)
        else:
            self.partner_id.housing_protect_identity(
                self.reason,
                {
                    "street": self.street,
                    "street2": self.street2,
                    "zip": self.zip,
                    "city": self.city,
                    "country_id": self.country_id.id,
                },
            )
        return {"type": "ir.actions.act_window_close"}
