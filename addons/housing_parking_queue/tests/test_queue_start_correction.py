from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import ParkingQueueCase


@tagged("post_install", "-at_install", "housing_parking_queue")
class TestQueueStartCorrection(ParkingQueueCase):
    """Issue 14 item 7: any housing user could rewrite a contact's queue start date (queue
    jumping). Moving it is a housing manager's correction with a reason, logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.membership = cls.join_queue(cls.home_tenant, date(2024, 5, 1))

    def test_housing_user_cannot_move_the_queue_start(self):
        as_user = self.membership.with_user(self.lease_user)
        with self.assertRaisesRegex(AccessError, "Only housing managers"):
            as_user.queue_start_date = date(2015, 1, 1)
        with self.assertRaisesRegex(AccessError, "Only housing managers"):
            as_user.correct_queue_start(date(2015, 1, 1), "Hon har väntat länge")
        with self.assertRaisesRegex(AccessError, "Only housing managers"):
            self.Membership.with_user(self.lease_user).create(
                {
                    "partner_id": self.one_parking.id,
                    "queue_start_date": date(2015, 1, 1),
                }
            )
        self.assertEqual(self.membership.queue_start_date, date(2024, 5, 1))
        self.assertFalse(self.Membership.search([("partner_id", "=", self.one_parking.id)]))
        # Joining the queue today is everyday work.
        joined = self.Membership.with_user(self.lease_user).create(
            {"partner_id": self.one_parking.id}
        )
        self.assertEqual(joined.queue_points, 0)

    def test_manager_corrects_with_a_reason_and_it_is_logged(self):
        as_manager = self.membership.with_user(self.lease_manager)
        with self.assertRaisesRegex(AccessError, "Correct queue start"):
            as_manager.queue_start_date = date(2020, 1, 1)
        with self.assertRaisesRegex(ValidationError, "reason"):
            as_manager.correct_queue_start(date(2020, 1, 1), "  ")
        self.assertEqual(self.membership.queue_start_date, date(2024, 5, 1))
        with Form(
            self.env["housing.queue.start.correction"]
            .with_user(self.lease_manager)
            .with_context(active_id=self.membership.id, active_model="housing.queue.membership")
        ) as wizard:
            self.assertEqual(wizard.queue_start_date, date(2024, 5, 1))
            wizard.queue_start_date = date(2020, 1, 1)
            wizard.reason = "Anmälan 2020 registrerades aldrig (ärende 4711)"
        wizard.save().action_confirm()
        self.assertEqual(self.membership.queue_start_date, date(2020, 1, 1))
        note = self.membership.message_ids[0]
        self.assertEqual(note.author_id, self.lease_manager.partner_id)
        self.assertTrue(note.subtype_id.internal)
        for text in ("2024-05-01", "2020-01-01", "ärende 4711"):
            self.assertIn(text, note.body)
