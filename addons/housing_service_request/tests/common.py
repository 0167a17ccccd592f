from datetime import date

from odoo.tests import new_test_user

from odoo.addons.housing_lease.tests.common import HousingLeaseCase

STAGE_CODES = ("waiting", "returned", "assigned", "started", "waiting_parts", "performed", "closed")


class HousingServiceRequestCase(HousingLeaseCase):
    """The leased test estate with a caretaker team, contractor teams and their users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Request = env["maintenance.request"]
        cls.Team = env["maintenance.team"]
        cls.team = cls.Team.create({"name": "Testvärdar"})
        cls.caretaker_area.maintenance_team_id = cls.team
        cls.contractor = new_test_user(
            env, "vvs_partner", groups="housing_service_request.group_housing_contractor"
        )
        cls.other_contractor = new_test_user(
            env, "el_partner", groups="housing_service_request.group_housing_contractor"
        )
        cls.contractor_team = cls.Team.create(
            {"name": "VVS AB", "is_contractor": True, "member_ids": [(4, cls.contractor.id)]}
        )
        cls.other_contractor_team = cls.Team.create(
            {"name": "El AB", "is_contractor": True, "member_ids": [(4, cls.other_contractor.id)]}
        )
        cls.tenant_user = new_test_user(
            env, "anna_portal", groups="base.group_portal", partner_id=cls.tenant.id
        )
        cls.lease = cls.make_lease(start=date(2024, 1, 1))
        cls.stage = {
            code: env["maintenance.stage"].search([("housing_code", "=", code)])
            for code in STAGE_CODES
        }

    @classmethod
    def report(cls, **values):
        """A request on the tenant's home, made by staff."""
        return cls.Request.create(
            {
                "name": "Kylskåpet är trasigt",
                "rental_object_id": cls.residence.id,
                "reporter_id": cls.tenant.id,
                **values,
            }
        )

    def tenant_notifications(self, request):
        """Notifications (e-mails) the tenant got about ``request``."""
        return self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", self.tenant.id),
                ("mail_message_id.model", "=", "maintenance.request"),
                ("mail_message_id.res_id", "=", request.id),
            ]
        )
