from odoo import api, models
from odoo.fields import Domain


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._housing_protect_login()
        return users

    def write(self, vals):
        result = super().write(vals)
        if "login" in vals or "partner_id" in vals:
            self._housing_protect_login()
        return result

    def _housing_protect_login(self):
        """A protected contact's account logs in under the customer number: every
        internal user reads logins, and a login is mostly the e-mail address that the
        protection keeps in the register. The person still signs in with that address
        (see :meth:`_get_login_domain`)."""
        for user in self.sudo().filtered("partner_id.protected_identity"):
            login = user.partner_id._housing_protected_login()
            if user.login != login:
                user.write({"login": login})

    def _housing_restore_login(self):
        """After the protection is lifted, the accounts that logged in under the customer
        number log in with the contact's e-mail address again, where no other account
        has it."""
        for user in self.sudo():
            partner = user.partner_id
            email = partner.email and partner.email.strip().lower()
            if (
                email
                and user.login == partner._housing_protected_login()
                and not self.sudo().search_count([("login", "=", email)], limit=1)
            ):
                user.write({"login": email})

    @api.model
    def _get_login_domain(self, login):
        domain = super()._get_login_domain(login)
        if not login or "@" not in login:
            return domain
        # A protected contact signs in with the e-mail address kept in the protected
        # register (their account's login is the customer number).
        partners = (
            self.env["housing.protected.identity"]
            .sudo()
            .search([("email", "=ilike", login.strip())])
            .partner_id
        )
        if not partners:
            return domain
        return domain | Domain("partner_id", "in", partners.ids)
