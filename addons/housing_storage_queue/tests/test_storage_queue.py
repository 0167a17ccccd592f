from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.housing_letting.tools import letting

from ..tools import storage_rules
from .common import StorageQueueCase


@tagged("-at_install", "post_install", "housing_storage_queue")
@freeze_time("2026-03-10 09:00")
class TestStorageQueue(StorageQueueCase):
    def assertRefused(self, code, message, func):
        with self.assertRaises(letting.LettingRefusal) as caught:
            func()
        self.assertEqual(caught.exception.code, code)
        self.assertIn(message, str(caught.exception))

    def test_priority_by_where_the_tenant_lives(self):
        listing = self.listing_for()
        expected = [
            (self.same_property, "1", storage_rules.SAME_PROPERTY, "A home in the same property"),
            (self.same_area, "2", storage_rules.SAME_AREA, "A home in the same residential area"),
            (self.elsewhere, "3", storage_rules.OTHER_TENANT, "A tenant in another area"),
        ]
        for partner, priority, reason, label in expected:
            with self.subTest(partner=partner.name):
                eligibility = listing.get_eligibility(partner.id)[listing.id][False]
                self.assertEqual(
                    eligibility,
                    {"eligible": True, "priority": priority, "reason": reason, "label": label},
                )
                application = listing.apply(partner)
                self.assertEqual(
                    (application.priority, application.priority_reason), (priority, reason)
                )
                self.assertFalse(application.application_type)

    def test_only_tenants_with_a_home(self):
        listing = self.listing_for()
        for partner in (self.outsider, self.parking_only):
            with self.subTest(partner=partner.name):
                eligibility = listing.get_eligibility(partner)[listing.id][False]
                self.assertEqual(
                    (eligibility["eligible"], eligibility["priority"], eligibility["reason"]),
                    (False, None, storage_rules.NOT_TENANT),
                )
                self.assertRefused(
                    storage_rules.NOT_TENANT,
                    "Only tenants with a current or upcoming housing lease may rent a storage "
                    "room.",
                    lambda partner=partner: listing.apply(partner),
                )
        self.assertFalse(listing.application_ids)
        self.assertFalse(self.Membership.search([("partner_id", "=", self.outsider.id)]))

    def test_upcoming_and_ending_homes_count_an_ended_one_does_not(self):
        listing = self.listing_for()
        newcomer, leaving, gone = self.contacts(["Newcomer", "Leaving", "Gone"])
        homes = self.Object.create(
            [
                {
                    "code": f"999-001-01-020{n}",
                    "object_type": "residence",
                    "property_id": self.property.id,
                }
                for n in range(3)
            ]
        )
        self.lease_for(newcomer, homes[0], start=date(2026, 6, 1))
        self.lease_for(leaving, homes[1]).give_notice(date(2026, 3, 10))
        ended = self.lease_for(gone, homes[2], date(2020, 1, 1), date_end=date(2025, 12, 31))
        self.assertEqual(ended.state, "ended")
        reasons = [
            listing.get_eligibility(partner)[listing.id][False]["reason"]
            for partner in (newcomer, leaving, gone)
        ]
        self.assertEqual(
            reasons,
            [storage_rules.SAME_PROPERTY, storage_rules.SAME_PROPERTY, storage_rules.NOT_TENANT],
        )

    def test_residents_only_storage_room(self):
        self.rooms[1].storage_residents_only = True
        listing = self.listing_for(self.rooms[1])
        self.assertTrue(listing.storage_residents_only)
        for partner in (self.same_area, self.elsewhere):
            with self.subTest(partner=partner.name):
                self.assertRefused(
                    storage_rules.PROPERTY_RESIDENTS_ONLY,
                    "This storage room is only for tenants who live in its property.",
                    lambda partner=partner: listing.apply(partner),
                )
        application = listing.apply(self.same_property)
        self.assertEqual(application.priority_reason, storage_rules.SAME_PROPERTY)
        self.assertEqual(listing.application_ids, application)

    def test_ranking_by_priority_then_storage_queue_date(self):
        listing = self.listing_for()
        self.join_queue(self.same_property, date(2025, 6, 1))
        self.join_queue(self.neighbour, date(2022, 1, 1))
        self.join_queue(self.same_area, date(2010, 1, 1))
        self.join_queue(self.elsewhere, date(2005, 1, 1))
        # A long parking queue time does not count in the storage queue.
        self.Membership.create(
            {"partner_id": self.same_property.id, "queue_start_date": date(2000, 1, 1)}
        )
        for partner in (self.elsewhere, self.same_area, self.same_property, self.neighbour):
            listing.apply(partner)
        listing._rank()
        ranked = self.Application.search([("listing_id", "=", listing.id)], order="rank")
        self.assertEqual(
            [(app.partner_id, app.priority, app.queue_points) for app in ranked],
            [
                (self.neighbour, "1", (date(2026, 3, 10) - date(2022, 1, 1)).days),
                (self.same_property, "1", (date(2026, 3, 10) - date(2025, 6, 1)).days),
                (self.same_area, "2", (date(2026, 3, 10) - date(2010, 1, 1)).days),
                (self.elsewhere, "3", (date(2026, 3, 10) - date(2005, 1, 1)).days),
            ],
        )
        html = listing.ranking_html
        self.assertLess(html.index("Neighbour"), html.index("Same Property"))
        self.assertIn("A home in the same property", html)

    def test_accept_makes_a_storage_lease_and_resets_the_storage_queue(self):
        listing = self.listing_for()
        storage_place = self.join_queue(self.same_property, date(2020, 1, 1))
        parking_place = self.Membership.create(
            {"partner_id": self.same_property.id, "queue_start_date": date(2019, 1, 1)}
        )
        listing.apply(self.same_property)
        other = listing.apply(self.same_area)
        listing.action_start_offer_round()
        offer = listing.active_offer_id
        self.assertEqual(offer.partner_id, self.same_property)
        lease = offer.action_accept()
        self.assertEqual((listing.state, offer.state), ("assigned", "accepted"))
        self.assertEqual(lease.lease_type, "storage")
        self.assertEqual(lease.rental_object_id, self.rooms[0])
        self.assertEqual(lease.partner_id, self.same_property)
        self.assertEqual(lease.date_start, date(2026, 4, 1))
        self.assertEqual(storage_place.queue_start_date, date(2026, 3, 10))
        self.assertEqual(parking_place.queue_start_date, date(2019, 1, 1))
        self.assertEqual(other.state, "assigned_other")

    def test_first_come_storage_room_keeps_the_queue_date(self):
        storage_place = self.join_queue(self.elsewhere, date(2020, 1, 1))
        listing = self.listing_for(self.rooms[2], rule="non_scored")
        self.assertRefused(
            storage_rules.NOT_TENANT,
            "may rent a storage room",
            lambda: listing.apply(self.outsider),
        )
        application = listing.apply(self.elsewhere)
        self.assertEqual(
            (application.priority_reason, application.state), (letting.FIRST_COME, "accepted")
        )
        self.assertEqual(listing.lease_id.lease_type, "storage")
        self.assertEqual(storage_place.queue_start_date, date(2020, 1, 1))

    def test_facts_in_a_constant_number_of_queries(self):
        listing = self.listing_for()
        Rules = self.env["housing.letting.rules.storage"]
        many = self.contacts([f"Tenant {n}" for n in range(30)])
        for n, partner in enumerate(many):
            home = self.Object.create(
                {
                    "code": f"999-002-02-{n:04d}",
                    "object_type": "residence",
                    "property_id": self.other_property.id,
                }
            )
            self.lease_for(partner, home)
        few = self.same_property | self.same_area
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            Rules._facts_by_partner(listing, few)
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            facts = Rules._facts_by_partner(listing, many)
        self.assertEqual({data["housing"] for data in facts.values()}, {1})

    def test_only_storage_rooms_are_listed(self):
        with (
            self.assertRaisesRegex(ValidationError, "is not a storage room"),
            self.env.cr.savepoint(),
        ):
            self.Listing.create({"rental_object_id": self.homes[0].id})
        self.assertFalse(self.Listing.search([("rental_object_id", "=", self.homes[0].id)]))
        listing = self.env["housing.listing"].create({"rental_object_id": self.rooms[3].id})
        self.assertEqual(listing.category, "storage")
        self.assertEqual(listing._policy(), self.env.ref("housing_storage_queue.policy_scored"))
        self.assertEqual(listing.date_to, date(2026, 3, 24))
