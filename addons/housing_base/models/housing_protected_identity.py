from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The contact details that a protected identity keeps out of res.partner. Each is a field of
# the same name on both models: protecting moves the values here, lifting moves them back.
PROTECTED_PARTNER_FIELDS = (
    "personal_number",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "phone",
    "email",
)
# Fields whose mail tracking on the contact could hold a protected value.
TRACKED_PARTNER_FIELDS = (*PROTECTED_PARTNER_FIELDS, "contact_address_inline")


class HousingProtectedIdentity(models.Model):
    """The real contact details of a contact with a protected identity (skyddad identitet).

    Only the *Protected identities* privilege has access to this model, so no other user
    can read, search, group, export or print these values through any path. The contact
    itself (res.partner) keeps only what may be shown: the special postal address
    (särskild postadress) that Skatteverket gives. Every read is logged.
    """

    _name = "housing.protected.identity"
    _description = "Protected identity"
    _order = "partner_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="cascade"
    )
    customer_number = fields.Char(related="partner_id.customer_number")
    personal_number = fields.Char(
        string="Personal identity number", help="Stored as YYYYMMDD-NNNN."
    )
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", ondelete="restrict")
    country_id = fields.Many2one("res.country", ondelete="restrict")
    phone = fields.Char()
    email = fields.Char()
    reason = fields.Text(required=True, help="Why the contact is protected.")
    protected_by_id = fields.Many2one("res.users", string="Protected by", readonly=True)
    protected_date = fields.Datetime(string="Protected on", readonly=True)

    _partner_unique = models.Constraint(
        "UNIQUE(partner_id)", "A contact has one protected identity record."
    )
    _personal_number_unique = models.UniqueIndex(
        "(personal_number) WHERE personal_number IS NOT NULL",
        "Another contact already has this personal identity number.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"]
        for vals in vals_list:
            partners.with_context(housing_protection_change=True)._normalize_housing_vals(
                vals, strict=False
            )
        return super().create(vals_list)

    def write(self, vals):
        self.env["res.partner"].with_context(
            housing_protection_change=True
        )._normalize_housing_vals(vals, strict=True)
        result = super().write(vals)
        self._log_access("edit", list(vals))
        return result

    @api.constrains("personal_number")
    def _check_personal_number_free(self):
        for record in self.sudo():
            if record.personal_number and self.env["res.partner"].sudo().search_count(
                [
                    ("personal_number", "=", record.personal_number),
                    ("id", "!=", record.partner_id.id),
                ],
                limit=1,
            ):
                raise ValidationError(
                    self.env._("Another active contact already has this personal identity number.")
                )

    # ------------------------------------------------------------------ logging of reads
    def _read_format(self, fnames, load="_classic_read"):
        # read, web_read and search_read all end here.
        result = super()._read_format(fnames, load=load)
        self._log_access("read", fnames)
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._log_access("export", [path.split("/")[0] for path in fields_to_export])
        return result

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        result = super()._read_group(domain, groupby, aggregates, *args, **kwargs)
        if not self.env.su:
            fnames = [spec.split(":")[0].split(".")[0] for spec in (*groupby, *aggregates)]
            self._log_access("group", fnames, domain=domain)
        return result

    def _log_access(self, action, fnames, domain=None):
        """Record who read what of these protected identities (for the DPO)."""
        if self.env.su:
            return
        sensitive = sorted(set(fnames) & set(PROTECTED_PARTNER_FIELDS))
        if not sensitive:
            return
        partners = self.sudo().partner_id if domain is None else self.env["res.partner"]
        note = None if domain is None else str(domain)
        self.env["housing.protected.identity.log"]._log(action, partners, sensitive, note=note)
