# pylint: disable=invalid-commit
from datetime import date

from psycopg2.errors import SerializationFailure

from odoo.tests import tagged

from ..tools import rules
from .common import ParkingRaceCase


@tagged("-at_install", "post_install", "housing_parking_queue", "housing_letting")
class TestViewingConcurrency(ParkingRaceCase):
    """The two invited answer at the same moment: the second waits for the first, is
    retried, and the retry (seeing the first answer) closes the round and offers once."""

    area_code, area_name, property_code, street = "VIEW", "Visning", "98201", "Visningsgatan 1"

    def _set_up_race(self, env):
        policy = env.ref("housing_parking_queue.policy_scored")
        self.policy_vals = policy.read(["viewing_round", "viewing_invitations"])[0]
        policy.write({"viewing_round": True, "viewing_invitations": 2})
        partners, objects = self._estate(env)
        for partner, start in zip(partners, (date(2010, 1, 1), date(2012, 1, 1)), strict=True):
            env["housing.queue.membership"].create(
                {"partner_id": partner.id, "queue_start_date": start}
            )
        listing = self._offered_listing(env, objects[2], partners)
        self.listing_id = listing.id
        self.invitation_ids = listing.viewing_ids.invitation_ids.sorted("rank").ids

    def _restore(self, env):
        env.ref("housing_parking_queue.policy_scored").write(
            {key: value for key, value in self.policy_vals.items() if key != "id"}
        )

    def answer(self, index):
        def action(env):
            env["housing.viewing.invitation"].browse(self.invitation_ids[index]).action_interested()

        return action

    def test_two_answers_at_once_close_the_round_once(self):
        error = self.race(self.answer(0), self.answer(1))
        self.assertIsInstance(error, SerializationFailure)
        with self.cursor() as cr:
            env = self.env_of(cr)
            listing = env["housing.listing"].browse(self.listing_id)
            self.assertEqual(listing.viewing_ids.state, "open", "the second answer was undone")
            self.assertFalse(listing.offer_ids)
            # Odoo's retry of the second request.
            self.answer(1)(env)
            cr.commit()
            self.assertEqual(listing.viewing_ids.state, "closed")
            self.assertEqual(len(listing.offer_ids), 1)
            self.assertEqual(listing.active_offer_id.partner_id.id, self.ids["partners"][0])

    def test_the_same_invitation_answered_twice(self):
        error = self.race(self.answer(0), self.answer(0))
        self.assertIsInstance(error, SerializationFailure)
        # Odoo's retry finds the invitation answered.
        with self.cursor() as cr, self.assertRaises(rules.LettingRefusal) as caught:
            self.answer(0)(self.env_of(cr))
        self.assertEqual(caught.exception.code, "invitation_not_active")
