from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """19.0.2: the protected register. Contacts protected before it existed kept their real
    details on res.partner, masked on read; move them into the register."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._housing_migrate_protected_identities()
