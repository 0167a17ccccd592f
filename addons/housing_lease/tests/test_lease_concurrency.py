# pylint: disable=invalid-commit
# Concurrency is only observable between committed transactions: these tests commit on
# their own cursors and delete what they created in a cleanup.
from contextlib import closing
from datetime import date

import psycopg2

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import ValidationError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("-at_install", "post_install", "housing_lease")
class TestLeaseConcurrency(TransactionCase):
    """Two transactions confirm overlapping leases at the same time: PostgreSQL's exclusion
    constraint lets exactly one of them commit."""

    def cursor(self):
        """A real, separate database transaction (not the test's own cursor)."""
        return closing(db_connect(self.env.cr.dbname).cursor())

    def setUp(self):
        super().setUp()
        with self.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
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
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["housing.lease"].search([("rental_object_id", "=", self.object_id)]).unlink()
            env["housing.rental.object"].browse(self.object_id).unlink()
            env["housing.property"].browse(self.property_id).unlink()
            env["res.partner"].browse(self.partner_ids).unlink()
            cr.commit()

    def _confirm_lease(self, cr, partner_id):
        env = api.Environment(cr, SUPERUSER_ID, {})
        lease = env["housing.lease"].create(
            {
                "rental_object_id": self.object_id,
                "date_start": date(2026, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": partner_id, "role": "main"})],
            }
        )
        lease.action_confirm()
        env.flush_all()

    @mute_logger("odoo.sql_db")
    def test_two_transactions_cannot_both_let_the_object(self):
        with self.cursor() as cr1, self.cursor() as cr2:
            # First transaction confirms but has not committed: the second sees nothing yet,
            # so the friendly check passes and only PostgreSQL can stop it.
            self._confirm_lease(cr1, self.partner_ids[0])
            cr2.execute("SET LOCAL lock_timeout = '2s'")
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                # The lease number generator locks the rental object row: the second
                # transaction waits for the first.
                self._confirm_lease(cr2, self.partner_ids[1])
            cr2.rollback()
            cr1.commit()
            # Once the first has committed, the second is refused by the check.
            with self.assertRaisesRegex(ValidationError, "already let"):
                self._confirm_lease(cr2, self.partner_ids[1])
            cr2.rollback()

    @mute_logger("odoo.sql_db")
    def test_exclusion_constraint_without_number_lock(self):
        """Even bypassing the ORM checks, the database refuses overlapping leases."""
        with self.cursor() as cr:
            self._confirm_lease(cr, self.partner_ids[0])
            cr.commit()
        with self.cursor() as cr, self.assertRaises(psycopg2.errors.ExclusionViolation):
            env = api.Environment(cr, SUPERUSER_ID, {})
            lease = env["housing.lease"].create(
                {
                    "rental_object_id": self.object_id,
                    "date_start": date(2027, 1, 1),
                    "tenant_line_ids": [
                        Command.create({"partner_id": self.partner_ids[1], "role": "main"})
                    ],
                }
            )
            cr.execute("UPDATE housing_lease SET state = 'current' WHERE id = %s", [lease.id])
