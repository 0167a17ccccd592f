import logging

from odoo import SUPERUSER_ID, Command, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    """19.0.2.1: the integration group is no longer an internal user (it implied
    base.group_user, which brought Maintenance's rights). Integration users who were made
    internal users explicitly (Odoo's user form gives new users the internal-user group)
    keep only the integration group; administrators are left alone and named in the log."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    group = env.ref("housing_base.group_housing_integration")
    users = (
        env["res.users"]
        .with_context(active_test=False)
        .search([("group_ids", "in", group.ids), ("share", "=", False)])
    )
    admins = users.filtered(lambda user: user._is_system())
    for user in admins:
        _logger.warning(
            "User %s is an administrator and a housing integration user: remove one of the two.",
            user.login,
        )
    (users - admins).write({"group_ids": [Command.set(group.ids)]})
