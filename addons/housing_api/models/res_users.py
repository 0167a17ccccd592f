from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.constants import INTEGRATION_GROUP


class ResUsers(models.Model):
    _inherit = "res.users"

    def housing_issue_api_key(self, name, expiration_date=False):
        """Issue an API key for this integration user and return it (it is shown once).

        For system administrators who set up another system's technical user, which has
        no password to log in and create its own key: over JSON-RPC or JSON-2 as
        ``res.users.housing_issue_api_key([user_id], name, expiration_date)``. The key has
        the 'rpc' scope: it works for JSON-2, JSON-RPC and the /api/housing/v1 endpoints.
        """
        self.ensure_one()
        if not self.env.user._is_system():
            raise AccessError(self.env._("Only administrators can issue API keys for other users."))
        if not self.has_group(INTEGRATION_GROUP):
            raise UserError(
                self.env._(
                    "%(user)s is not a housing integration user: API keys are issued only "
                    "for technical users of other systems.",
                    user=self.name,
                )
            )
        if not (name or "").strip():
            raise UserError(self.env._("Describe what the API key is for."))
        expiration = fields.Datetime.to_datetime(expiration_date) if expiration_date else None
        return (
            self.env["res.users.apikeys"]
            .with_user(self)
            .sudo()
            ._generate("rpc", name.strip(), expiration)
        )
