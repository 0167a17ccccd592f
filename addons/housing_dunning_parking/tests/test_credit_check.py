from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.housing_dunning.tests.common import HousingDunningCase
from odoo.addons.housing_parking_queue.tests.common import identified_contacts
from odoo.addons.housing_parking_queue.tools import rules

from .. import post_init_hook

TODAY = "odoo.addons.housing_dunning.wizard.housing_collection_wizard.stockholm_today"


@tagged("housing_dunning", "housing_dunning_parking", "post_install", "-at_install")
class TestCreditCheck(HousingDunningCase):
    """The parking queue's credit check date follows the avier sent to debt collection."""

    def send(self, move, day):
        agency = self.env["res.partner"].create({"name": "Inkasso Syd AB", "is_company": True})
        wizard = self.env["housing.collection.wizard"].create(
            {"move_ids": [(6, 0, move.ids)], "agency_id": agency.id, "date": day}
        )
        with patch(TODAY, return_value=day):
            wizard.action_send()

    def test_credit_check_reads_collection_data(self):
        self.assertFalse(self.tenant.debt_collection_date)
        self.send(self.avi(self.tenant, date(2026, 7, 1)), date(2026, 8, 3))
        self.assertEqual(self.tenant.debt_collection_date, date(2026, 8, 3))
        self.send(self.avi(self.tenant, date(2026, 8, 1)), date(2026, 9, 1))
        self.assertEqual(self.tenant.debt_collection_date, date(2026, 9, 1))

    def test_manual_override_with_a_reason(self):
        self.send(self.avi(self.tenant, date(2026, 7, 1)), date(2026, 8, 3))
        with self.assertRaisesRegex(ValidationError, "reason"):
            self.tenant.write({"debt_collection_override": True})
        self.tenant.write(
            {
                "debt_collection_override": True,
                "debt_collection_override_date": False,
                "debt_collection_override_reason": "Skickad av misstag, återkallad",
            }
        )
        self.assertFalse(self.tenant.debt_collection_date)
        self.tenant.debt_collection_override = False
        self.assertEqual(self.tenant.debt_collection_date, date(2026, 8, 3))

    def test_dates_typed_by_hand_before_become_overrides(self):
        self.co_tenant.debt_collection_date = date(2026, 5, 4)
        post_init_hook(self.env)
        self.assertTrue(self.co_tenant.debt_collection_override)
        self.assertEqual(self.co_tenant.debt_collection_override_date, date(2026, 5, 4))
        self.assertEqual(self.co_tenant.debt_collection_date, date(2026, 5, 4))

    def test_an_avi_sent_to_collection_refuses_a_parking_application(self):
        """The queue's credit check ('sent to collection within six months') from the
        collection of an unpaid avi: the tenant may not apply until six months have
        passed, or a manager overrides the date with a reason."""
        tenant = identified_contacts(self.env, [{"name": "Cecilia Berg"}])
        home = self.env["housing.rental.object"].create(
            {"code": "999-001-01-0901", "property_id": self.property.id, "base_rent": 6500}
        )
        self.lease_for(tenant, home)
        space = self.env["housing.rental.object"].create(
            {
                "code": "999-001-P-901",
                "object_type": "parking",
                "property_id": self.property.id,
                "parking_type": "outdoor",
                "base_rent": 400,
            }
        )
        self.send(self.avi(tenant, date(2026, 7, 1)), date(2026, 8, 3))

        def verdict(day):
            with freeze_time(day):
                listing = (
                    self.env["housing.listing"]
                    .with_context(default_category="parking")
                    .create(
                        {
                            "rental_object_id": space.id,
                            "date_from": day,
                            "date_to": date(day.year, day.month, 28),
                            "vacant_from": date(2027, 6, 1),
                        }
                    )
                )
                answer = listing.get_eligibility(tenant)[listing.id][rules.ADDITIONAL]
                listing.unlink()
                return answer["eligible"], answer["reason"]

        self.assertEqual(verdict(date(2026, 9, 1)), (False, rules.CREDIT_CHECK))
        self.assertEqual(verdict(date(2027, 2, 3))[1], rules.CREDIT_CHECK)
        self.assertTrue(verdict(date(2027, 2, 4))[0], "six months after the collection")
        tenant.write(
            {
                "debt_collection_override": True,
                "debt_collection_override_date": False,
                "debt_collection_override_reason": "Skulden var bestriden och är återkallad",
            }
        )
        self.assertTrue(verdict(date(2026, 9, 1))[0])
