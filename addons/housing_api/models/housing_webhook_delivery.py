import hashlib
import hmac
import json
import logging
import time
import uuid
from datetime import timedelta

import requests

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.formatting import iso_datetime

_logger = logging.getLogger(__name__)

TIMEOUT = 10  # seconds per POST
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)  # then 2, 4, 8 ... minutes
BATCH_SIZE = 200


class HousingWebhookDelivery(models.Model):
    """Outbox of webhook calls.

    Domain changes only add rows here, inside the user's transaction (so a rolled back
    change sends nothing); the cron posts them later in its own transactions, retries
    failures with exponential back-off and gives up after MAX_ATTEMPTS.
    """

    _name = "housing.webhook.delivery"
    _description = "Webhook delivery"
    _order = "id desc"
    _rec_name = "event_code"

    subscription_id = fields.Many2one(
        "housing.webhook.subscription", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(related="subscription_id.user_id", string="Owner")
    event_code = fields.Char(string="Event", required=True, index=True)
    uuid = fields.Char(
        string="Delivery ID", required=True, readonly=True, default=lambda self: str(uuid.uuid4())
    )
    payload = fields.Json(required=True, readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Delivered"), ("failed", "Failed")],
        default="pending",
        required=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    next_attempt_at = fields.Datetime(
        default=fields.Datetime.now, index=True, help="When the cron posts it (again)."
    )
    last_status_code = fields.Integer(readonly=True, help="HTTP status of the last attempt.")
    last_error = fields.Text(readonly=True)
    delivered_at = fields.Datetime(readonly=True)

    # ------------------------------------------------------------------ outbox
    @api.model
    def _enqueue(self, event_code, records):
        """Queue ``event_code`` about ``records`` for every active subscription to it,
        of the records its owner may read (not a protected tenant's lease or avi for an
        integration without the Protected identities privilege).

        Runs in the caller's transaction and never calls out; the payload's ``data`` is
        the record as the v1 API shows it."""
        if not records:
            return self.browse()
        subscriptions = (
            self.env["housing.webhook.subscription"]
            .sudo()
            .search([("event_ids.code", "=", event_code)])
        )
        if not subscriptions:
            return self.browse()
        occurred_at = iso_datetime(fields.Datetime.now())
        vals_list = []
        values = dict(zip(records.ids, records.sudo()._housing_api_values(), strict=True))
        for subscription in subscriptions:
            owner = subscription.user_id
            visible = records.with_user(owner).with_context(
                allowed_company_ids=owner.company_ids.ids
            )
            for record in visible._filtered_access("read"):
                data = values[record.id]
                delivery_id = str(uuid.uuid4())
                vals_list.append(
                    {
                        "subscription_id": subscription.id,
                        "event_code": event_code,
                        "uuid": delivery_id,
                        "payload": {
                            "id": delivery_id,
                            "event": event_code,
                            "occurred_at": occurred_at,
                            "data": data,
                        },
                    }
                )
        deliveries = self.sudo().create(vals_list)
        self.env.ref("housing_api.ir_cron_housing_webhook_deliver").sudo()._trigger()
        return deliveries

    # ------------------------------------------------------------------ sending
    def _body(self):
        """The exact bytes that are posted and signed."""
        return json.dumps(self.payload, ensure_ascii=False, separators=(",", ":")).encode()

    @api.model
    def _signature(self, secret, body, timestamp):
        """'t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body>': the time is signed with
        the body, so a receiver that refuses an old t (USAGE.md: over 300 seconds) cannot
        be fed a captured delivery again later."""
        signed = f"{timestamp}.".encode() + body
        digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
        return f"t={timestamp},v1={digest}"

    def _deliver(self):
        """POST this delivery once and record the outcome (no commit here)."""
        self.ensure_one()
        subscription = self.subscription_id
        body = self._body()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Odoo-Housing-Webhooks/1.0",
            "X-Housing-Event": self.event_code,
            "X-Housing-Delivery": self.uuid,
            "X-Housing-Signature": self._signature(subscription.secret, body, int(time.time())),
        }
        # Only the status is kept: the receiver's answer (or an error text naming hosts
        # and ports) would tell the subscriber what is behind the URL. Redirects are not
        # followed, so the address checked is the one called.
        status_code, error = 0, None
        try:
            error = subscription._internal_address_refusal()
        except OSError:
            error = self.env._("The host name of the URL does not resolve.")
        if error is None:
            try:
                response = requests.post(
                    subscription.url,
                    data=body,
                    headers=headers,
                    timeout=TIMEOUT,
                    allow_redirects=False,
                )
                status_code = response.status_code
                if not 200 <= status_code < 300:
                    error = f"HTTP {status_code}"
            except requests.RequestException as exc:
                error = exc.__class__.__name__
        now = fields.Datetime.now()
        attempts = self.attempts + 1
        values = {"attempts": attempts, "last_status_code": status_code, "last_error": error}
        if error is None:
            values.update(state="done", delivered_at=now, next_attempt_at=False)
        elif attempts >= MAX_ATTEMPTS:
            values.update(state="failed", next_attempt_at=False)
            _logger.warning(
                "Webhook delivery %s to %s failed %s times, giving up: %s",
                self.uuid,
                subscription.url,
                attempts,
                error,
            )
        else:
            values["next_attempt_at"] = now + FIRST_RETRY * 2 ** (attempts - 1)
        self.write(values)
        return error is None

    @api.model
    def _cron_deliver(self):
        """Post due deliveries one by one, committing after each; concurrent runs skip rows
        another run holds. Delivery is at least once, not exactly once: a crash or a lost
        answer after the receiver got a POST sends it again, with the same
        X-Housing-Delivery id for the receiver to deduplicate on."""
        Cron = self.env["ir.cron"]
        Delivery = self.sudo()
        due = SQL(
            """
            FROM housing_webhook_delivery d
            JOIN housing_webhook_subscription s ON s.id = d.subscription_id
            WHERE d.state = 'pending' AND s.active AND d.next_attempt_at <= %s
            """,
            fields.Datetime.now(),
        )
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT count(*) %s", due))
        Cron._commit_progress(remaining=self.env.cr.fetchone()[0])
        for _i in range(BATCH_SIZE):
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "SELECT d.id %s ORDER BY d.next_attempt_at, d.id LIMIT 1 "
                    "FOR UPDATE OF d SKIP LOCKED",
                    due,
                )
            )
            row = self.env.cr.fetchone()
            if not row:
                break
            Delivery.browse(row[0])._deliver()
            if not Cron._commit_progress(1):
                break  # the cron's time is up; the next run continues
        pending = Delivery.search([("state", "=", "pending")], order="next_attempt_at", limit=1)
        if pending.next_attempt_at:
            self.env.ref("housing_api.ir_cron_housing_webhook_deliver").sudo()._trigger(
                at=max(pending.next_attempt_at, fields.Datetime.now())
            )

    def action_retry(self):
        """Send failed or pending deliveries again as soon as possible."""
        self.filtered(lambda d: d.state != "done").write(
            {"state": "pending", "attempts": 0, "next_attempt_at": fields.Datetime.now()}
        )
        self.env.ref("housing_api.ir_cron_housing_webhook_deliver").sudo()._trigger()
        return True
