from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import HousingPortalCase


@tagged("post_install", "-at_install", "housing_portal")
class TestPortalPhone(HousingPortalCase):
    """The tenant's pages on a 390 px phone (an iPhone 12-14 held upright): every list and
    form fits the screen, with no table to scroll sideways."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        prop = env["housing.property"].create({"code": "97301", "name": "TELEFONEN 1"})
        building = env["housing.building"].create(
            {"code": "97301-01", "name": "Hus 1", "property_id": prop.id}
        )
        staircase = env["housing.staircase"].create(
            {"code": "97301-01-1", "name": "Uppgång A", "building_id": building.id}
        )
        cls.flat = env["housing.rental.object"].create(
            {
                "code": "973-001-01-0001",
                "staircase_id": staircase.id,
                "street": "Långa Stadsdelsnamnsgatan 123 B",
                "base_rent": 7100,
            }
        )
        cls.lease = env["housing.lease"].create(
            {
                "rental_object_id": cls.flat.id,
                "date_start": date(2025, 1, 1),
                "tenant_line_ids": [
                    Command.create({"partner_id": cls.tenant.id, "role": "main"}),
                    Command.create({"partner_id": cls.other_tenant.id, "role": "co"}),
                ],
            }
        )
        cls.lease.action_confirm()
        env.ref("housing_parking_queue.policy_scored").keep_alive_months = 12
        env["housing.queue.membership"]._ensure(cls.tenant, "parking_internal")
        cls.request = env["maintenance.request"].create_from_tenant(
            cls.tenant,
            {
                "name": "Kylskåpet i köket har slutat kyla och frysen läcker vatten",
                "rental_object_code": cls.flat.code,
            },
        )

    def test_pages_fit_a_phone(self):
        self.tenant_user.password = self.tenant_user.login
        pages = [
            "/my",
            "/my/leases",
            self.lease.access_url,
            "/my/service-requests",
            f"/my/service-requests/{self.request.id}",
            "/my/service-requests/new",
            "/my/contact",
            "/my/parking",
            "/my/queues",
        ]
        for url in pages:
            with self.subTest(url=url):
                self.start_tour(url, "housing_portal_fits_phone", login=self.tenant_user.login)
