from odoo import http
from odoo.tests import HttpCase, new_test_user
from odoo.tools import format_date


class HousingPortalCase(HttpCase):
    """Two tenants with portal logins; helpers to post portal forms with a CSRF token."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_user = new_test_user(
            cls.env,
            "hyresgast1",
            groups="base.group_portal",
            name="Anna Andersson",
            password="hyresgast1-pass",
        )
        cls.tenant = cls.tenant_user.partner_id
        cls.tenant.write(
            {
                "is_housing_contact": True,
                "personal_number": "198506061004",
                "email": "anna@example.se",
                "phone": "0701234567",
            }
        )
        cls.other_user = new_test_user(
            cls.env,
            "hyresgast2",
            groups="base.group_portal",
            name="Bengt Karlsson",
            password="hyresgast2-pass",
        )
        cls.other_tenant = cls.other_user.partner_id
        cls.other_tenant.write({"is_housing_contact": True, "personal_number": "198607071001"})
        # By user, since a protected tenant's login changes (to the customer number).
        cls.passwords = {cls.tenant_user: "hyresgast1-pass", cls.other_user: "hyresgast2-pass"}

    def day(self, value):
        """A date as the portal shows it to the tenant (in their language)."""
        return format_date(self.env, value)

    def tenant_reads(self, lang, modules):
        """The tenant's language is ``lang`` (e.g. sv_SE), with its terms of ``modules``."""
        self.env["res.lang"]._activate_lang(lang)
        self.env["ir.module.module"]._load_module_terms(modules, [lang])
        self.tenant_user.lang = lang

    def login_tenant(self, user=None):
        user = user or self.tenant_user
        self.authenticate(user.login, self.passwords.get(user, user.login + "-pass"))

    def post_form(self, url, data, csrf=True, files=None, allow_redirects=True):
        if csrf:
            data = {**data, "csrf_token": http.Request.csrf_token(self)}
        return self.url_open(url, data=data, files=files, allow_redirects=allow_redirects)

    def assertRedirectsTo(self, response, path):
        """Post/redirect/get: a portal form answers with a redirect to ``path``."""
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertEqual(
            response.headers["Location"].split("://", 1)[-1].split("/", 1)[-1], path.lstrip("/")
        )
