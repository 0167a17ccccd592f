from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import StorageQueueCase


@tagged("-at_install", "post_install", "housing_storage_queue")
@freeze_time("2026-03-10 09:00")
class TestRetention(StorageQueueCase):
    """The letting engine's retention run, as it anonymises a storage queue's applicants:
    the months are the policy's, the lease stays, the ranking keeps rank, points and
    reason without the person, and every run is logged per queue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Retention = cls.env["housing.letting.retention"]
        cls.policy = cls.env.ref("housing_storage_queue.policy_scored")
        cls.policy.retention_months = 12
        cls.join_queue(cls.same_property, date(2024, 1, 1))
        cls.join_queue(cls.same_area, date(2020, 1, 1))
        cls.let = cls.listing_for()
        for partner in (cls.same_property, cls.same_area, cls.elsewhere):
            cls.let.apply(partner)
        cls.let.action_start_offer_round()
        cls.offer = cls.let.active_offer_id
        cls.lease = cls.offer.action_accept()
        cls.open = cls.listing_for(cls.rooms[1])
        cls.open.apply(cls.neighbour)

    def test_anonymised_after_the_policy_months(self):
        self.assertEqual(self.let.ended_on, date(2026, 3, 10))
        names = [p.name for p in (self.same_property, self.same_area, self.elsewhere)]
        self.assertTrue(self.offer.message_ids)
        early = self.Retention._run(date(2027, 3, 10))
        self.assertEqual(
            early.line_ids.read(["category", "listing_count", "application_count"]),
            [
                {
                    "id": early.line_ids.id,
                    "category": "storage",
                    "listing_count": 0,
                    "application_count": 0,
                }
            ],
        )
        self.assertEqual(
            self.let.application_ids.partner_id,
            self.same_property | self.same_area | self.elsewhere,
        )

        run = self.Retention._run(date(2027, 3, 11))
        line = run.line_ids
        self.assertEqual(
            (line.category, line.listing_count, line.application_count, line.offer_count),
            ("storage", 1, 3, 1),
        )
        self.assertEqual(run.anonymised_count, 4)
        applications = self.let.application_ids
        self.assertEqual(len(applications), 3)
        self.assertFalse(applications.partner_id)
        self.assertTrue(all(applications.mapped("anonymised_at")))
        # What the allocation was decided on stays: rank, priority, reason, queue date.
        self.assertEqual(
            sorted(applications.mapped(lambda a: (a.priority, a.priority_reason, a.state))),
            [
                ("1", "same_property", "accepted"),
                ("2", "same_area", "assigned_other"),
                ("3", "other_tenant", "assigned_other"),
            ],
        )
        self.assertFalse(self.offer.partner_id)
        snapshot = self.offer.ranking_snapshot
        self.assertEqual(
            [(row["rank"], row["priority"], row["reason"], row["partner"]) for row in snapshot],
            [
                (1, "1", "same_property", None),
                (2, "2", "same_area", None),
                (3, "3", "other_tenant", None),
            ],
        )
        self.assertEqual(snapshot[1]["queue_start_date"], "2020-01-01")
        self.assertFalse(any(row["partner_id"] for row in snapshot))
        self.assertFalse(any(row["application_id"] for row in snapshot))
        lines = self.offer.allocation_round_id.line_ids
        self.assertEqual(
            [(line.rank, line.queue_points, line.anonymised) for line in lines],
            [(1, 799, True), (2, 2260, True), (3, 0, True)],
        )
        self.assertFalse(lines.partner_id)
        html = self.offer.ranking_html
        self.assertEqual(html.count("Anonymised"), 3)
        for name in names:
            self.assertNotIn(name, html)
            self.assertFalse(
                self.env["mail.message"].search_count(
                    [
                        (
                            "model",
                            "in",
                            ("housing.listing", "housing.offer", "housing.application"),
                        ),
                        ("body", "ilike", name),
                    ]
                ),
                name,
            )
        self.assertFalse(self.offer.message_ids)
        # The lease is never touched; the open listing's applicant stays.
        self.assertEqual(
            (self.lease.partner_id, self.lease.state), (self.same_property, "upcoming")
        )
        self.assertEqual(self.open.application_ids.partner_id, self.neighbour)
        # A second run finds nothing more.
        again = self.Retention._run(date(2027, 6, 1))
        self.assertEqual((again.line_ids.listing_count, again.anonymised_count), (0, 0))

    def test_kept_without_retention_months_and_category_hook(self):
        self.policy.retention_months = 0
        run = self.Retention._run(date(2030, 1, 1))
        self.assertFalse(run.line_ids)
        self.assertEqual(
            self.let.application_ids.partner_id,
            self.same_property | self.same_area | self.elsewhere,
        )
        self.policy.retention_months = 6
        Rules = type(self.env["housing.letting.rules.storage"])
        with patch.object(Rules, "_anonymise_expired", return_value=2) as hook:
            run = self.Retention._run(date(2030, 1, 1))
        hook.assert_called_once_with(self.policy, date(2029, 7, 1), date(2030, 1, 1))
        self.assertEqual((run.line_ids.other_count, run.anonymised_count), (2, 6))

    def test_run_log_for_managers_and_data_protection_officers(self):
        run = self.Retention._run(date(2026, 3, 10))
        with self.assertRaises(AccessError):
            self.Retention.with_user(self.lease_user).search([])
        self.assertEqual(self.Retention.with_user(self.lease_manager).search([]), run)
        self.assertTrue(run.with_user(self.lease_manager).line_ids)
