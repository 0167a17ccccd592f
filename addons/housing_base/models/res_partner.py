import phonenumbers

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.identity import normalize_organisation_number, normalize_personal_number

# Fields that a protected identity (skyddad identitet) hides from staff below manager level.
PROTECTED_FIELDS = (
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "personal_number",
    "phone",
    "email",
    "contact_address",
)
STAFF_GROUPS = "housing_base.group_housing_user,housing_base.group_housing_integration"


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_housing_contact = fields.Boolean(
        string="Tenant or applicant",
        help="Customer of the housing company: gets a customer number and strict validation "
        "of identity number and phone.",
        index=True,
    )
    customer_number = fields.Char(copy=False, readonly=True, index="btree_not_null")
    personal_number = fields.Char(
        string="Personal identity number",
        copy=False,
        groups=STAFF_GROUPS,
        help="Personnummer or samordningsnummer, stored as YYYYMMDD-NNNN.",
    )
    organisation_number = fields.Char(
        copy=False,
        groups=STAFF_GROUPS,
        help="Organisationsnummer of a company, stored as NNNNNN-NNNN.",
    )
    housing_note = fields.Text(
        string="Important customer information",
        groups="housing_base.group_housing_user",
        help="Special attention note shown to staff only (Viktig kundinfo).",
    )
    protected_identity = fields.Boolean(
        groups=STAFF_GROUPS,
        tracking=True,
        help="Protected identity: address, identity number, phone and e-mail are hidden "
        "from everyone but housing managers.",
    )
    trustee_id = fields.Many2one(
        "res.partner",
        groups=STAFF_GROUPS,
        help="Trustee (god man) who acts for this contact.",
    )

    _customer_number_unique = models.Constraint(
        "UNIQUE(customer_number)", "The customer number must be unique."
    )
    _personal_number_unique = models.UniqueIndex(
        "(personal_number) WHERE active IS TRUE AND personal_number IS NOT NULL",
        "Another active contact already has this personal identity number.",
    )
    _organisation_number_unique = models.UniqueIndex(
        "(organisation_number) WHERE active IS TRUE AND organisation_number IS NOT NULL "
        "AND parent_id IS NULL",
        "Another active company already has this organisation number.",
    )

    # ------------------------------------------------------------------ create/write
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_housing_vals(vals, vals.get("is_housing_contact"))
            if vals.get("is_housing_contact") and not vals.get("customer_number"):
                vals["customer_number"] = self._next_customer_number()
        return super().create(vals_list)

    def write(self, vals):
        strict = vals.get("is_housing_contact") or any(self.mapped("is_housing_contact"))
        self._normalize_housing_vals(
            vals, strict, self[:1].country_id.code if len(self) == 1 else None
        )
        if vals.get("is_housing_contact"):
            for partner in self.filtered(lambda p: not p.customer_number):
                partner.customer_number = self._next_customer_number()
        return super().write(vals)

    def _next_customer_number(self):
        return self.env["ir.sequence"].sudo().next_by_code("housing.partner.customer_number")

    def _normalize_housing_vals(self, vals, strict, country_code=None):
        """Normalise identity numbers and phone in ``vals`` in place.

        Identity numbers are always validated. Phone numbers are rewritten to
        E.164 when they parse; an unparsable phone is an error only for housing
        contacts (``strict``), so contacts of other apps keep their free text.
        """
        env = self.env
        if vals.get("personal_number"):
            try:
                vals["personal_number"] = normalize_personal_number(vals["personal_number"])
            except ValueError as error:
                raise ValidationError(
                    self._identity_error(vals["personal_number"], str(error))
                ) from None
        if vals.get("organisation_number"):
            try:
                vals["organisation_number"] = normalize_organisation_number(
                    vals["organisation_number"]
                )
            except ValueError:
                raise ValidationError(
                    env._(
                        "%(number)s is not a valid Swedish organisation number.",
                        number=vals["organisation_number"],
                    )
                ) from None
        if vals.get("phone"):
            if vals.get("country_id"):
                country_code = env["res.country"].browse(vals["country_id"]).code
            phone = self._format_phone_e164(vals["phone"], country_code or "SE")
            if phone:
                vals["phone"] = phone
            elif strict:
                raise ValidationError(
                    env._("%(phone)s is not a valid phone number.", phone=vals["phone"])
                )

    def _identity_error(self, number, reason):
        if reason == "checksum":
            return self.env._(
                "%(number)s is not a valid personal identity number: the check digit is wrong.",
                number=number,
            )
        if reason == "date":
            return self.env._(
                "%(number)s is not a valid personal identity number: the date of birth does "
                "not exist.",
                number=number,
            )
        return self.env._(
            "%(number)s is not a valid personal identity number: use YYYYMMDD-NNNN.",
            number=number,
        )

    @api.model
    def _format_phone_e164(self, number, region="SE"):
        """Return ``number`` in E.164 (+46701234567) or False when it is not valid."""
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            return False
        if not phonenumbers.is_valid_number(parsed):
            return False
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

    # ------------------------------------------------------------------ constraints
    @api.constrains("personal_number", "organisation_number", "is_company")
    def _check_identity_kind(self):
        for partner in self.sudo():
            if partner.personal_number and partner.is_company:
                raise ValidationError(
                    self.env._(
                        "A company has an organisation number, not a personal identity number."
                    )
                )
            if partner.organisation_number and not partner.is_company:
                raise ValidationError(self.env._("Only companies have an organisation number."))

    @api.constrains("trustee_id")
    def _check_trustee(self):
        for partner in self.sudo():
            if partner.trustee_id == partner:
                raise ValidationError(self.env._("A contact cannot be their own trustee."))

    # ------------------------------------------------------------------ protected identity
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if self.env.su or self.env.user.has_group("housing_base.group_housing_manager"):
            return result
        hidden = [f for f in fnames if f in PROTECTED_FIELDS]
        if not hidden:
            return result
        protected_ids = set(self.sudo().filtered("protected_identity").ids)
        for values in result:
            if values["id"] in protected_ids:
                for fname in hidden:
                    values[fname] = False
        return result
