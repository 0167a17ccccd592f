import logging

from odoo import fields, models, tools
from odoo.exceptions import AccessError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, mute_logger

from ..tools.constants import INTEGRATION_GROUP

_logger = logging.getLogger(__name__)

USE_TABLE = "housing_api_key_use"
# The last use is written at most once a minute per key (a write per call would make
# every read-only JSON-2 call a write).
USE_RESOLUTION = "1 minute"


class HousingApiKey(models.Model):
    """The API keys of integration users, for housing managers: who has one, since when,
    until when, when it was last used, and revoke it (Odoo shows keys only to their owner
    and to administrators)."""

    _name = "housing.api.key"
    _description = "Integration API key"
    _auto = False
    _order = "last_used_at desc, id desc"

    name = fields.Char(string="Description", readonly=True)
    user_id = fields.Many2one("res.users", string="Integration user", readonly=True)
    scope = fields.Char(readonly=True)
    create_date = fields.Datetime(string="Issued", readonly=True)
    expiration_date = fields.Datetime(string="Expires", readonly=True)
    last_used_at = fields.Datetime(string="Last used", readonly=True)

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE TABLE IF NOT EXISTS %s ("
                " key_id integer PRIMARY KEY REFERENCES res_users_apikeys(id) ON DELETE CASCADE,"
                " last_used_at timestamp without time zone NOT NULL)",
                SQL.identifier(USE_TABLE),
            )
        )
        group = self.env.ref(INTEGRATION_GROUP, raise_if_not_found=False)
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(view)s AS
                SELECT k.id, k.name, k.user_id, k.scope, k.create_date, k.expiration_date,
                       u.last_used_at
                  FROM res_users_apikeys k
                  LEFT JOIN %(uses)s u ON u.key_id = k.id
                 WHERE k.user_id IN (
                       SELECT uid FROM res_groups_users_rel WHERE gid = %(group)s)
                """,
                view=SQL.identifier(self._table),
                uses=SQL.identifier(USE_TABLE),
                group=group.id if group else 0,
            )
        )

    def action_revoke(self):
        """Delete the keys: the integration can no longer call the API with them."""
        if not self.env.user.has_group("housing_base.group_housing_manager"):
            raise AccessError(self.env._("Only housing managers revoke integration API keys."))
        for key in self:
            _logger.info(
                "API key %r of %s revoked by %s", key.name, key.user_id.login, self.env.user.login
            )
        self.env["res.users.apikeys"].sudo().browse(self.ids)._remove()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _record_use(self, key_id):
        """Note that key ``key_id`` was used now. A read-only request (JSON-2 reads) writes
        in a cursor of its own, as Odoo's device log does."""
        self.env.cr.execute(
            SQL(
                "SELECT 1 FROM %s WHERE key_id = %s AND last_used_at > now() at time zone 'utc'"
                " - interval %s",
                SQL.identifier(USE_TABLE),
                key_id,
                USE_RESOLUTION,
            )
        )
        if self.env.cr.rowcount:
            return
        if self.env.cr.readonly:
            self.env.cr.rollback()  # nothing read yet is kept: the key check comes first
        # In a transaction of its own, so that parallel calls with one key never make the
        # request fail: when two note the use at once, one waits and then gives way (its
        # serialization error is the other's write of the same minute).
        try:
            with self.env.registry.cursor(readonly=False) as cr, mute_logger("odoo.sql_db"):
                cr.execute(
                    SQL(
                        "INSERT INTO %(uses)s (key_id, last_used_at)"
                        " VALUES (%(key)s, now() at time zone 'utc')"
                        " ON CONFLICT (key_id) DO UPDATE SET last_used_at = EXCLUDED.last_used_at",
                        uses=SQL.identifier(USE_TABLE),
                        key=key_id,
                    )
                )
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            _logger.debug("API key %s: its use was noted by a parallel call", key_id)
