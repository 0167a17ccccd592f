# pylint: disable=invalid-commit
from datetime import date

import psycopg2

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.housing_base.tests.common import ConcurrencyCase


@tagged("-at_install", "post_install", "housing_lease")
class TestRentChangeConcurrency(ConcurrencyCase):
    """Issue 15, item 13: two managers apply the same rent change at the same moment -
    the rent changes once; the second transaction fails and its retry is refused."""

    def setUp(self):
        super().setUp()
        with self.cursor() as cr:
            env = self.env_of(cr)
            prop = env["housing.property"].create({"code": "98101", "name": "HYRESHÖJNING 1"})
            obj = env["housing.rental.object"].create(
                {"code": "981-001-01-0001", "property_id": prop.id, "base_rent": 4170}
            )
            partner = env["res.partner"].create({"name": "Hyresgäst"})
            lease = env["housing.lease"].create(
                {
                    "rental_object_id": obj.id,
                    "date_start": date(2024, 1, 1),
                    "tenant_line_ids": [Command.create({"partner_id": partner.id})],
                }
            )
            lease.action_confirm()
            changes = env["housing.lease.rent.change"].create(
                [
                    {"effective_date": date(2025, 1, 1), "value": 2.5, "property_ids": prop.ids}
                    for _ in range(2)
                ]
            )
            for change in changes:
                change.action_preview()
            self.ids_ = (prop.id, obj.id, partner.id, lease.id, changes.ids)
            cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        prop_id, obj_id, partner_id, lease_id, change_ids = self.ids_
        with self.cursor() as cr:
            env = self.env_of(cr)
            changes = env["housing.lease.rent.change"].browse(change_ids)
            changes.line_ids.unlink()
            changes.state = "draft"
            changes.unlink()
            env["housing.lease"].browse(lease_id).unlink()
            env["housing.rental.object"].browse(obj_id).unlink()
            env["housing.property"].browse(prop_id).unlink()
            env["res.partner"].browse(partner_id).unlink()
            cr.commit()

    def test_same_change_applied_twice_at_once(self):
        _prop, obj_id, _partner, lease_id, (first, second) = self.ids_

        def apply(change_id):
            return lambda env: env["housing.lease.rent.change"].browse(change_id).action_apply()

        error = self.race(apply(first), apply(second))
        self.assertIsInstance(error, psycopg2.errors.SerializationFailure)
        with self.cursor() as cr:
            env = self.env_of(cr)
            # Odoo retries the request in a new transaction, which sees the first change.
            with self.assertRaisesRegex(UserError, "was already changed by"):
                env["housing.lease.rent.change"].browse(second).action_apply()
            cr.rollback()
            lease = env["housing.lease"].browse(lease_id)
            self.assertEqual(lease.rent_on(date(2025, 1, 1)), 4274)
            self.assertEqual(env["housing.rental.object"].browse(obj_id).base_rent, 4274)
            changes = env["housing.lease.rent.change"].browse([first, second])
            self.assertEqual(changes.mapped("state"), ["done", "draft"])
