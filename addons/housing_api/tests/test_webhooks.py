import hashlib
import hmac
import itertools
import json
import time
from datetime import timedelta
from unittest.mock import patch

import requests

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models import housing_webhook_delivery as delivery_module
from ..tools import network

POST = "odoo.addons.housing_api.models.housing_webhook_delivery.requests.post"
# What the test hosts resolve to (the tests run without DNS); others do not resolve.
ADDRESSES = {
    "hooks.example.org": {"93.184.215.14"},
    "x.se": {"93.184.215.15"},
    "localhost": {"127.0.0.1", "::1"},
    "rebind.example.org": {"93.184.215.16"},
    "intranet.example.org": {"10.1.2.3"},
    "metadata.example.org": {"169.254.169.254"},
    "mapped.example.org": {"::ffff:192.168.1.10"},
}


def fake_resolve(host, port):
    try:
        return ADDRESSES[host]
    except KeyError:
        raise OSError(f"{host} does not resolve") from None


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
        cls.startClassPatcher(patch.object(network, "resolve", side_effect=fake_resolve))
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
        headers = call.kwargs["headers"]
        # t=<unix time>,v1=HMAC(t + "." + body): a captured delivery cannot be replayed later.
        stamp, signature = headers["X-Housing-Signature"].split(",")
        timestamp = stamp.removeprefix("t=")
        self.assertLess(abs(int(timestamp) - time.time()), 60)
        signed = f"{timestamp}.".encode() + body
        expected = hmac.new(self.subscription.secret.encode(), signed, hashlib.sha256).hexdigest()
        self.assertEqual(signature, f"v1={expected}")
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
        with patch(POST, side_effect=requests.ConnectionError("refused by 10.0.0.1:5432")):
            self.Delivery._cron_deliver()
        self.assertEqual(delivery.state, "pending")
        self.assertEqual(delivery.last_error, "ConnectionError")
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

    # ------------------------------------------------------------------ server-side request forgery
    def _subscribe(self, url, user=None):
        return self.Subscription.with_user(user or self.integration_user).create(
            {
                "name": "Intern",
                "url": url,
                "event_ids": [(6, 0, self.env.ref("housing_api.event_lease_created").ids)],
            }
        )

    def test_internal_addresses_are_refused(self):
        """Issue 14 item 5: an integration pointed a subscription at 127.0.0.1 and read the
        answer in last_error. Loopback, private, link-local (cloud metadata) and IPv4 in
        IPv6 are refused after resolving the host name."""
        for url, address in (
            ("http://127.0.0.1:8069/web/database/list", "127.0.0.1"),
            ("http://localhost:8069/", "127.0.0.1"),
            ("http://[::1]/", "::1"),
            ("https://intranet.example.org/hooks", "10.1.2.3"),
            ("http://metadata.example.org/latest/meta-data/", "169.254.169.254"),
            ("https://mapped.example.org/", "::ffff:192.168.1.10"),
            ("http://0.0.0.0:8069/", "0.0.0.0"),
        ):
            with self.subTest(url=url), self.assertRaises(ValidationError) as caught:
                self._subscribe(url)
            self.assertIn("inside a private network", str(caught.exception))
            self.assertIn(address, str(caught.exception))
        with self.assertRaises(ValidationError):
            self.subscription.with_user(self.integration_user).url = "http://127.0.0.1/"
        self.assertEqual(self.subscription.url, "https://hooks.example.org/housing")
        self.assertFalse(self.Subscription.search([("name", "=", "Intern")]))

    def test_only_a_manager_allows_an_internal_host(self):
        manager = new_test_user(
            self.env, "hook_manager", groups="housing_base.group_housing_manager"
        )
        with self.assertRaises(AccessError):
            self.subscription.with_user(self.integration_user).write(
                {"allow_internal_address": True, "url": "https://intranet.example.org/hooks"}
            )
        self.subscription.with_user(manager).write(
            {"allow_internal_address": True, "url": "https://intranet.example.org/hooks"}
        )
        delivery = self._enqueue()
        with patch(POST, return_value=FakeResponse(204)) as post:
            self.Delivery._cron_deliver()
        self.assertEqual(post.call_args.args[0], "https://intranet.example.org/hooks")
        self.assertEqual(delivery.state, "done")

    def test_checked_again_before_every_delivery(self):
        """A host that resolved to a public address when subscribing and to an internal
        one later (DNS rebinding) is not called."""
        subscription = self._subscribe("https://rebind.example.org/hooks")
        delivery = self._enqueue().filtered(lambda d: d.subscription_id == subscription)
        with (
            patch.dict(ADDRESSES, {"rebind.example.org": {"127.0.0.1"}}),
            patch(POST, return_value=FakeResponse(204)) as post,
        ):
            self.Delivery._cron_deliver()
        self.assertNotIn(
            "https://rebind.example.org/hooks", [call.args[0] for call in post.call_args_list]
        )
        self.assertEqual(delivery.state, "pending")
        self.assertIn("inside a private network (127.0.0.1)", delivery.last_error)
        self.assertEqual(delivery.last_status_code, 0)

    def test_only_the_status_code_is_kept_and_redirects_are_not_followed(self):
        delivery = self._enqueue()
        with patch(POST, return_value=FakeResponse(500, "db password is hunter2")) as post:
            self.Delivery._cron_deliver()
        self.assertEqual((delivery.last_status_code, delivery.last_error), (500, "HTTP 500"))
        self.assertIs(post.call_args.kwargs["allow_redirects"], False)
        delivery.action_retry()
        with patch(POST, return_value=FakeResponse(302, "")) as post:
            self.Delivery._cron_deliver()
        self.assertEqual(post.call_count, 1)
        self.assertEqual((delivery.last_status_code, delivery.last_error), (302, "HTTP 302"))
