import secrets
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import network


def _new_secret(_records=None):
    return secrets.token_hex(32)


class HousingWebhookSubscription(models.Model):
    """Another system's URL that receives signed POSTs when chosen events happen."""

    _name = "housing.webhook.subscription"
    _description = "Webhook subscription"
    _order = "name, id"

    name = fields.Char(required=True, help="Which system receives the events.")
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
        help="API user the subscription belongs to; integration users see only their own.",
    )
    url = fields.Char(
        string="URL", required=True, help="Receives a POST with a JSON body for every event."
    )
    secret = fields.Char(
        required=True,
        copy=False,
        default=_new_secret,
        help="Shared secret of the HMAC-SHA256 signature in the X-Housing-Signature header.",
    )
    event_ids = fields.Many2many(
        "housing.webhook.event", string="Events", required=True, help="Events to send."
    )
    allow_internal_address = fields.Boolean(
        groups="housing_base.group_housing_manager",
        help="Allow a host inside the company's network (a private, loopback or link-local "
        "address). Only housing managers see and set this; without it such URLs are refused, "
        "so that nobody can make the server call its own network.",
    )
    active = fields.Boolean(default=True)
    delivery_ids = fields.One2many("housing.webhook.delivery", "subscription_id")
    delivery_count = fields.Integer(compute="_compute_delivery_count")
    failed_count = fields.Integer(string="Failed deliveries", compute="_compute_delivery_count")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_owner_change(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_owner_change(vals)
        return super().write(vals)

    def _check_owner_change(self, vals):
        """Only housing managers subscribe on behalf of another user."""
        if (
            vals.get("user_id", self.env.uid) != self.env.uid
            and not self.env.su
            and not self.env.user.has_group("housing_base.group_housing_manager")
        ):
            raise AccessError(
                self.env._("Only housing managers manage webhook subscriptions of other users.")
            )

    @api.constrains("url", "allow_internal_address")
    def _check_url(self):
        for subscription in self:
            parts = urlsplit(subscription.url or "")
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValidationError(
                    self.env._(
                        "The webhook URL %(url)s must be an http or https address.",
                        url=subscription.url,
                    )
                )
            try:
                refusal = subscription._internal_address_refusal()
            except OSError:
                continue  # not resolvable now: checked again before every delivery
            if refusal:
                raise ValidationError(refusal)

    def _internal_address_refusal(self):
        """Why this subscription's URL may not be called (it resolves to an internal
        address a manager has not allowed), or None. Raises OSError when the host does
        not resolve."""
        self.ensure_one()
        if self.sudo().allow_internal_address:
            return None
        internal = network.internal_addresses(self.url)
        if not internal:
            return None
        return self.env._(
            "The webhook URL %(url)s points to an address inside a private network "
            "(%(addresses)s). Only a housing manager can allow such a host.",
            url=self.url,
            addresses=", ".join(internal),
        )

    def _compute_delivery_count(self):
        Delivery = self.env["housing.webhook.delivery"]
        counts = {
            (subscription.id, state): count
            for subscription, state, count in Delivery._read_group(
                [("subscription_id", "in", self.ids)], ["subscription_id", "state"], ["__count"]
            )
        }
        for subscription in self:
            subscription.delivery_count = sum(
                count for (sid, _state), count in counts.items() if sid == subscription.id
            )
            subscription.failed_count = counts.get((subscription.id, "failed"), 0)

    def action_regenerate_secret(self):
        for subscription in self:
            subscription.secret = _new_secret()
        return True

    def action_view_deliveries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "housing_api.action_housing_webhook_delivery"
        )
        action["domain"] = [("subscription_id", "=", self.id)]
        action["context"] = {}
        return action
