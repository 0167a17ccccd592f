from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """19.0.2.2: the accounts of contacts protected before this version log in under the
    customer number instead of (mostly) the e-mail address kept in the protected register."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    partners = env["res.partner"].with_context(active_test=False)
    partners.search([("protected_identity", "=", True)]).user_ids._housing_protect_login()
