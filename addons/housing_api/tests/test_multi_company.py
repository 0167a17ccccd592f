from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.housing_lease.tests.common import HousingLeaseCase


@tagged("post_install", "-at_install", "housing_api")
class TestTwoCompanies(HousingLeaseCase):
    """Issue 14 item 8: a user of company A reads nothing of company B in any housing
    model that has a company (staff, managers and integrations alike)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_a = env.company
        cls.company_b = env["res.company"].create({"name": "Bostadsbolaget B"})
        prop = env["housing.property"].create(
            {"code": "88001", "name": "B-FASTIGHETEN 1", "company_id": cls.company_b.id}
        )
        home = cls.Object.create(
            {"code": "888-001-01-0001", "property_id": prop.id, "base_rent": 5000}
        )
        space = cls.Object.create(
            {
                "code": "888-001-P-001",
                "object_type": "parking",
                "property_id": prop.id,
                "parking_type": "garage",
                "base_rent": 600,
            }
        )
        cls.records_b = {
            "housing.property": prop,
            "housing.rental.object": home | space,
            "housing.lease": cls.make_lease(rental_object=home),
            "housing.listing": env["housing.listing"].create(
                {
                    "rental_object_id": space.id,
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 15),
                }
            ),
        }
        cls.users_a = [
            new_test_user(
                env,
                login,
                groups=group,
                company_id=cls.company_a.id,
                company_ids=cls.company_a.ids,
            )
            for login, group in (
                ("a_user", "housing_base.group_housing_user"),
                ("a_manager", "housing_base.group_housing_manager"),
                ("a_integration", "housing_base.group_housing_integration"),
            )
        ]

    def test_every_housing_model_with_a_company_is_covered(self):
        # The housing modules housing_api builds on (a module installed beside it, such as
        # housing_invoicing, tests its own company rules).
        modules = set(
            self.env["ir.module.module"]
            .search([("name", "=", "housing_api")])
            .upstream_dependencies(exclude_states=("uninstalled",))
            .mapped("name")
        ) | {"housing_api"}
        with_company = {
            name
            for name, model in self.env.registry.items()
            if name.startswith("housing.")
            and model._original_module in modules
            and "company_id" in model._fields
            and not model._abstract
            and not model._transient
        }
        self.assertEqual(with_company, set(self.records_b))

    def test_company_a_sees_nothing_of_company_b(self):
        self.assertEqual(self.records_b["housing.lease"].company_id, self.company_b)
        for user in self.users_a:
            for name, records in self.records_b.items():
                with self.subTest(user=user.login, model=name):
                    Model = self.env[name].with_user(user)
                    self.assertFalse(Model.search([("id", "in", records.ids)]))
                    with self.assertRaises(AccessError):
                        records.with_user(user).read(["display_name"])

    def test_a_user_of_both_companies_sees_both(self):
        user = new_test_user(
            self.env,
            "ab_user",
            groups="housing_base.group_housing_user",
            company_id=self.company_a.id,
            company_ids=(self.company_a | self.company_b).ids,
        )
        leases = self.Lease.with_user(user).with_context(
            allowed_company_ids=(self.company_a | self.company_b).ids
        )
        self.assertIn(self.records_b["housing.lease"], leases.search([]))
