# pylint: disable=invalid-commit
from datetime import date, timedelta

import psycopg2
from psycopg2.errors import SerializationFailure

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.housing_letting.tools import letting

from ..tools import rules
from .common import ParkingRaceCase


@tagged("-at_install", "post_install", "housing_parking_queue")
class TestParkingConcurrency(ParkingRaceCase):
    """Two people act on the same offer at once, or an accept races the expiry: exactly
    one wins, there is never a second lease or a second active offer.

    Odoo runs requests in REPEATABLE READ: the transaction that comes second waits on the
    listing's row lock and then fails with a serialization error (Odoo retries the request,
    which then finds the offer answered)."""

    area_code, area_name, property_code, street = "RACE", "Race", "98101", "Kapplöpningsgatan 1"
    spaces = 5

    def _set_up_race(self, env):
        partners, objects = self._estate(env)
        listing = self._offered_listing(env, objects[2], partners)
        external = self._listing(env, {"rental_object_id": objects[3].id, "rule": "non_scored"})
        self.listing_id, self.offer_id = listing.id, listing.active_offer_id.id
        self.external_id = external.id

    def _state(self):
        with self.cursor() as cr:
            env = self.env_of(cr)
            listing = env["housing.listing"].browse(self.listing_id)
            return (
                listing.state,
                env["housing.lease"].search_count(
                    [("rental_object_id", "=", listing.rental_object_id.id)]
                ),
                env["housing.offer"].search_count(
                    [("listing_id", "=", self.listing_id), ("state", "=", "active")]
                ),
            )

    def test_two_accepts_one_lease(self):
        def accept(env):
            env["housing.offer"].browse(self.offer_id).action_accept()

        error = self.race(accept, accept)
        self.assertIsInstance(error, SerializationFailure)
        self.assertEqual(self._state(), ("assigned", 1, 0))

    def test_two_first_come_applicants_one_lease(self):
        """Two contacts apply for the same non-scored listing at once: the first gets the
        lease, the second is refused (after Odoo's retry) and gets nothing."""

        def apply(partner_id):
            def action(env):
                listing = env["housing.listing"].browse(self.external_id)
                listing.apply(env["res.partner"].browse(partner_id), "additional")

            return action

        first, second = self.ids["partners"]
        error = self.race(apply(first), apply(second))
        self.assertIsInstance(error, SerializationFailure)
        with self.cursor() as cr:
            env = self.env_of(cr)
            listing = env["housing.listing"].browse(self.external_id)
            self.assertEqual(listing.state, "assigned")
            self.assertEqual(listing.lease_id.partner_id.id, first)
            self.assertEqual(listing.application_ids.partner_id.ids, [first])
            with self.assertRaises(rules.LettingRefusal) as caught:
                listing.apply(env["res.partner"].browse(second), "additional")
            self.assertEqual(caught.exception.code, rules.LISTING_CLOSED)

    def test_accept_racing_expiry(self):
        def expire(env):
            offer = env["housing.offer"].browse(self.offer_id)
            offer.write({"deadline": fields.Datetime.now() - timedelta(seconds=1)})
            env["housing.listing"]._cron_run_queue()

        def accept(env):
            env["housing.offer"].browse(self.offer_id).action_accept()

        error = self.race(expire, accept)
        self.assertIsInstance(error, SerializationFailure)
        # The expiry won: the offer went to the next in line, nobody got a lease.
        self.assertEqual(self._state(), ("offered", 0, 1))
        # Odoo's retry of the accept finds the offer expired.
        with self.cursor() as cr, self.assertRaises(rules.LettingRefusal) as caught:
            self.env_of(cr)["housing.offer"].browse(self.offer_id).action_accept()
        self.assertEqual(caught.exception.code, rules.OFFER_NOT_ACTIVE)

    def test_one_active_offer_per_listing_in_the_database(self):
        with self.cursor() as cr:
            env = self.env_of(cr)
            offer = env["housing.offer"].browse(self.offer_id)
            second_app = env["housing.application"].search(
                [("listing_id", "=", self.listing_id), ("id", "!=", offer.application_id.id)]
            )
            with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
                env["housing.offer"].create(
                    {
                        "listing_id": self.listing_id,
                        "application_id": second_app.id,
                        "partner_id": second_app.partner_id.id,
                        "sent_at": fields.Datetime.now(),
                        "deadline": fields.Datetime.now(),
                    }
                )
                env.flush_all()

    def test_two_simultaneous_applications_of_one_contact(self):
        """Issue 15 item 16: the same contact applies twice at the same instant (a double
        click, two tabs): the second gets the ordinary "already applied" refusal, not a
        database error (which the portal and the API showed as an HTTP 422 page). Mimer:
        core/src/processes/parkingspaces/internal/create-note-of-interest.ts answers a
        conflict with "Applicant ... already has application for ..."."""
        with self.cursor() as cr:
            listing_id = self._listing(
                self.env_of(cr), {"rental_object_id": self.ids["objects"][4]}
            ).id
            cr.commit()
        first = self.ids["partners"][0]

        def apply(env):
            listing = env["housing.listing"].browse(listing_id)
            listing.apply(env["res.partner"].browse(first), "additional")

        error = self.race(apply, apply)
        self.assertIsInstance(error, rules.LettingRefusal)
        self.assertEqual(error.code, rules.ALREADY_APPLIED)
        with self.cursor() as cr:
            applications = self.env_of(cr)["housing.application"].search(
                [("listing_id", "=", listing_id)]
            )
            self.assertEqual((applications.partner_id.id, applications.state), (first, "active"))

    def test_two_simultaneous_joins_of_one_contact(self):
        """The same contact joins the parking queue twice at the same instant (a double
        click, the portal and an integration): one place, and the second gets the
        ordinary already_in_queue refusal, not a database error."""
        with self.cursor() as cr:
            env = self.env_of(cr)
            env["housing.queue.membership"].search(
                [("partner_id", "in", self.ids["partners"])]
            ).unlink()
            cr.commit()
        first = self.ids["partners"][0]

        def join(env):
            env["housing.queue.membership"].join_queue(
                env["res.partner"].browse(first), "parking_internal"
            )

        error = self.race(join, join)
        self.assertIsInstance(error, rules.LettingRefusal)
        self.assertEqual(error.code, letting.ALREADY_IN_QUEUE)
        with self.cursor() as cr:
            places = self.env_of(cr)["housing.queue.membership"].search(
                [("partner_id", "=", first)]
            )
            self.assertEqual((places.queue_type, places.state), ("parking_internal", "active"))

    def test_conflict_in_the_nightly_run_costs_one_listing_a_retry(self):
        """Issue 15 item 15: a tenant accepts an offer (which declines their other offer)
        while the nightly run wants to expire that other offer. The run waits, fails on
        that one listing with a serialization error, retries it, and still does its work
        on every other listing: each listing's step is its own transaction. Mimer:
        core/src/scripts/start-offer-batches.ts and handle-expired-offers.ts run each
        listing's offer process on its own, an error on one does not stop the others."""
        first, second = self.ids["partners"]
        with self.cursor() as cr:
            env = self.env_of(cr)
            overdue, ended = (
                self._listing(
                    env,
                    {
                        "rental_object_id": object_id,
                        "date_from": date(2024, 1, 1),
                        "date_to": date(2024, 1, 2),
                    },
                )
                for object_id in self.ids["objects"][5:7]
            )
            more_listing_ids = [overdue.id, ended.id]
            for listing in (overdue, ended):
                for partner_id in (first, second):
                    listing.apply(env["res.partner"].browse(partner_id), "additional")
            overdue.action_start_offer_round()
            offer = overdue.active_offer_id
            self.assertEqual(offer.partner_id.id, first)
            offer.deadline = fields.Datetime.now() - timedelta(minutes=1)
            cr.commit()

        def accept(env):
            env["housing.offer"].browse(self.offer_id).action_accept()

        def nightly_run(env):
            # As the scheduler runs it.
            cron = env.ref("housing_letting.ir_cron_letting_queue")
            env["housing.listing"].with_context(cron_id=cron.id)._cron_run_queue()

        self.assertIsNone(self.race(accept, nightly_run))
        with self.cursor() as cr:
            env = self.env_of(cr)
            accepted = env["housing.listing"].browse(self.listing_id)
            overdue, ended = env["housing.listing"].browse(more_listing_ids)
            self.assertEqual(accepted.state, "assigned")
            # The accept declined the other offer; the retried step found nothing to expire.
            self.assertEqual(
                [(o.partner_id.id, o.state) for o in overdue.offer_ids.sorted("id")],
                [(first, "declined"), (second, "active")],
            )
            # The rest of the run was not undone: the ended publication was offered.
            self.assertEqual(ended.state, "offered")
            self.assertEqual(ended.active_offer_id.partner_id.id, second)
