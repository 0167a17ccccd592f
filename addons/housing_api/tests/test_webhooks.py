import hashlib
import hmac
import itertools
import json
from datetime import timedelta
from unittest.mock import patch

import requests

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models import housing_webhook_delivery as delivery_module

POST = "odoo.addons.housing_api.models.housing_webhook_delivery.requests.post"


class FakeResponse:
    def __init__(self, status_code, text=""):
        self.status_code = status_code
        self.text = text


@tagged("post_install", "-at_install", "housing_api")
class TestWebhooks(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.integration_user = new_test_user(
            env, "hook_integration", groups="housing_base.group_housing_integration"
        )
        cls.other_integration_user = new_test_user(
            env, "hook_other", groups="housing_base.group_housing_integration"
        )
        cls.Subscription = env["housing.webhook.subscription"]
        cls.Delivery = env["housing.webhook.delivery"]
        cls.subscription = cls.Subscription.with_user(cls.integration_user).create(
            {
                "name": "Hyresgästappen",
                "url": "https://hooks.example.org/housing",
                "event_ids": [(6, 0, env.ref("housing_api.event_lease_created").ids)],
            }
        )
        cls.contact = env["res.partner"].create({"name": "Bo Berg", "is_housing_contact": True})
        # The cron commits after every delivery; tests run in one transaction.
        cls.startClassPatcher(patch.object(type(env["ir.cron"]), "_commit_progress"))

    def _enqueue(self):
        return self.Delivery._enqueue("lease.created", self.contact)

    def test_enqueue_only_for_subscribers_and_never_sends(self):
        with patch(POST) as post:
            delivery = self._enqueue()
            self.assertFalse(self.Delivery._enqueue("offer.sent", self.contact))
        post.assert_not_called()
        self.assertEqual(delivery.state, "pending")
        self.assertEqual(delivery.subscription_id, self.subscription)
        self.assertEqual(delivery.payload["event"], "lease.created")
        self.assertEqual(delivery.payload["data"]["id"], self.contact.id)
        self.assertEqual(delivery.payload["id"], delivery.uuid)

    def test_signed_post_by_cron(self):
        delivery = self._enqueue()
        with patch(POST, return_value=FakeResponse(204)) as post:
            self.Delivery._cron_deliver()
        post.assert_called_once()
        call = post.call_args
        self.assertEqual(call.args[0], "https://hooks.example.org/housing")
        body = call.kwargs["data"]
        self.assertEqual(json.loads(body), delivery.payload)
        expected = hmac.new(self.subscription.secret.encode(), body, hashlib.sha256).hexdigest()
        headers = call.kwargs["headers"]
        self.assertEqual(headers["X-Housing-Signature"], f"sha256={expected}")
        self.assertEqual(headers["X-Housing-Event"], "lease.created")
        self.assertEqual(headers["X-Housing-Delivery"], delivery.uuid)
        self.assertTrue(call.kwargs["timeout"])
        self.assertEqual(delivery.state, "done")
        self.assertEqual(delivery.attempts, 1)
        self.assertEqual(delivery.last_status_code, 204)

    def test_retry_with_back_off_then_give_up(self):
        delivery = self._enqueue()
        gaps = []
        with (
            patch(POST, return_value=FakeResponse(503, "busy")) as post,
            self.assertLogs(delivery_module.__name__, "WARNING") as logs,
        ):
            for _attempt in range(delivery_module.MAX_ATTEMPTS):
                before = fields.Datetime.now()
                self.Delivery._cron_deliver()
                if delivery.state == "pending":
                    gaps.append(delivery.next_attempt_at - before)
                    # Not due yet: the cron leaves it alone.
                    self.Delivery._cron_deliver()
                    delivery.next_attempt_at = before
        # Giving up is logged for the operator.
        [message] = logs.output
        self.assertIn(f"failed {delivery_module.MAX_ATTEMPTS} times, giving up: HTTP 503", message)
        self.assertEqual(post.call_count, delivery_module.MAX_ATTEMPTS)
        self.assertEqual(delivery.state, "failed")
        self.assertEqual(delivery.attempts, delivery_module.MAX_ATTEMPTS)
        self.assertIn("HTTP 503", delivery.last_error)
        # Exponential back-off: each wait doubles the previous one.
        for shorter, longer in itertools.pairwise(gaps):
            self.assertAlmostEqual(longer.total_seconds(), 2 * shorter.total_seconds(), delta=2)
        self.assertAlmostEqual(gaps[0].total_seconds(), 60, delta=2)

    def test_network_error_is_retried(self):
        delivery = self._enqueue()
        with patch(POST, side_effect=requests.ConnectionError("refused")):
            self.Delivery._cron_deliver()
        self.assertEqual(delivery.state, "pending")
        self.assertIn("refused", delivery.last_error)
        self.assertGreater(delivery.next_attempt_at, fields.Datetime.now())
        delivery.action_retry()
        with patch(POST, return_value=FakeResponse(200)):
            self.Delivery._cron_deliver()
        self.assertEqual(delivery.state, "done")

    def test_inactive_subscription_is_not_sent(self):
        delivery = self._enqueue()
        self.subscription.active = False
        with patch(POST) as post:
            self.Delivery._cron_deliver()
        post.assert_not_called()
        self.assertEqual(delivery.state, "pending")

    def test_url_must_be_http(self):
        with self.assertRaises(ValidationError) as caught:
            self.Subscription.create(
                {
                    "name": "Fel",
                    "url": "file:///etc/passwd",
                    "event_ids": [(6, 0, self.env.ref("housing_api.event_lease_created").ids)],
                }
            )
        self.assertIn("must be an http or https address", str(caught.exception))
        self.assertFalse(self.Subscription.search([("name", "=", "Fel")]))

    def test_integration_users_see_only_their_own(self):
        delivery = self._enqueue()
        as_other = self.Subscription.with_user(self.other_integration_user)
        self.assertFalse(as_other.search([]))
        self.assertFalse(self.Delivery.with_user(self.other_integration_user).search([]))
        self.assertEqual(self.Delivery.with_user(self.integration_user).search([]), delivery)
        with self.assertRaises(AccessError):
            self.subscription.with_user(self.other_integration_user).read(["url"])
        with self.assertRaises(AccessError):
            self.subscription.with_user(self.other_integration_user).write({"url": "https://x.se"})
        self.assertEqual(self.subscription.url, "https://hooks.example.org/housing")

    def test_only_managers_subscribe_for_others(self):
        with self.assertRaisesRegex(AccessError, "Only housing managers"):
            self.subscription.with_user(self.integration_user).user_id = self.other_integration_user
        self.assertEqual(self.subscription.user_id, self.integration_user)

    def test_old_deliveries_are_kept_and_retry_resets(self):
        delivery = self._enqueue()
        delivery.write({"state": "failed", "attempts": 8, "next_attempt_at": False})
        delivery.action_retry()
        self.assertEqual(delivery.state, "pending")
        self.assertEqual(delivery.attempts, 0)
        self.assertLessEqual(delivery.next_attempt_at, fields.Datetime.now() + timedelta(seconds=1))
