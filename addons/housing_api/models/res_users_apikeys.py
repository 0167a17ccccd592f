from odoo import models
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.base.models.res_users import INDEX_SIZE, KEY_CRYPT_CONTEXT


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    def _check_credentials(self, *, scope, key):
        """Every check of a key in a request (JSON-2 and v1 bearer calls, JSON-RPC with
        the key as password) also notes when the key was last used, for the managers' key
        list."""
        uid = super()._check_credentials(scope=scope, key=key)
        if uid and request:
            self.env.cr.execute(
                SQL(
                    "SELECT id, key FROM res_users_apikeys WHERE user_id = %s AND index = %s",
                    uid,
                    key[:INDEX_SIZE],
                )
            )
            rows = self.env.cr.fetchall()
            for key_id, hashed in rows:
                if len(rows) == 1 or KEY_CRYPT_CONTEXT.verify(key, hashed):
                    self.env["housing.api.key"]._record_use(key_id)
                    break
        return uid
