# pylint: disable=invalid-commit
from datetime import date

from psycopg2.errors import SerializationFailure

from odoo import Command
from odoo.tests import tagged

from odoo.addons.housing_base.tests.common import ConcurrencyCase

from ..tools import rules
from .common import identified_contacts


@tagged("-at_install", "post_install", "housing_parking_queue", "housing_letting")
class TestViewingConcurrency(ConcurrencyCase):
    """The two invited answer at the same moment: the second waits for the first, is
    retried, and the retry (seeing the first answer) closes the round and offers once."""

    def setUp(self):
        super().setUp()
        with self.cursor() as cr:
            env = self.env_of(cr)
            policy = env.ref("housing_parking_queue.policy_scored")
            self.policy_vals = policy.read(["viewing_round", "viewing_invitations"])[0]
            policy.write({"viewing_round": True, "viewing_invitations": 2})
            area = env["housing.residential.area"].create({"code": "VIEW", "name": "Visning"})
            prop = env["housing.property"].create(
                {"code": "98201", "name": "VISNING 1", "residential_area_id": area.id}
            )
            objects = env["housing.rental.object"].create(
                [
                    {"code": "982-001-01-0001", "property_id": prop.id, "base_rent": 5000},
                    {"code": "982-001-01-0002", "property_id": prop.id, "base_rent": 5000},
                    {
                        "code": "982-001-P-001",
                        "object_type": "parking",
                        "parking_type": "outdoor",
                        "property_id": prop.id,
                        "base_rent": 300,
                    },
                ]
            )
            address = {"street": "Visningsgatan 1", "zip": "722 11", "city": "Västerås"}
            partners = identified_contacts(
                env, [{"name": "Först", **address}, {"name": "Sist", **address}]
            )
            for partner, home, start in zip(
                partners, objects[:2], (date(2010, 1, 1), date(2012, 1, 1)), strict=True
            ):
                env["housing.lease"].create(
                    {
                        "rental_object_id": home.id,
                        "date_start": date(2024, 1, 1),
                        "tenant_line_ids": [Command.create({"partner_id": partner.id})],
                    }
                ).action_confirm()
                env["housing.queue.membership"].create(
                    {"partner_id": partner.id, "queue_start_date": start}
                )
            listing = env["housing.listing"].create(
                {
                    "rental_object_id": objects[2].id,
                    "date_from": date(2024, 1, 1),
                    "date_to": date(2024, 1, 2),
                }
            )
            for partner in partners:
                listing.apply(partner, "additional")
            listing.action_start_offer_round()
            self.listing_id = listing.id
            self.invitation_ids = listing.viewing_ids.invitation_ids.sorted("rank").ids
            self.ids = {
                "area": area.id,
                "property": prop.id,
                "objects": objects.ids,
                "partners": partners.ids,
            }
            cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.cursor() as cr:
            env = self.env_of(cr)
            env.ref("housing_parking_queue.policy_scored").write(
                {key: value for key, value in self.policy_vals.items() if key != "id"}
            )
            # The allocation audit of the committed rounds refuses to be deleted (and keeps
            # its listing): the test takes its own rows out in SQL.
            cr.execute(
                "DELETE FROM housing_allocation_round WHERE listing_id = %s", [self.listing_id]
            )
            env["housing.listing"].browse(self.listing_id).unlink()
            env["housing.queue.membership"].search(
                [("partner_id", "in", self.ids["partners"])]
            ).unlink()
            env["housing.lease"].search([("rental_object_id", "in", self.ids["objects"])]).unlink()
            env["housing.rental.object"].browse(self.ids["objects"]).unlink()
            env["housing.property"].browse(self.ids["property"]).unlink()
            env["housing.residential.area"].browse(self.ids["area"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).unlink()
            cr.commit()

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
