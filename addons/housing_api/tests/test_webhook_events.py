from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.housing_service_request.tests.common import HousingServiceRequestCase

POST = "odoo.addons.housing_api.models.housing_webhook_delivery.requests.post"
EVENTS = (
    "lease.created",
    "lease.notice_given",
    "lease.ended",
    "service_request.created",
    "service_request.stage_changed",
)


@tagged("post_install", "-at_install", "housing_api")
class TestWebhookEvents(HousingServiceRequestCase):
    """The domain modules' changes queue the events; nothing is sent meanwhile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Event = cls.env["housing.webhook.event"]
        cls.subscription = cls.env["housing.webhook.subscription"].create(
            {
                "name": "Ekonomisystemet",
                "url": "https://erp.example.org/hooks",
                "event_ids": [(6, 0, Event.search([("code", "in", EVENTS)]).ids)],
            }
        )
        cls.Delivery = cls.env["housing.webhook.delivery"]

    def setUp(self):
        super().setUp()
        self.post = self.startPatcher(patch(POST))

    def queued(self, event):
        return self.Delivery.search([("event_code", "=", event)])

    def tearDown(self):
        # Never inside the user's transaction: only the cron posts.
        self.post.assert_not_called()
        super().tearDown()

    def test_lease_life_cycle(self):
        lease = self.make_lease(self.parking, start=date(2025, 3, 1))
        [created] = self.queued("lease.created").filtered(
            lambda d: d.payload["data"]["id"] == lease.id
        )
        self.assertEqual(created.payload["data"]["number"], lease.name)
        self.assertEqual(created.payload["data"]["rental_object"]["code"], self.parking.code)
        self.assertEqual(created.state, "pending")

        lease.give_notice(date(2025, 6, 10))
        [notice] = self.queued("lease.notice_given")
        self.assertEqual(notice.payload["data"]["notice"]["termination_date"], "2025-07-31")

        lease._update_states(date(2025, 8, 1))
        [ended] = self.queued("lease.ended")
        self.assertEqual(ended.payload["data"]["state"], "ended")

    def test_cancelled_lease_ends_too(self):
        lease = self.make_lease(self.parking, start=date(2030, 1, 1))
        lease.action_cancel()
        self.assertEqual(self.queued("lease.ended").payload["data"]["state"], "cancelled")

    def test_rolled_back_change_queues_nothing(self):
        before = self.Delivery.search_count([])
        with self.assertRaises(ValidationError):
            self.make_lease(self.residence, start=date(2025, 1, 1))
        self.assertEqual(self.Delivery.search_count([]), before)

    def test_service_request_events(self):
        # Work stages need a resource (Mimer's "Ingen resurs är tilldelad").
        request = self.report(user_id=self.lease_user.id)
        [created] = self.queued("service_request.created")
        self.assertEqual(created.payload["data"]["id"], request.id)
        before = len(self.queued("service_request.stage_changed"))
        request.stage_id = self.stage["started"]
        changed = self.queued("service_request.stage_changed")
        self.assertEqual(len(changed), before + 1)
        self.assertIn("started", [c.payload["data"]["stage"]["code"] for c in changed])
        request.description = "<p>Mer information</p>"
        self.assertEqual(len(self.queued("service_request.stage_changed")), before + 1)

    def test_assigning_a_resource_changes_the_stage(self):
        request = self.report()
        request.user_id = self.lease_user
        [changed] = self.queued("service_request.stage_changed")
        self.assertEqual(changed.payload["data"]["stage"]["code"], "assigned")

    def test_protected_tenant_goes_only_to_who_may_read_the_lease(self):
        """An integration without the Protected identities privilege cannot read the lease
        of a protected tenant: no event about it is queued for it (DESCRIPTION.md)."""
        integration = new_test_user(
            self.env, "hooks_integration", groups="housing_base.group_housing_integration"
        )
        own = (
            self.env["housing.webhook.subscription"]
            .with_user(integration)
            .create(
                {
                    "name": "Integration",
                    "url": "https://erp.example.org/integration",
                    "event_ids": [(6, 0, self.subscription.event_ids.ids)],
                }
            )
        )
        protected = self.env["res.partner"].create({"name": "Skyddad", "is_housing_contact": True})
        protected.housing_protect_identity("Beslut", {"street": "Box 1", "city": "Stockholm"})
        hidden = self.make_lease(
            self.parking,
            start=date(2025, 3, 1),
            confirm=False,
            tenant_line_ids=[Command.create({"partner_id": protected.id, "role": "main"})],
        )
        shown = self.make_lease(self.parking, start=date(2026, 3, 1), confirm=False)
        created = self.queued("lease.created")
        self.assertEqual(
            created.filtered(lambda d: d.payload["data"]["id"] == hidden.id).subscription_id,
            self.subscription,
        )
        self.assertEqual(
            created.filtered(lambda d: d.payload["data"]["id"] == shown.id).subscription_id,
            self.subscription | own,
        )

    def test_no_subscription_no_delivery(self):
        self.subscription.active = False
        self.report()
        self.assertFalse(self.queued("service_request.created"))
