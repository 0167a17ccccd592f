from datetime import date
from unittest.mock import patch

from odoo.tests import tagged

from .common import FEB, HousingApiInvoicingCase

POST = "odoo.addons.housing_api.models.housing_webhook_delivery.requests.post"
EVENTS = ("invoice.created", "invoice.paid", "invoice.overdue")


@tagged("post_install", "-at_install", "housing_api_invoicing")
class TestInvoiceWebhooks(HousingApiInvoicingCase):
    """invoice.created, invoice.paid and invoice.overdue through the outbox, once per avi,
    only to integrations that may read the avi."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Event = cls.env["housing.webhook.event"]
        cls.subscription = (
            cls.env["housing.webhook.subscription"]
            .with_user(cls.integration_user)
            .create(
                {
                    "name": "Ekonomisystemet",
                    "url": "https://erp.example.org/hooks",
                    "event_ids": [(6, 0, Event.search([("code", "in", EVENTS)]).ids)],
                }
            )
        )
        cls.Delivery = cls.env["housing.webhook.delivery"]

    def setUp(self):
        super().setUp()
        self.post = self.startPatcher(patch(POST))

    def tearDown(self):
        self.post.assert_not_called()
        super().tearDown()

    def pay_all_but_february(self):
        """Every avi paid but Anna's February (and the protected contact's)."""
        avier = self.jan | self.feb
        unpaid = self.avi_feb | avier.filtered(lambda move: move.partner_id == self.protected)
        for avi in avier - unpaid:
            self.pay(avi, avi.invoice_date_due)

    def numbers(self, event):
        deliveries = self.Delivery.search([("event_code", "=", event)], order="id")
        return [delivery.payload["data"]["number"] for delivery in deliveries]

    def test_created_once_when_posted(self):
        march = self.run_period(date(2026, 3, 1), date(2026, 2, 10))
        [avi] = march.filtered(lambda move: move.partner_id == self.tenant)
        [delivery] = self.Delivery.search(
            [("event_code", "=", "invoice.created"), ("payload", "!=", False)]
        ).filtered(lambda d: d.payload["data"]["number"] == avi.name)
        self.assertEqual(delivery.payload["data"]["ocr_reference"], avi.payment_reference)
        self.assertEqual(delivery.payload["event"], "invoice.created")
        self.assertEqual(delivery.subscription_id, self.subscription)
        before = self.numbers("invoice.created")
        avi.button_draft()
        avi.action_post()
        self.assertEqual(self.numbers("invoice.created"), before)
        # The protected contact's avi goes to no integration without the privilege.
        self.assertNotIn(
            march.filtered(lambda move: move.partner_id == self.protected).name, before
        )
        self.assertEqual(len(before), 2)  # Anna and Ali

    def test_paid_once(self):
        self.pay(self.avi_feb, date(2026, 1, 20), amount=1000)
        self.assertEqual(self.numbers("invoice.paid"), [])
        self.pay(self.avi_feb, date(2026, 1, 25))
        self.assertIn(self.avi_feb.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.numbers("invoice.paid"), [self.avi_feb.name])
        [delivery] = self.Delivery.search([("event_code", "=", "invoice.paid")])
        self.assertEqual(delivery.payload["data"]["amount_residual"], 0.0)
        # In payment that becomes paid when matched on the bank statement: Odoo calls the
        # paid hook again, and no second event is queued.
        self.avi_feb._invoice_paid_hook()
        self.assertEqual(self.numbers("invoice.paid"), [self.avi_feb.name])

    def test_overdue_once_across_a_weekend(self):
        """February is due Friday 30 January 2026: overdue on Saturday, once, whether the
        cron runs every day or only on Monday."""
        self.pay_all_but_february()
        Move = self.env["account.move"]
        Move._housing_api_queue_overdue(date(2026, 1, 30))
        self.assertEqual(self.numbers("invoice.overdue"), [])
        for day in (31, 1, 2):
            Move._housing_api_queue_overdue(date(2026, 1, day) if day == 31 else date(2026, 2, day))
            self.assertEqual(self.numbers("invoice.overdue"), [self.avi_feb.name], day)
        self.assertTrue(self.avi_feb.housing_api_overdue_sent)

    def test_overdue_on_monday_after_a_quiet_weekend(self):
        self.pay_all_but_february()
        self.env["account.move"]._housing_api_queue_overdue(date(2026, 2, 2))
        self.env["account.move"]._housing_api_queue_overdue(date(2026, 2, 2))
        self.assertEqual(self.numbers("invoice.overdue"), [self.avi_feb.name])
        self.assertEqual(FEB, self.avi_feb.housing_period)
