from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import HousingServiceRequestCase


@tagged("post_install", "-at_install", "housing_service_request")
class TestServiceRequestTenant(HousingServiceRequestCase):
    def test_tenant_reports_on_the_home_they_lease(self):
        request = self.Request.create_from_tenant(
            self.tenant,
            {
                "name": "Element kallt",
                "rental_object_code": self.residence.code,
                "pet_at_home": True,
            },
            origin="api",
        )
        self.assertEqual(
            (request.reporter_id, request.lease_id, request.origin, request.maintenance_team_id),
            (self.tenant, self.lease, "api", self.team),
        )
        self.assertTrue(request.pet_at_home)
        self.assertFalse(request.owner_user_id)
        follower = request.message_follower_ids.filtered(lambda f: f.partner_id == self.tenant)
        self.assertEqual(follower.subtype_ids, self.env.ref("mail.mt_comment"))

    def test_common_space_defaults_to_the_tenants_entrance(self):
        request = self.Request.create_from_tenant(
            self.tenant, {"name": "Lampa trasig", "common_space_type": "stairwell"}
        )
        self.assertEqual(request.location_type, "common_space")
        self.assertEqual(
            (request.property_id, request.building_id, request.staircase_id),
            (self.property, self.building, self.staircase),
        )
        self.assertEqual(request.lease_id, self.lease)
        self.assertEqual(request.origin, "portal")

    def test_common_space_by_codes(self):
        request = self.Request.create_from_tenant(
            self.tenant,
            {
                "name": "Tvättmaskin 2 trasig",
                "common_space_type": "laundry",
                "property_code": self.property.code,
                "building_code": self.building.code,
            },
        )
        self.assertEqual((request.property_id, request.building_id), (self.property, self.building))
        self.assertFalse(request.staircase_id)
        self.assertEqual(request.maintenance_team_id, self.team)

    def test_bad_input_is_refused_and_nothing_is_saved(self):
        other_building = self.env["housing.building"].create(
            {"code": "99002-01", "name": "Hus 2", "property_id": self.other_property.id}
        )
        count = self.Request.search_count([])
        space = {"name": "X", "common_space_type": "yard"}
        cases = [
            ({"name": "X", "rental_object_code": "000-000"}, "Unknown rental object code 000-000"),
            ({"name": "X", "rental_object_code": self.parking.code}, "rental objects you lease"),
            ({**space, "property_code": "00000"}, "Unknown property code 00000"),
            ({**space, "building_code": "00000-01"}, "Unknown building code 00000-01"),
            ({**space, "staircase_code": "00000-01-1"}, "Unknown entrance code 00000-01-1"),
            ({**space, "property_code": self.other_property.code}, "where you rent"),
            (
                {
                    **space,
                    "building_code": other_building.code,
                    "staircase_code": self.staircase.code,
                },
                "is not in building",
            ),
            (
                {**space, "building_code": self.building.code, "property_code": "99002"},
                "is not in property",
            ),
            ({"name": "X", "common_space_type": "spa"}, "Unknown kind of common space spa"),
            ({"name": " ", "rental_object_code": self.residence.code}, "Describe the fault"),
            ({"name": "X"}, "Say where the fault is"),
            ({**space, "hidden_from_tenant": True}, "Unknown fields: hidden_from_tenant"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, message):
                self.Request.create_from_tenant(self.tenant, vals)
        with self.assertRaisesRegex(ValidationError, "Unknown origin staff"):
            self.Request.create_from_tenant(self.tenant, space, origin="staff")
        stranger = self.env["res.partner"].create({"name": "Ingen hyresgäst"})
        with self.assertRaisesRegex(ValidationError, "where you rent"):
            self.Request.create_from_tenant(stranger, space)
        self.assertEqual(self.Request.search_count([]), count)

    def test_only_the_tenant_staff_and_integrations_act_for_a_tenant(self):
        Request = self.Request.with_user(self.tenant_user)
        request = Request.create_from_tenant(
            None, {"name": "Kran droppar", "rental_object_code": self.residence.code}
        )
        self.assertEqual(request.env.user, self.tenant_user)
        self.assertEqual(request.sudo().reporter_id, self.tenant)
        with self.assertRaisesRegex(AccessError, "on behalf of"):
            Request.create_from_tenant(self.co_tenant, {"name": "X", "common_space_type": "yard"})
        with self.assertRaisesRegex(AccessError, "on behalf of"):
            self.Request.with_user(self.contractor).create_from_tenant(
                self.tenant.id, {"name": "X", "common_space_type": "yard"}
            )
        by_api = self.Request.with_user(self.integration_user).create_from_tenant(
            self.tenant.id, {"name": "Fläkt", "rental_object_code": self.residence.code}, "api"
        )
        self.assertEqual(by_api.reporter_id, self.tenant)

    def test_internal_notes_never_reach_the_tenant(self):
        request = self.report()
        request.message_post(
            body="Intern notering: nyckel hos värden", subtype_xmlid="mail.mt_note"
        )
        request.with_user(self.tenant_user).sudo().message_post_tenant(None, "När kommer ni?")
        request.message_post(
            body="Vi kommer på tisdag", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        bodies = " ".join(request._tenant_messages().mapped("body"))
        self.assertIn("När kommer ni?", bodies)
        self.assertIn("Vi kommer på tisdag", bodies)
        self.assertNotIn("Intern notering", bodies)
        mailed = " ".join(self.tenant_notifications(request).mail_message_id.mapped("body"))
        self.assertIn("Vi kommer på tisdag", mailed)
        self.assertNotIn("Intern notering", mailed)
        author = request._tenant_messages().filtered(lambda m: "När kommer" in m.body).author_id
        self.assertEqual(author, self.tenant)

    def test_tenant_messages_errors(self):
        request = self.report()
        with self.assertRaisesRegex(ValidationError, "empty"):
            request.message_post_tenant(self.tenant, " ")
        with self.assertRaisesRegex(AccessError, "not one of your"):
            request.message_post_tenant(self.co_tenant, "Hej")
        hidden = self.report(hidden_from_tenant=True)
        hidden.message_post(
            body="Synligt?", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertFalse(hidden._tenant_messages())
        count = len(hidden.message_ids)
        with self.assertRaisesRegex(AccessError, "not one of your"):
            hidden.message_post_tenant(self.tenant, "Hej")
        self.assertEqual(len(hidden.message_ids), count)

    def test_tenant_list_domain(self):
        mine = self.report()
        self.report(hidden_from_tenant=True)
        self.report(reporter_id=self.co_tenant.id)
        self.assertEqual(self.Request.search(self.Request._tenant_domain(self.tenant)), mine)

    def test_close_request_declined_then_accepted(self):
        request = self.report()
        as_tenant = request.with_user(self.tenant_user).sudo()
        with self.assertRaisesRegex(ValidationError, "Say why"):
            as_tenant.action_request_close(" ")
        with self.assertRaisesRegex(UserError, "has not asked"):
            request.action_accept_close_request()
        as_tenant.action_request_close("Felet försvann av sig självt")
        self.assertTrue(request.close_requested)
        self.assertEqual(request.close_request_reason, "Felet försvann av sig självt")
        with self.assertRaisesRegex(UserError, "already asked"):
            as_tenant.action_request_close("Igen")
        wizard = (
            self.env["housing.request.reason.wizard"]
            .with_user(self.housing_user)
            .create(
                {
                    "request_ids": request.ids,
                    "mode": "decline_close",
                    "reason": "Vi vill kontrollera läckan",
                }
            )
        )
        wizard.action_confirm()
        self.assertFalse(request.close_requested)
        self.assertNotEqual(request.stage_id, self.stage["closed"])
        self.assertIn("Vi vill kontrollera läckan", request._tenant_messages()[0].body)
        mailed = self.tenant_notifications(request).mail_message_id
        self.assertTrue(mailed.filtered(lambda m: "Vi vill kontrollera läckan" in m.body))
        as_tenant.action_request_close("Nu är det bra")
        request.with_user(self.housing_user).action_accept_close_request()
        self.assertEqual(request.stage_id, self.stage["closed"])
        self.assertFalse(request.close_requested)
        self.assertTrue(request.close_date)
        with self.assertRaisesRegex(UserError, "already closed"):
            as_tenant.action_request_close("Stäng")

    def test_only_the_reporter_asks_to_close(self):
        request = self.report()
        with self.assertRaisesRegex(AccessError, "not one of your"):
            request.action_request_close("Stäng", self.co_tenant)
        with self.assertRaisesRegex(AccessError, "not one of your"):
            request.with_user(self.portal_user).sudo().action_request_close("Stäng")
        with self.assertRaisesRegex(ValidationError, "Unknown contact"):
            request.action_request_close("Stäng", 999999)
        self.assertFalse(request.close_requested)

    def test_integration_acts_for_the_reporter(self):
        request = self.report().with_user(self.integration_user)
        message = request.message_post_tenant(False, "Skickat från appen")
        self.assertEqual(message.author_id, self.tenant)
        request.action_request_close("Det fungerar nu")
        self.assertTrue(request.sudo().close_requested)
