from datetime import date

from odoo.tests import new_test_user

from odoo.addons.housing_lease.tests.common import HousingLeaseCase


class HousingServiceRequestCase(HousingLeaseCase):
    """Leased test estate with a caretaker team, a contractor team and users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Request = env["maintenance.request"]
        cls.team = env["maintenance.team"].create({"name": "Testvärdar"})
        cls.caretaker_area.maintenance_team_id = cls.team
        cls.contractor = new_test_user(
            env, "vvs_partner", groups="housing_service_request.group_housing_contractor"
        )
        cls.other_contractor = new_test_user(
            env, "el_partner", groups="housing_service_request.group_housing_contractor"
        )
        cls.contractor_team = env["maintenance.team"].create(
            {"name": "VVS AB", "is_contractor": True, "member_ids": [(4, cls.contractor.id)]}
        )
        cls.lease = cls.make_lease(start=date(2024, 1, 1))
        cls.stage = {
            code: env["maintenance.stage"].search([("housing_code", "=", code)])
            for code in ("waiting", "assigned", "started", "performed", "closed", "returned")
        }

    @classmethod
    def report(cls, **values):
        return cls.Request.create(
            {
                "name": "Kylskåpet är trasigt",
                "rental_object_id": cls.residence.id,
                "reporter_id": cls.tenant.id,
                "lease_id": cls.lease.id,
                **values,
            }
        )
