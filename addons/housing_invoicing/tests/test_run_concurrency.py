# pylint: disable=invalid-commit
from datetime import date

import psycopg2

from odoo import Command
from odoo.tests import tagged

from odoo.addons.housing_base.tests.common import ConcurrencyCase

FEB = date(2026, 2, 1)


@tagged("-at_install", "post_install", "housing_invoicing")
class TestRunConcurrency(ConcurrencyCase):
    """Two monthly runs of the same month at the same time (the cron and a manager's
    wizard): the unique index on billed months lets exactly one bill the lease."""

    def setUp(self):
        super().setUp()
        with self.cursor() as cr:
            env = self.env_of(cr)
            company = env.company
            income = env["account.account"].search(
                [("account_type", "=", "income"), ("company_ids", "in", company.ids)], limit=1
            )
            journal = env["account.journal"].create(
                {
                    "name": "Hyresavier (test)",
                    "code": "HYRT",
                    "type": "sale",
                    "default_account_id": income.id,
                }
            )
            tax = env["account.tax"].create(
                {"name": "0% Hyra (test)", "amount": 0, "type_tax_use": "sale"}
            )
            company.write(
                {"housing_invoice_journal_id": journal.id, "housing_exempt_tax_id": tax.id}
            )
            prop = env["housing.property"].create({"code": "98101", "name": "RACE 2"})
            obj = env["housing.rental.object"].create(
                {"code": "981-001-01-0001", "property_id": prop.id, "base_rent": 5000}
            )
            tenant = env["res.partner"].create({"name": "Samtidig", "is_housing_contact": True})
            lease = env["housing.lease"].create(
                {
                    "rental_object_id": obj.id,
                    "date_start": date(2025, 1, 1),
                    "tenant_line_ids": [Command.create({"partner_id": tenant.id})],
                }
            )
            lease.action_confirm()
            self.ids = {
                "journal": journal.id,
                "tax": tax.id,
                "property": prop.id,
                "object": obj.id,
                "tenant": tenant.id,
                "lease": lease.id,
            }
            cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.cursor() as cr:
            env = self.env_of(cr)
            moves = env["account.move"].search([("journal_id", "=", self.ids["journal"])])
            moves.button_draft()
            moves.with_context(force_delete=True).unlink()
            env.company.write({"housing_invoice_journal_id": False, "housing_exempt_tax_id": False})
            env["housing.lease"].browse(self.ids["lease"]).unlink()
            env["housing.rental.object"].browse(self.ids["object"]).unlink()
            env["housing.property"].browse(self.ids["property"]).unlink()
            env["res.partner"].browse(self.ids["tenant"]).unlink()
            env["account.journal"].browse(self.ids["journal"]).unlink()
            env["account.tax"].browse(self.ids["tax"]).unlink()
            cr.commit()

    def run_feb(self, env):
        return env["housing.invoice.billing"]._run(FEB, env.company, date(2026, 1, 10))

    def test_two_runs_at_once_bill_the_lease_once(self):
        error = self.race(self.run_feb, self.run_feb)
        self.assertIsInstance(error, psycopg2.Error)
        with self.cursor() as cr:
            env = self.env_of(cr)
            billed = env["housing.invoice.billing"].search([("lease_id", "=", self.ids["lease"])])
            self.assertEqual(len(billed), 1)
            self.assertEqual(billed.move_id.amount_total, 5000.0)
            # The failed run, retried, finds the month billed.
            self.assertFalse(self.run_feb(env))
            cr.rollback()
