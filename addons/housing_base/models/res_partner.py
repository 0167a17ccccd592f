import re

import phonenumbers

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from ..tools.identity import normalize_organisation_number, normalize_personal_number
from .housing_protected_identity import PROTECTED_PARTNER_FIELDS, TRACKED_PARTNER_FIELDS

STAFF_GROUPS = "housing_base.group_housing_user,housing_base.group_housing_integration"
PROTECTION_GROUP = "housing_base.group_housing_protected_identity"
# What the special postal address (särskild postadress) may fill in on a protected contact.
SPECIAL_ADDRESS_FIELDS = ("street", "street2", "zip", "city", "country_id")
# What a write on a protected contact puts into the protected register instead.
DIVERTED_FIELDS = ("personal_number", "phone", "email")


class ResPartner(models.Model):
    _inherit = "res.partner"

    _rec_names_search = [
        "complete_name",
        "email",
        "ref",
        "vat",
        "company_registry",
        "housing_identity_search",
    ]

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
        readonly=True,
        copy=False,
        index=True,
        help="Protected identity (skyddad identitet): the real address, identity number, "
        "phone and e-mail are kept in the protected register, which only the Protected "
        "identities privilege can read; the contact shows the special postal address only.",
    )
    trustee_id = fields.Many2one(
        "res.partner",
        groups=STAFF_GROUPS,
        help="Trustee (god man) who acts for this contact.",
    )

    housing_identity_search = fields.Char(
        string="Customer number, identity number or phone",
        compute="_compute_housing_identity_search",
        search="_search_housing_identity_search",
        help="Finds a contact by customer number, personnummer or organisationsnummer, or "
        "phone number, in any of their usual forms (8112189876, 19811218-9876, 070-123 45 67).",
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
            if vals.get("protected_identity"):
                self._raise_protection_change()
            self._normalize_housing_vals(vals, vals.get("is_housing_contact"))
            if vals.get("is_housing_contact") and not vals.get("customer_number"):
                vals["customer_number"] = self._next_customer_number()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.context.get("housing_protection_change"):
            if "protected_identity" in vals:
                self._raise_protection_change()
            protected = self.sudo().filtered("protected_identity")
            if protected and (diverted := set(vals) & set(DIVERTED_FIELDS)):
                # Write-only for whoever may edit the contact (the tenant on the portal, staff
                # taking a new phone number): the value goes into the protected register.
                vals = dict(vals)  # the caller's dict stays as it was
                diverted_vals = {fname: vals.pop(fname) for fname in diverted}
                protected._write_protected_register(dict(diverted_vals))
                if others := self - protected:
                    others.write(diverted_vals)
        strict = vals.get("is_housing_contact") or any(self.mapped("is_housing_contact"))
        self._normalize_housing_vals(
            vals, strict, self[:1].country_id.code if len(self) == 1 else None
        )
        if vals.get("is_housing_contact"):
            for partner in self.filtered(lambda p: not p.customer_number):
                partner.customer_number = self._next_customer_number()
        return super().write(vals)

    def _compute_housing_identity_search(self):
        self.housing_identity_search = False

    def _search_housing_identity_search(self, operator, value):
        """Contacts whose customer number, identity number or phone is ``value`` in any of
        its usual forms. Identity numbers and phones are only searched for the staff who
        may read them (for others the result is what it would be without those fields)."""
        if operator not in ("ilike", "=") or not isinstance(value, str) or not value.strip():
            return NotImplemented
        value = value.strip()
        domain = Domain("customer_number", "=ilike", value)
        if not self._has_field_access(self._fields["personal_number"], "read"):
            return domain
        digits = re.sub(r"\D", "", value)
        for normalize, fname in (
            (normalize_personal_number, "personal_number"),
            (normalize_organisation_number, "organisation_number"),
        ):
            try:
                domain |= Domain(fname, "=", normalize(value))
            except ValueError:
                continue
        if len(digits) >= 6 and (phone := self._format_phone_e164(value)):
            domain |= Domain("phone", "=", phone)
        return domain

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
            if not env.context.get("housing_protection_change"):
                self._check_personal_number_free(vals["personal_number"])
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

    def _check_personal_number_free(self, number):
        """Refuse ``number`` when another active contact has it, naming that contact when
        the user may see them; a protected contact's number (in the protected register)
        gets the same words as the unique index, which tell nothing about them."""
        if same := self.search(
            [("personal_number", "=", number), ("id", "not in", self.ids)], limit=1
        ):
            raise ValidationError(
                self.env._(
                    "%(number)s already belongs to %(name)s (%(customer_number)s).",
                    number=number,
                    name=same.name,
                    customer_number=same.customer_number or "-",
                )
            )
        protected = self.env["housing.protected.identity"].sudo()
        if protected.search_count([("personal_number", "=", number)], limit=1):
            raise ValidationError(
                self.env._("Another active contact already has this personal identity number.")
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
    def _raise_protection_change(self):
        raise AccessError(
            self.env._(
                "A protected identity is set or lifted only with Protect identity or Lift "
                "protection, by staff with the Protected identities privilege, with a reason."
            )
        )

    def _check_protection_privilege(self):
        if not self.env.su and not self.env.user.has_group(PROTECTION_GROUP):
            self._raise_protection_change()

    @api.model
    def _protection_reason(self, reason):
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for setting or lifting the protection."))
        return reason

    def housing_protect_identity(self, reason, special_address=None):
        """Give these contacts a protected identity (skyddad identitet).

        Their identity number, address, phone and e-mail move into the protected register
        (``housing.protected.identity``); the contact keeps only ``special_address`` (the
        särskild postadress from Skatteverket: street, street2, zip, city, country_id).
        Mail tracking and e-mail senders that hold the old values are erased. Logged.
        """
        self._check_protection_privilege()
        reason = self._protection_reason(reason)
        address = {
            fname: (special_address or {}).get(fname) or False for fname in SPECIAL_ADDRESS_FIELDS
        }
        partners = self.sudo()
        if already := partners.filtered("protected_identity"):
            raise UserError(
                self.env._(
                    "%(names)s already has a protected identity.",
                    names=", ".join(already.mapped("name")),
                )
            )
        self._move_into_protected_register(reason, "protect")
        cleared = dict.fromkeys(PROTECTED_PARTNER_FIELDS, False)
        partners.with_context(housing_protection_change=True, mail_notrack=True).write(
            {**cleared, **address, "protected_identity": True}
        )
        partners.with_context(active_test=False).user_ids._housing_protect_login()
        for partner in partners:
            partner.message_post(
                body=self.env._(
                    "Protected identity set: the contact details are in the protected register."
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def housing_lift_protection(self, reason):
        """Lift the protection: the real contact details move back onto the contacts."""
        self._check_protection_privilege()
        reason = self._protection_reason(reason)
        partners = self.sudo()
        if unprotected := partners.filtered(lambda partner: not partner.protected_identity):
            raise UserError(
                self.env._(
                    "%(names)s has no protected identity.",
                    names=", ".join(unprotected.mapped("name")),
                )
            )
        registers = self.env["housing.protected.identity"].sudo()
        registers = registers.search([("partner_id", "in", partners.ids)])
        restore = {
            register.partner_id: register._convert_to_write(
                {fname: register[fname] for fname in PROTECTED_PARTNER_FIELDS}
            )
            for register in registers
        }
        self._log_protection("lift", reason)
        registers.unlink()
        unlift = partners.with_context(housing_protection_change=True, mail_notrack=True)
        for partner, values in restore.items():
            partner.with_env(unlift.env).write({**values, "protected_identity": False})
        unlift.filtered("protected_identity").write({"protected_identity": False})
        partners.with_context(active_test=False).user_ids._housing_restore_login()
        for partner in partners:
            partner.message_post(
                body=self.env._("Protected identity lifted."), subtype_xmlid="mail.mt_note"
            )
        return True

    def _move_into_protected_register(self, reason, action):
        partners = self.sudo()
        self.env["housing.protected.identity"].sudo().create(
            [
                {
                    **partner._convert_to_write(
                        {fname: partner[fname] for fname in PROTECTED_PARTNER_FIELDS}
                    ),
                    "partner_id": partner.id,
                    "reason": reason,
                    "protected_by_id": self.env.uid,
                    "protected_date": fields.Datetime.now(),
                }
                for partner in partners
            ]
        )
        partners._erase_protected_trail()
        self._log_protection(action, reason)

    def _write_protected_register(self, vals):
        self._normalize_housing_vals(vals, strict=True)
        registers = self.env["housing.protected.identity"].sudo()
        registers.search([("partner_id", "in", self.ids)]).with_context(
            housing_protection_change=True
        ).write(vals)
        self.env["housing.protected.identity.log"]._log("edit", self, vals)

    def _housing_protected_login(self):
        """The login of this protected contact's account: what identifies the account to
        staff without identifying the person (the customer number)."""
        self.ensure_one()
        return self.customer_number or f"skyddad-{self.id}"

    def _housing_staff_name(self):
        """This contact's name in texts that staff without the Protected identities
        privilege read beside a home or a space (a listing's chatter, a queue's ranking):
        a protected contact is not named there; the privilege finds them from the
        application or offer itself."""
        self.ensure_one()
        if self.protected_identity:
            return self.env._("a contact with protected identity")
        return self.display_name

    def _log_protection(self, action, reason):
        self.env["housing.protected.identity.log"]._log(
            action, self, PROTECTED_PARTNER_FIELDS, reason=reason
        )

    def _erase_protected_trail(self):
        """Erase what mail kept of the values that now are protected: tracking of address,
        phone and e-mail changes on the contacts, and the sender address of their messages."""
        env = self.sudo().env
        env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "in", self.ids),
                ("field_id.name", "in", TRACKED_PARTNER_FIELDS),
            ]
        ).unlink()
        env["mail.message"].search(
            [("author_id", "in", self.ids), ("email_from", "!=", False)]
        ).write({"email_from": False})

    @api.model
    def _housing_migrate_protected_identities(self):
        """Move the contact details of contacts that were protected before the protected
        register existed (housing_base 19.0.1) into it (migration to 19.0.2)."""
        # Every entry of the register, once, in a migration.
        registered = self.env["housing.protected.identity"].sudo().search([]).partner_id  # pylint: disable=no-search-all
        partners = (
            self.sudo()
            .with_context(active_test=False)
            .search([("protected_identity", "=", True), ("id", "not in", registered.ids)])
        )
        if not partners:
            return partners
        partners._move_into_protected_register(
            self.env._("Protected before the protected register existed (migration)."), "migrate"
        )
        partners.with_context(housing_protection_change=True, mail_notrack=True).write(
            dict.fromkeys(PROTECTED_PARTNER_FIELDS, False)
        )
        return partners

    def action_housing_open_protected_identity(self):
        """Open the protected register entry of this contact (reading it is logged)."""
        self.ensure_one()
        self._check_protection_privilege()
        register = self.env["housing.protected.identity"].search(
            [("partner_id", "=", self.id)], limit=1
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Protected identity"),
            "res_model": "housing.protected.identity",
            "res_id": register.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_housing_protection_wizard(self):
        self.ensure_one()
        self._check_protection_privilege()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "housing_base.action_housing_protected_identity_wizard"
        )
        action["context"] = {
            "default_partner_id": self.id,
            "default_mode": "lift" if self.sudo().protected_identity else "protect",
        }
        return action
