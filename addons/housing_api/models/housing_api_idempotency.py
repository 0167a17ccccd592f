from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.errors import HousingApiError

KEY_MAX_LENGTH = 255
RETENTION = timedelta(hours=24)


class HousingApiIdempotency(models.Model):
    """A creating API call made with an ``Idempotency-Key`` header and its answer.

    A second call with the same key (same API user) gets the stored answer again
    instead of creating a second record; the same key with another request is refused.
    Keys are kept for at least 24 hours.
    """

    _name = "housing.api.idempotency"
    _description = "API idempotency key"
    _order = "id desc"
    _rec_name = "key"

    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade")
    key = fields.Char(required=True)
    request_hash = fields.Char(required=True, help="SHA-256 of the method, path and body.")
    response_status = fields.Integer()
    response_body = fields.Json()

    _user_key_unique = models.Constraint(
        "UNIQUE(user_id, key)", "This idempotency key has already been used."
    )

    @api.model
    def _run_once(self, key, request_hash, call):
        """Answer ``call()`` -> (status, body) once per (API user, ``key``).

        Returns (status, body, replayed). The key is claimed before ``call`` runs, so a
        concurrent second request waits for the first and then replays its answer (the
        database reports a serialisation failure, the HTTP layer retries the request).
        When ``call`` raises, the transaction and the claim are rolled back: only
        successful answers are stored.
        """
        if not key or len(key) > KEY_MAX_LENGTH:
            raise HousingApiError(
                400,
                "validation_error",
                self.env._(
                    "The Idempotency-Key header must have 1 to %(max)s characters.",
                    max=KEY_MAX_LENGTH,
                ),
            )
        now = fields.Datetime.now()
        uid = self.env.uid
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO housing_api_idempotency
                    (user_id, key, request_hash, create_uid, write_uid, create_date, write_date)
                VALUES (%(uid)s, %(key)s, %(hash)s, %(uid)s, %(uid)s, %(now)s, %(now)s)
                ON CONFLICT (user_id, key) DO NOTHING
                RETURNING id
                """,
                uid=uid,
                key=key,
                hash=request_hash,
                now=now,
            )
        )
        row = self.env.cr.fetchone()
        if row:
            status, body = call()
            self.sudo().browse(row[0]).write({"response_status": status, "response_body": body})
            return status, body, False
        previous = self.sudo().search([("user_id", "=", uid), ("key", "=", key)], limit=1)
        if previous.request_hash != request_hash:
            raise HousingApiError(
                409,
                "idempotency_conflict",
                self.env._(
                    "This Idempotency-Key was already used for a different request; use a "
                    "new key for a new request."
                ),
            )
        return previous.response_status, previous.response_body, True

    @api.autovacuum
    def _gc_expired(self):
        self.sudo().search([("create_date", "<", fields.Datetime.now() - RETENTION)]).unlink()
