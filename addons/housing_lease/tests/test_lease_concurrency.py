# pylint: disable=invalid-commit
from datetime import date

import psycopg2

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.housing_base.tests.common import ConcurrencyCase


@tagged("-at_install", "post_install", "housing_lease")
class TestLeaseConcurrency(ConcurrencyCase):
    """Two transactions let the same rental object at the same time: exactly one commits.

    Odoo runs every request in a REPEATABLE READ transaction and retries it on a
    serialization failure; the retried request then meets the friendly check."""

    def setUp(self):
        super().setUp()
        with self.cursor() as cr:
            env = self.env_of(cr)
            prop = env["housing.property"].create({"code": "98001", "name": "RACE 1"})
            obj = env["housing.rental.object"].create(
                {"code": "980-001-01-0001", "property_id": prop.id, "base_rent": 5000}
            )
            partners = env["res.partner"].create([{"name": "Först"}, {"name": "Sist"}])
            self.object_id, self.partner_ids, self.property_id = obj.id, partners.ids, prop.id
            cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.cursor() as cr:
            env = self.env_of(cr)
            env["housing.lease"].search([("rental_object_id", "=", self.object_id)]).unlink()
            env["housing.rental.object"].browse(self.object_id).unlink()
            env["housing.property"].browse(self.property_id).unlink()
            env["res.partner"].browse(self.partner_ids).unlink()
            cr.commit()

    def _create_lease(self, env, partner_id, confirm=True):
        lease = env["housing.lease"].create(
            {
                "rental_object_id": self.object_id,
                "date_start": date(2026, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": partner_id, "role": "main"})],
            }
        )
        if confirm:
            lease.action_confirm()
        env.flush_all()
        return lease.id

    def _lease_names(self):
        with self.cursor() as cr:
            cr.execute(
                "SELECT name, state FROM housing_lease WHERE rental_object_id = %s ORDER BY id",
                [self.object_id],
            )
            return cr.fetchall()

    @mute_logger("odoo.sql_db")
    def test_second_transaction_fails_then_its_retry_is_refused(self):
        with self.cursor() as cr1, self.cursor() as cr2:
            self.begin(cr1, cr2)
            self._create_lease(self.env_of(cr1), self.partner_ids[0])
            cr1.commit()
            # The second transaction cannot see the first lease, so the friendly check
            # would pass: numbering the lease fails instead.
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                self._create_lease(self.env_of(cr2), self.partner_ids[1])
            cr2.rollback()
            # Odoo retries the request in a new transaction, which sees the first lease.
            with self.assertRaisesRegex(ValidationError, "already let under lease"):
                self._create_lease(self.env_of(cr2), self.partner_ids[1])
            cr2.rollback()
        self.assertEqual(self._lease_names(), [("980-001-01-0001/01", "current")])

    def test_waiting_transaction_fails_when_the_first_commits(self):
        error = self.race(
            lambda env: self._create_lease(env, self.partner_ids[0]),
            lambda env: self._create_lease(env, self.partner_ids[1]),
        )
        self.assertIsInstance(error, psycopg2.errors.SerializationFailure)
        self.assertEqual(self._lease_names(), [("980-001-01-0001/01", "current")])

    @mute_logger("odoo.sql_db")
    def test_confirming_two_drafts_at_once(self):
        """The numbers were taken long ago: only the exclusion constraint is left."""
        with self.cursor() as cr:
            first = self._create_lease(self.env_of(cr), self.partner_ids[0], confirm=False)
            second = self._create_lease(self.env_of(cr), self.partner_ids[1], confirm=False)
            cr.commit()
        with self.cursor() as cr1, self.cursor() as cr2:
            self.begin(cr1, cr2)
            env1 = self.env_of(cr1)
            env1["housing.lease"].browse(first).action_confirm()
            env1.flush_all()
            cr1.commit()
            with self.assertRaises(psycopg2.errors.ExclusionViolation):
                env2 = self.env_of(cr2)
                env2["housing.lease"].browse(second).action_confirm()
                env2.flush_all()
            cr2.rollback()
        self.assertEqual(
            self._lease_names(),
            [("980-001-01-0001/01", "current"), ("980-001-01-0001/02", "draft")],
        )
