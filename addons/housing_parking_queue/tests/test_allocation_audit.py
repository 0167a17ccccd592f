import base64
import csv
import importlib.util
import io
import json
from datetime import date

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import file_path, mute_logger

from ..tools import rules
from .common import ParkingQueueCase


@tagged("-at_install", "post_install", "housing_parking_queue")
class TestAllocationAudit(ParkingQueueCase):
    """Each offer round keeps its ranking (tilldelningsunderlag): who ranked where, with
    which points, priority and reason, and what the round did; staff read and export it,
    nobody changes it, the retention job takes the person out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(cls.env, "audit_staff", groups="housing_base.group_housing_user")
        cls.privileged = new_test_user(
            cls.env, "audit_protected", groups="housing_base.group_housing_protected_identity"
        )
        cls.integration = new_test_user(
            cls.env, "audit_integration", groups="housing_base.group_housing_integration"
        )
        cls.portal = new_test_user(cls.env, "audit_portal", groups="base.group_portal")
        cls.join_queue(cls.home_tenant, date(2020, 1, 1))
        cls.join_queue(cls.one_parking, date(2015, 1, 1))
        cls.join_queue(cls.two_parking, date(2010, 1, 1))
        cls.listing = cls.listing_for()
        for partner in (cls.home_tenant, cls.one_parking, cls.two_parking):
            cls.listing.apply(partner, "additional")

    def rows(self, audit):
        return [
            (
                line.rank,
                line.partner_id,
                line.priority,
                line.priority_reason,
                line.queue_points,
                line.state,
            )
            for line in audit.line_ids
        ]

    @freeze_time("2026-03-16 08:00")
    def test_each_round_keeps_its_ranking(self):
        self.two_parking.debt_collection_date = date(2026, 3, 1)  # refused, last
        self.listing.with_user(self.staff).action_start_offer_round()
        offer = self.listing.active_offer_id
        audit = offer.allocation_round_id
        self.assertEqual(
            (audit.listing_id, audit.round_number, audit.kind), (self.listing, 1, "offer")
        )
        self.assertEqual((audit.applicant_count, audit.eligible_count), (3, 2))
        self.assertEqual(
            self.rows(audit),
            [
                (1, self.home_tenant, "1", rules.NO_PARKING, 2266, "offered"),
                (2, self.one_parking, "2", rules.ADDITIONAL_TO_ONE, 4092, "active"),
                (3, self.two_parking, "none", rules.CREDIT_CHECK, 5918, "active"),
            ],
        )
        # The first declines: the second round is kept beside the first, unchanged.
        offer.action_decline()
        second = self.listing.active_offer_id.allocation_round_id
        self.assertEqual(second.round_number, 2)
        self.assertEqual(
            [(line.rank, line.partner_id, line.state) for line in second.line_ids],
            [(1, self.one_parking, "offered"), (2, self.two_parking, "active")],
        )
        self.assertEqual(self.rows(audit)[0][-1], "offered")
        self.assertEqual(
            self.env["housing.allocation.round"].search([("listing_id", "=", self.listing.id)]),
            audit | second,
        )
        self.assertIn("debt collection recently", audit.with_user(self.staff).reason_summary)

    @freeze_time("2026-03-16 08:00")
    def test_nobody_changes_or_deletes_it(self):
        self.listing.action_start_offer_round()
        audit = self.listing.active_offer_id.allocation_round_id
        line = audit.line_ids[0]
        for records in (audit, line, audit.sudo(), line.sudo()):
            with self.subTest(records=records), self.assertRaisesRegex(UserError, "cannot be"):
                records.write({"rank": 9} if records._name.endswith("line") else {"kind": "offer"})
            with self.subTest(records=records), self.assertRaisesRegex(UserError, "cannot be"):
                records.unlink()
        self.assertEqual(line.rank, 1)
        for user in (self.staff, self.integration):
            with self.subTest(user=user.login):
                self.assertEqual(audit.with_user(user).line_ids.mapped("rank"), [1, 2, 3])
                with self.assertRaises(AccessError):
                    audit.with_user(user).check_access("write")
                with self.assertRaises(AccessError):
                    self.env["housing.allocation.line"].with_user(user).check_access("create")
        with self.assertRaises(AccessError):
            audit.with_user(self.portal).check_access("read")
        # A listing with an audit is not deleted (the audit would go with it).
        with (
            self.assertRaises(psycopg2.errors.ForeignKeyViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.listing.sudo().unlink()

    @freeze_time("2026-03-16 08:00")
    def test_protected_applicant_not_named_to_staff(self):
        self.home_tenant.sudo().housing_protect_identity("Beslut")
        self.listing.action_start_offer_round()
        audit = self.listing.active_offer_id.allocation_round_id
        first = audit.line_ids[0].with_user(self.staff)
        self.assertEqual(
            (first.rank, first.applicant, first.partner_id.id, first.partner_name, first.protected),
            (1, "Protected identity", False, False, True),
        )
        self.assertEqual(audit.line_ids[1].with_user(self.staff).applicant, "One Parking")
        with self.assertRaises(AccessError):
            first.read(["protected_partner_id"])
        self.assertEqual(
            audit.line_ids[0].with_user(self.privileged).protected_partner_id, self.home_tenant
        )
        exported = self.export(audit.with_user(self.staff))
        self.assertNotIn("Home Tenant", exported)
        self.assertIn("Protected identity", exported)

    def export(self, audit):
        action = audit.action_export_csv()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        return base64.b64decode(attachment.datas).decode("utf-8-sig")

    @freeze_time("2026-03-16 08:00")
    def test_export_for_a_complaint(self):
        self.listing.action_start_offer_round()
        audit = self.listing.active_offer_id.allocation_round_id
        exported = list(
            csv.reader(io.StringIO(self.export(audit.with_user(self.staff))), delimiter=";")
        )
        self.assertEqual(exported[0][:4], ["Rank", "Applicant", "Customer number", "Priority"])
        self.assertEqual(len(exported), 4)
        self.assertEqual(exported[1][:2], ["1", "Home Tenant"])
        self.assertEqual(exported[1][4], "No parking lease, a home in the area")
        self.assertEqual(exported[1][-1], "Offered")
        self.assertEqual(exported[3][1], "Two Parking")

    @freeze_time("2026-03-16 08:00")
    def test_anonymise_keeps_rank_points_and_reason(self):
        self.listing.action_start_offer_round()
        audit = self.listing.active_offer_id.allocation_round_id
        Line = self.env["housing.allocation.line"]
        lines = Line._of_partners(self.one_parking)
        self.assertEqual(lines, audit.line_ids[1])
        lines._anonymise()
        line = audit.line_ids[1]
        self.assertEqual(
            (line.partner_id, line.application_id, line.partner_name, line.applicant),
            (self.env["res.partner"], self.env["housing.application"], False, "Anonymised"),
        )
        self.assertEqual(
            (line.rank, line.priority, line.priority_reason, line.queue_points),
            (2, "2", rules.ADDITIONAL_TO_ONE, 4092),
        )
        self.assertFalse(Line._of_partners(self.one_parking))
        self.assertEqual(audit.line_ids[0].partner_id, self.home_tenant)


@tagged("-at_install", "post_install", "housing_parking_queue")
class TestAllocationAuditMigration(ParkingQueueCase):
    """Upgrading to housing_letting 19.0.1.1.0 turns the offers' stored snapshots into
    allocation audit rounds (a protected applicant's row keeps no contact for staff)."""

    @freeze_time("2026-03-16 08:00")
    def test_stored_snapshot_becomes_a_round(self):
        self.join_queue(self.home_tenant, date(2020, 1, 1))
        self.join_queue(self.one_parking, date(2015, 1, 1))
        listing = self.listing_for()
        first = listing.apply(self.home_tenant, "additional")
        second = listing.apply(self.one_parking, "additional")
        listing.action_start_offer_round()
        offer = listing.active_offer_id
        # The offer as 19.0.1.0.0 kept it: the ranking in a Json column, no round.
        snapshot = [
            {"rank": 1, "partner_id": self.home_tenant.id, "partner": "Home Tenant",
             "protected": True, "priority": "1", "reason": rules.NO_PARKING,
             "queue_start_date": "2020-01-01", "state": "active",
             "application_id": first.id, "application_type": "additional"},
            {"rank": 2, "partner_id": self.one_parking.id, "partner": "One Parking",
             "protected": False, "priority": "2", "reason": rules.ADDITIONAL_TO_ONE,
             "queue_start_date": "2015-01-01", "state": "active",
             "application_id": second.id, "application_type": "additional"},
        ]  # fmt: skip
        cr = self.env.cr
        cr.execute("ALTER TABLE housing_offer ADD COLUMN ranking_snapshot jsonb")
        cr.execute(
            "UPDATE housing_offer SET ranking_snapshot = %s, allocation_round_id = NULL "
            "WHERE id = %s",
            [json.dumps(snapshot), offer.id],
        )
        path = file_path("housing_letting/migrations/19.0.1.1.0/post-migration.py")
        spec = importlib.util.spec_from_file_location("letting_post_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(cr, "19.0.1.0.0")
        self.env.invalidate_all()
        audit = offer.allocation_round_id
        self.assertEqual((audit.listing_id, audit.round_number), (listing, 1))
        self.assertEqual(
            len(self.env["housing.allocation.round"].search([("listing_id", "=", listing.id)])), 2
        )
        protected, other = audit.line_ids
        self.assertEqual(
            (protected.partner_id, protected.partner_name, protected.protected),
            (self.env["res.partner"], False, True),
        )
        self.assertEqual(protected.sudo().protected_partner_id, self.home_tenant)
        self.assertEqual(
            (other.rank, other.partner_id, other.queue_points, other.priority_reason),
            (2, self.one_parking, 4092, rules.ADDITIONAL_TO_ONE),
        )
        cr.execute(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_name = 'housing_offer' AND column_name = 'ranking_snapshot'"
        )
        self.assertFalse(cr.fetchone())
