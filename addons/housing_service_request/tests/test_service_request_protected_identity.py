from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HousingServiceRequestCase


@tagged("housing_service_request")
class TestServiceRequestProtectedIdentity(HousingServiceRequestCase):
    """A fault report of a protected tenant names her and her home: only the Protected
    identities privilege and the tenant herself see it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.privileged = new_test_user(
            cls.env, "request_protected", groups="housing_base.group_housing_protected_identity"
        )
        cls.staff = new_test_user(
            cls.env, "request_staff", groups="housing_base.group_housing_user"
        )
        cls.request = cls.report(maintenance_team_id=cls.contractor_team.id)
        cls.tenant.with_user(cls.privileged).housing_protect_identity("Beslut")

    def test_hidden_from_staff_contractors_and_integrations(self):
        integration = new_test_user(
            self.env, "request_integration", groups="housing_base.group_housing_integration"
        )
        for user in (self.staff, self.contractor, integration):
            Request = self.Request.with_user(user)
            self.assertFalse(Request.search_count([("id", "=", self.request.id)]), user.login)
            self.assertFalse(Request.search_count([("reporter_id", "=", self.tenant.id)]))
            with self.assertRaises(AccessError):
                self.request.with_user(user).read(["rental_object_id", "reporter_id"])

    def test_seen_by_the_privilege(self):
        self.assertEqual(
            self.Request.with_user(self.privileged).search([("id", "=", self.request.id)]),
            self.request,
        )

    def test_other_requests_stay_visible(self):
        common = self.Request.create(
            {"name": "Lampan i trapphuset", "rental_object_id": self.residence.id}
        )
        self.assertEqual(
            self.Request.with_user(self.staff).search([("id", "=", common.id)]), common
        )
