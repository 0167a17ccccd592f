from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import HousingServiceRequestCase


@tagged("post_install", "-at_install", "housing_service_request")
class TestServiceRequestAccess(HousingServiceRequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.report(
            name="Läckande element",
            maintenance_team_id=cls.contractor_team.id,
            user_id=cls.contractor.id,
        )
        cls.others = cls.report(name="Trasig dörr")
        cls.other_team = cls.report(
            name="Elcentral", maintenance_team_id=cls.other_contractor_team.id
        )

    def test_contractor_sees_only_own_team(self):
        visible = self.Request.with_user(self.contractor).search([])
        self.assertEqual(visible, self.own)
        self.assertEqual(self.Request.with_user(self.other_contractor).search([]), self.other_team)
        for request in (self.others, self.other_team):
            with self.assertRaises(AccessError):
                request.with_user(self.contractor).read(["name"])

    def test_contractor_opens_and_edits_the_form(self):
        with Form(self.own.with_user(self.contractor)) as form:
            self.assertIn(self.residence.code, form.location_display)
            self.assertEqual(form.reporter_id, self.tenant)
            form.call_between = "13-15"
        self.assertEqual(self.own.call_between, "13-15")
        # The register and the lease stay with staff.
        with self.assertRaises(AccessError):
            self.own.with_user(self.contractor).read(["lease_id"])
        with self.assertRaises(AccessError):
            self.own.with_user(self.contractor).read(["rental_object_id"])

    def test_contractor_works_but_cannot_close(self):
        as_contractor = self.own.with_user(self.contractor)
        as_contractor.stage_id = self.stage["started"]
        as_contractor.stage_id = self.stage["performed"]
        self.assertEqual(self.own.stage_id, self.stage["performed"])
        with self.assertRaisesRegex(AccessError, "cannot close or reopen"):
            as_contractor.stage_id = self.stage["closed"]
        self.assertEqual(self.own.stage_id, self.stage["performed"])
        self.own.stage_id = self.stage["closed"]
        with self.assertRaisesRegex(AccessError, "cannot close or reopen"):
            as_contractor.stage_id = self.stage["started"]
        self.assertEqual(self.own.stage_id, self.stage["closed"])

    def test_contractor_forbidden_changes(self):
        as_contractor = self.own.with_user(self.contractor)
        cases = [
            ({"maintenance_team_id": self.team.id}, "Team"),
            ({"archive": True}, "Archive"),
            ({"hidden_from_tenant": True}, "Hidden From Tenant"),
        ]
        for vals, label in cases:
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, label):
                as_contractor.write(vals)
        with self.assertRaisesRegex(UserError, "Hand back button"):
            as_contractor.stage_id = self.stage["returned"]
        with self.assertRaisesRegex(AccessError, "cannot delete"):
            as_contractor.unlink()
        with self.assertRaisesRegex(AccessError, "cannot create"):
            self.Request.with_user(self.contractor).create({"name": "Ny"})
        with self.assertRaises(AccessError):
            self.others.with_user(self.contractor).write({"priority_level": "1"})
        self.assertEqual(
            (self.own.maintenance_team_id, self.own.archive, self.own.stage_id),
            (self.contractor_team, False, self.stage["assigned"]),
        )

    def test_contractor_loses_the_request_when_it_leaves_the_team(self):
        self.own.with_user(self.housing_user).maintenance_team_id = self.team
        self.assertFalse(self.own.user_id)
        self.assertFalse(self.Request.with_user(self.contractor).search([]))
        with self.assertRaises(AccessError):
            self.own.with_user(self.contractor).read(["name"])

    def test_contractor_hand_back_leaves_no_access(self):
        self.own.with_user(self.contractor).action_hand_back("Behöver elektriker")
        self.assertEqual(self.own.maintenance_team_id, self.team)
        self.assertFalse(self.Request.with_user(self.contractor).search([]))

    def test_staff_see_all_and_close(self):
        requests = self.Request.with_user(self.housing_user).search([("is_housing", "=", True)])
        self.assertEqual(requests, self.own | self.others | self.other_team)
        self.others.with_user(self.housing_user).stage_id = self.stage["closed"]
        self.assertTrue(self.others.close_date)

    def test_integration_reads_only(self):
        as_api = self.others.with_user(self.integration_user)
        self.assertEqual(
            as_api.read(["name", "rental_object_id"])[0]["rental_object_id"][0], self.residence.id
        )
        with self.assertRaises(AccessError):
            as_api.write({"priority_level": "1"})

    def test_portal_has_no_backend_access(self):
        """Portal users change nothing; they read no request, or with housing_portal
        installed (its record rule) only those they reported and can see."""
        hidden = self.report(name="Intern kontroll", hidden_from_tenant=True)
        stranger = self.report(name="Annans fel", reporter_id=self.co_tenant.id)
        Request = self.Request.with_user(self.tenant_user)
        try:
            visible = Request.search([])
        except AccessError:
            visible = Request
        self.assertFalse(visible & (hidden | stranger))
        self.assertFalse(visible.filtered(lambda r: r.sudo().reporter_id != self.tenant))
        for operation in (
            lambda: self.others.with_user(self.tenant_user).write({"name": "Ändrat"}),
            lambda: Request.create({"name": "Eget", "rental_object_id": self.residence.id}),
            lambda: self.others.with_user(self.tenant_user).unlink(),
        ):
            with self.assertRaises(AccessError):
                operation()
        self.assertEqual(self.others.name, "Trasig dörr")

    def test_configuration_is_for_managers(self):
        with self.assertRaises(AccessError):
            self.Team.with_user(self.housing_user).create({"name": "Egen grupp"})
        team = self.Team.with_user(self.housing_manager).create({"name": "Egen grupp"})
        self.caretaker_area.with_user(self.housing_manager).maintenance_team_id = team
        self.assertEqual(self.report().maintenance_team_id, team)
        with self.assertRaises(AccessError):
            self.stage["started"].with_user(self.housing_user).name = "Pågår"
        self.stage["started"].with_user(self.housing_manager).housing_notify_tenant = False
        self.assertFalse(self.stage["started"].housing_notify_tenant)

    # ------------------------------------------------------------------ issue 14 item 3
    def test_contractor_cannot_make_himself_owner(self):
        with self.assertRaisesRegex(
            AccessError, "External contractors cannot change: Created by User"
        ):
            self.own.with_user(self.contractor).owner_user_id = self.contractor
        self.assertNotEqual(self.own.owner_user_id, self.contractor)

    def test_no_access_through_maintenance_rules_after_leaving_the_team(self):
        """Maintenance's own rule (owner, follower or resource) must not keep a contractor
        on a request that left their team, after a hand-back or a staff move."""
        moved = self.report(name="Flyttas", maintenance_team_id=self.contractor_team.id)
        for request in (self.own, moved):
            request.write({"owner_user_id": self.contractor.id})
            request.message_subscribe(self.contractor.partner_id.ids)
        self.own.with_user(self.contractor).action_hand_back("Behöver elektriker")
        moved.with_user(self.housing_user).maintenance_team_id = self.team
        moved.user_id = self.contractor  # staff make him the resource elsewhere by mistake
        for request in (self.own, moved):
            with self.subTest(request=request.name):
                self.assertFalse(self.Request.with_user(self.contractor).search([]))
                with self.assertRaises(AccessError):
                    request.with_user(self.contractor).read(["name"])
                with self.assertRaises(AccessError):
                    request.with_user(self.contractor).write({"call_between": "12-13"})
        self.assertFalse(self.own.call_between)

    def test_contractor_reads_only_what_the_job_needs_of_the_tenant(self):
        self.tenant.write(
            {
                "phone": "070-123 45 67",
                "email": "anna@example.se",
                "street": "Testgatan 1",
            }
        )
        self.own.write({"call_between": "08-10", "master_key_allowed": True})
        as_contractor = self.own.with_user(self.contractor)
        [values] = as_contractor.read(["reporter_id", "reporter_phone", "call_between"])
        self.assertEqual(values["reporter_id"][1], self.tenant.name)
        self.assertEqual(values["reporter_phone"], self.tenant.phone)
        self.assertEqual(values["call_between"], "08-10")
        Partner = self.env["res.partner"].with_user(self.contractor)
        self.assertFalse(Partner.search([("id", "=", self.tenant.id)]))
        self.assertFalse(Partner.search([("is_housing_contact", "=", True)]))
        with self.assertRaises(AccessError):
            self.tenant.with_user(self.contractor).read(["email", "street"])

    def test_contractor_sees_no_followers_of_other_teams_requests(self):
        self.other_team.message_subscribe(self.co_tenant.ids)
        Followers = self.env["mail.followers"].with_user(self.contractor)
        self.assertFalse(
            Followers.search(
                [("res_model", "=", "maintenance.request"), ("res_id", "=", self.other_team.id)]
            )
        )
        self.assertFalse(Followers.search([("partner_id", "=", self.co_tenant.id)]))
