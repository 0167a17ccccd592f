from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.housing_letting.models import housing_application

from .common import ParkingQueueCase


@tagged("-at_install", "post_install", "housing_parking_queue")
class TestLettingQueries(ParkingQueueCase):
    """The engine's work on a listing takes the same number of queries whatever the
    number of applicants (set-based: one read of the applications, facts in batches, one
    UPDATE of the ranks, one INSERT of the audit): a query per applicant coming back
    would make a listing of 50,000 applicants take minutes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.many = cls.identified_contacts(
            [
                {"name": f"Köande {n}", "street": "Kögatan 1", "zip": "722 11", "city": "Västerås"}
                for n in range(200)
            ]
        )
        # Two of them with a home (eligible), the others refused (no home) but ranked.
        for partner, home in zip(cls.many[:10], cls.homes[3:5], strict=False):
            cls.lease_for(partner, home)
        cls.Membership.create(
            [
                {"partner_id": partner.id, "queue_start_date": date(2010, 1, 1) + timedelta(n)}
                for n, partner in enumerate(cls.many | cls.home_tenant | cls.one_parking)
            ]
        )

    def listing_with(self, space, partners):
        listing = self.listing_for(space)
        self.Application.with_context(housing_letting_apply=True).create(
            [
                {
                    "listing_id": listing.id,
                    "partner_id": partner.id,
                    "application_type": "additional",
                }
                for partner in partners
            ]
        )
        return listing

    def queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def listings(self):
        """A warm-up listing, then one of 20 and one of 200 applicants, and the two
        tenants of the test estate (the first of the many ranks first: a home, no
        parking and the earliest queue date)."""
        first = self.home_tenant | self.one_parking
        return (
            self.listing_with(self.spaces[3], first | self.many[:5]),
            self.listing_with(self.spaces[4], first | self.many[:20]),
            self.listing_with(self.spaces[5], first | self.many),
        )

    @freeze_time("2026-03-16 08:00")
    def test_ranking_queries_do_not_grow(self):
        warm, small, large = self.listings()
        self.queries(warm._rank)
        counts = [self.queries(small._rank), self.queries(large._rank)]
        self.assertEqual(counts[0], counts[1], "queries of ranking 22 and 202 applicants")
        self.assertEqual(large.application_ids.sorted("rank")[:1].partner_id, self.many[0])
        self.assertEqual(sorted(large.application_ids.mapped("rank")), list(range(1, 203)))
        # The staff's table of the ranking now reads its rows in batches too.
        counts = [
            self.queries(lambda listing=listing: listing.ranking_html)
            for listing in (warm, small, large)
        ][1:]
        self.assertEqual(counts[0], counts[1], "queries of the ranking table")

    @freeze_time("2026-03-16 08:00")
    def test_ranking_again_writes_only_what_changed(self):
        """The nightly ranking of a listing whose applicants have not moved writes
        nothing; a place that is wrong (or has moved) is written again, and only that."""
        large = self.listings()[2]
        Application = type(self.Application)
        stored = Application._store_ranking
        written = []

        def store(model, rows):
            written.append([row[0] for row in rows])
            return stored(model, rows)

        with patch.object(Application, "_store_ranking", store):
            large._rank()
            first = large.application_ids.sorted("rank")
            large._rank()
            self.env.cr.execute(
                "UPDATE housing_application SET rank = 999 WHERE id = %s", [first[1].id]
            )
            self.env.invalidate_all()
            large._rank()
        self.assertEqual(len(written[0]), 202, "the first ranking stores every place")
        self.assertEqual(written[1], [], "ranking again with nothing changed")
        self.assertEqual(written[2], [first[1].id], "only the wrong place is written again")
        self.assertEqual(first[1].rank, 2)

    @freeze_time("2026-03-16 08:00")
    def test_offer_round_queries_do_not_grow(self):
        listings = self.listings()
        counts = []
        for listing in listings:
            listing.write({"state": "ready"})
            counts.append(self.queries(listing._start_offer_rounds))
        self.assertEqual(counts[1], counts[2], "queries of an offer round of 22 and 202")
        large = listings[2]
        self.assertEqual(large.active_offer_id.partner_id, self.many[0])
        audit = large.active_offer_id.allocation_round_id
        self.assertEqual(len(audit.line_ids), 202)
        self.assertEqual(audit.line_ids[-1].rank, 202)

    @freeze_time("2026-03-16 08:00")
    def test_applying_queries_do_not_grow(self):
        __, small, large = self.listings()
        newcomers = self.identified_contacts(
            [
                {"name": f"Ny {n}", "street": "Ny 1", "zip": "722 11", "city": "Västerås"}
                for n in (1, 2)
            ]
        )
        homes = self.Object.create(
            [
                {
                    "code": f"999-001-01-{n:04d}",
                    "object_type": "residence",
                    "property_id": self.property.id,
                    "base_rent": 6000,
                }
                for n in (8, 9)
            ]
        )
        for partner, home in zip(newcomers, homes, strict=True):
            self.lease_for(partner, home, start=date(2026, 1, 1))
        counts = [
            self.queries(lambda listing=listing, partner=partner: listing.apply(partner))
            for listing, partner in zip((small, large), newcomers, strict=True)
        ]
        self.assertEqual(counts[0], counts[1], "queries of applying beside 22 and 202")

    @freeze_time("2026-03-16 08:00")
    def test_the_others_are_told_in_batches(self):
        """Letting queues the first batch of result e-mails at once and leaves the rest
        to the result e-mail run, which tells everybody once."""
        listing = self.listings()[2]
        listing.action_start_offer_round()
        offer = listing.active_offer_id
        template = self.env.ref("housing_parking_queue.mail_template_parking_assigned_other")

        def told():
            return self.env["mail.mail"].search(
                [
                    ("model", "=", "housing.application"),
                    ("res_id", "in", listing.application_ids.ids),
                ]
            )

        with patch.object(housing_application, "RESULT_MAIL_BATCH", 50):
            offer.action_accept()
            self.assertEqual(len(told()), 50)
            others = listing.application_ids.filtered(lambda app: app.state == "assigned_other")
            self.assertEqual(len(others), 201)
            self.assertEqual(len(others.filtered("result_mail_pending")), 151)
            self.Application._cron_send_result_mails()
        mails = told()
        self.assertEqual(len(mails), 201)
        self.assertEqual(mails.recipient_ids, others.partner_id)
        self.assertFalse(others.filtered("result_mail_pending"))
        # Filled in without QWeb: the applicant's name and the space, as the template says.
        mail = mails.filtered(lambda mail: mail.recipient_ids == self.one_parking)
        self.assertIn("Hello One Parking", mail.body_html)
        self.assertIn(listing.name, mail.body_html)
        self.assertEqual(
            mail.subject, template.subject.replace("{{ object.listing_id.name }}", listing.name)
        )
        self.Application._cron_send_result_mails()
        self.assertEqual(len(told()), 201, "nobody is told twice")
