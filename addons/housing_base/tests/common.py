from odoo.tests import TransactionCase, new_test_user


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
