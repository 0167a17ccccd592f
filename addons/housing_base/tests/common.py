# pylint: disable=invalid-commit
import threading
from contextlib import closing

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger


class HousingBaseCase(TransactionCase):
    """Users of every housing group and a tenant, shared by the housing_base tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.housing_user = new_test_user(
            cls.env, "housing_user", groups="housing_base.group_housing_user", name="Uthyrare"
        )
        cls.housing_manager = new_test_user(
            cls.env, "housing_manager", groups="housing_base.group_housing_manager", name="Chef"
        )
        cls.integration_user = new_test_user(
            cls.env, "housing_integration", groups="housing_base.group_housing_integration"
        )
        cls.internal_user = new_test_user(cls.env, "plain_internal", groups="base.group_user")
        cls.portal_user = new_test_user(cls.env, "tenant_portal", groups="base.group_portal")
        cls.Partner = cls.env["res.partner"]
        cls.tenant = cls.Partner.create(
            {
                "name": "Anna Andersson",
                "is_housing_contact": True,
                "personal_number": "198112189876",
                "phone": "070-123 45 67",
                "street": "Sjöodjursgatan 4",
                "city": "Västerås",
            }
        )


class ConcurrencyCase(TransactionCase):
    """Concurrency is only observable between committed transactions: subclasses work on
    real, separate cursors (``cursor()``), commit on purpose and delete what they made in
    a cleanup."""

    def cursor(self):
        """A real, separate database transaction (not the test's own cursor)."""
        return closing(db_connect(self.env.cr.dbname).cursor())

    def env_of(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def begin(self, *crs):
        """Begin the transactions as any request does: their snapshots are taken now."""
        for cr in crs:
            cr.execute("SELECT 1")

    def race(self, first_action, second_action):
        """Both transactions begin; ``first_action(env)`` runs in the first and, while it
        holds its locks, ``second_action(env)`` runs in the second, which must wait. Then
        the first commits. Returns the second transaction's error (or None)."""
        with self.cursor() as cr1, self.cursor() as cr2:
            # Environments are made here: looking the registry up in the thread would wait
            # for the registry lock that the test runner holds.
            env1, env2 = self.env_of(cr1), self.env_of(cr2)
            self.begin(cr1, cr2)
            first_action(env1)
            env1.flush_all()
            errors = []

            def second():
                try:
                    second_action(env2)
                    env2.flush_all()
                    cr2.commit()
                except (psycopg2.Error, UserError) as exc:
                    errors.append(exc)
                    cr2.rollback()

            thread = threading.Thread(target=second)
            with mute_logger("odoo.sql_db"):
                thread.start()
                thread.join(1)
                self.assertTrue(thread.is_alive(), "the second transaction waits for the first")
                cr1.commit()
                thread.join(30)
            self.assertFalse(thread.is_alive())
        return errors[0] if errors else None
