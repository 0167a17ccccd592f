import base64
import os
from datetime import date, timedelta
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..controllers.housing_portal import HousingPortal
from .common import HousingPortalCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
URL = "/my/service-requests"


@tagged("post_install", "-at_install", "housing_portal")
class TestPortalServiceRequest(HousingPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Request = env["maintenance.request"]
        prop = env["housing.property"].create({"code": "97101", "name": "FELANMÄLAN 1"})
        cls.property = prop
        building = env["housing.building"].create(
            {"code": "97101-01", "name": "Hus 1", "property_id": prop.id}
        )
        cls.staircase = env["housing.staircase"].create(
            {"code": "97101-01-1", "name": "Uppgång A", "building_id": building.id}
        )
        Object = env["housing.rental.object"]
        cls.flat = Object.create(
            {
                "code": "971-001-01-0001",
                "staircase_id": cls.staircase.id,
                "street": "Felgatan 1",
                "base_rent": 6900,
            }
        )
        cls.other_flat = Object.create(
            {
                "code": "971-001-01-0002",
                "staircase_id": cls.staircase.id,
                "street": "Felgatan 3",
                "base_rent": 7300,
            }
        )
        cls.lease = cls._lease(cls.flat, cls.tenant)
        cls.other_lease = cls._lease(cls.other_flat, cls.other_tenant)

    @classmethod
    def _lease(cls, rental_object, partner):
        lease = cls.env["housing.lease"].create(
            {
                "rental_object_id": rental_object.id,
                "date_start": date(2025, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": partner.id, "role": "main"})],
            }
        )
        lease.action_confirm()
        return lease

    def report(self, name="Kranen droppar", partner=None, **vals):
        partner = partner or self.tenant
        flat = self.flat if partner == self.tenant else self.other_flat
        return self.Request.create_from_tenant(
            partner, {"name": name, "rental_object_code": flat.code, **vals}
        )

    def form(self, **values):
        return {
            "location": f"object:{self.flat.id}",
            "housing_category": "appliance",
            "name": "Diskmaskinen läcker",
            "description": "Vatten på golvet",
            "call_between": "08-10",
            **values,
        }

    def counts(self):
        return (
            self.Request.search_count([]),
            self.env["ir.attachment"].search_count([("res_model", "=", "maintenance.request")]),
            self.env["mail.message"].search_count([("model", "=", "maintenance.request")]),
        )

    # ------------------------------------------------------------------ list
    def test_list_shows_own_requests_newest_first_with_stage(self):
        older = self.report("Element kallt")
        older.request_date = date.today() - timedelta(days=3)
        self.report("Kranen droppar")
        hidden = self.report("Intern kontroll")
        hidden.hidden_from_tenant = True
        self.report("Bengts fönster", partner=self.other_tenant)
        self.login_tenant()
        page = self.url_open(URL)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Waiting for handling", page.text)
        self.assertLess(page.text.index("Kranen droppar"), page.text.index("Element kallt"))
        self.assertNotIn("Intern kontroll", page.text)
        self.assertNotIn("Bengts fönster", page.text)
        self.assertIn('href="/my/service-requests/new"', page.text)
        self.assertIn('class="breadcrumb-item active">Service requests', page.text)

    def test_portal_url_is_the_request_page(self):
        request = self.report()
        self.assertEqual(request.access_url, f"{URL}/{request.id}")
        self.login_tenant()
        self.assertIn(f'href="{URL}/{request.id}"', self.url_open(URL).text)

    def test_list_pager(self):
        self.report("Första felet")
        self.report("Andra felet")
        self.login_tenant()
        with patch.object(HousingPortal, "_items_per_page", 1):
            first = self.url_open(URL)
            second = self.url_open(f"{URL}/page/2")
        self.assertIn("Andra felet", first.text)
        self.assertNotIn("Första felet", first.text)
        self.assertIn(f'href="{URL}/page/2"', first.text)
        self.assertIn("Första felet", second.text)

    def test_home_card_and_counter(self):
        self.report()
        self.report(partner=self.other_tenant)
        self.login_tenant()
        self.assertIn('href="/my/service-requests"', self.url_open("/my").text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["housing_service_request_count"]}
        )
        self.assertEqual(counters["housing_service_request_count"], 1)

    def test_empty_list_and_anonymous(self):
        self.login_tenant()
        self.assertIn("You have not reported any faults", self.url_open(URL).text)
        self.logout()
        page = self.url_open(f"{URL}/new", allow_redirects=False)
        self.assertEqual(page.status_code, 303)
        self.assertIn("/web/login", page.headers["Location"])

    # ------------------------------------------------------------------ detail
    def test_detail_shows_location_and_public_messages_only(self):
        service_request = self.report(housing_category="appliance", pet_at_home=True)
        note = service_request.message_post(
            body="Intern notering", subtype_xmlid="mail.mt_note", attachments=[("intern.png", PNG)]
        )
        service_request.message_post(
            body="Vi kommer på tisdag", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.login_tenant()
        page = self.url_open(f"{URL}/{service_request.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("971-001-01-0001", page.text)
        self.assertIn("Appliance", page.text)
        self.assertIn("Waiting for handling", page.text)
        self.assertIn("There is a pet at home", page.text)
        self.assertIn("Vi kommer på tisdag", page.text)
        self.assertNotIn("Intern notering", page.text)
        self.assertNotIn("intern.png", page.text)
        internal_photo = f"{URL}/{service_request.id}/photo/{note.attachment_ids.id}"
        self.assertEqual(self.url_open(internal_photo).status_code, 404)
        self.assertIn('name="csrf_token"', page.text)
        self.assertIn(f'action="{URL}/{service_request.id}/close"', page.text)

    def test_reply(self):
        service_request = self.report()
        self.login_tenant()
        page = self.post_form(f"{URL}/{service_request.id}/message", {"message": "När kommer ni?"})
        self.assertEqual(page.status_code, 200)
        self.assertIn("Your message has been sent", page.text)
        self.assertIn("När kommer ni?", page.text)
        message = service_request._tenant_messages().filtered(lambda m: "När kommer" in m.body)
        self.assertEqual(message.author_id, self.tenant)

    def test_empty_reply_shows_error_and_posts_nothing(self):
        service_request = self.report()
        count = len(service_request.message_ids)
        self.login_tenant()
        page = self.post_form(f"{URL}/{service_request.id}/message", {"message": "  "})
        self.assertEqual(page.status_code, 200)
        self.assertIn('id="message_error"', page.text)
        self.assertIn("The message is empty.", page.text)
        self.assertEqual(len(service_request.message_ids), count)

    def test_ask_to_close(self):
        service_request = self.report()
        self.login_tenant()
        empty = self.post_form(f"{URL}/{service_request.id}/close", {"reason": " "})
        self.assertIn('id="reason_error"', empty.text)
        self.assertIn("Say why the request can be closed.", empty.text)
        self.assertFalse(service_request.close_requested)
        page = self.post_form(f"{URL}/{service_request.id}/close", {"reason": "Felet försvann"})
        self.assertEqual(page.status_code, 200)
        self.assertTrue(service_request.close_requested)
        self.assertEqual(service_request.close_request_reason, "Felet försvann")
        self.assertIn("o_housing_close_pending", page.text)
        self.assertIn("Felet försvann", page.text)
        self.assertNotIn(f'action="{URL}/{service_request.id}/close"', page.text)
        again = self.post_form(f"{URL}/{service_request.id}/close", {"reason": "Igen"})
        self.assertIn("You have already asked to close this request.", again.text)
        self.assertEqual(service_request.close_request_reason, "Felet försvann")

    def test_csrf_is_required(self):
        service_request = self.report()
        self.login_tenant()
        page = self.post_form(f"{URL}/{service_request.id}/close", {"reason": "Stäng"}, csrf=False)
        self.assertEqual(page.status_code, 400)
        self.assertFalse(service_request.close_requested)
        before = self.counts()
        page = self.post_form(f"{URL}/new", self.form(), csrf=False)
        self.assertEqual(page.status_code, 400)
        self.assertEqual(self.counts(), before)

    def test_other_tenant_gets_404_and_changes_nothing(self):
        service_request = self.report()
        messages = len(service_request.message_ids)
        self.login_tenant(self.other_user)
        self.assertNotIn("Kranen droppar", self.url_open(URL).text)
        for url, data in (
            (f"{URL}/{service_request.id}", None),
            (f"{URL}/{service_request.id}/message", {"message": "Hej"}),
            (f"{URL}/{service_request.id}/close", {"reason": "Stäng"}),
        ):
            with self.subTest(url=url):
                page = self.post_form(url, data) if data else self.url_open(url)
                self.assertEqual(page.status_code, 404)
                self.assertNotIn("Kranen droppar", page.text)
        self.assertFalse(service_request.close_requested)
        self.assertEqual(len(service_request.message_ids), messages)

    def test_hidden_missing_and_staff_requests_are_404(self):
        hidden = self.report()
        hidden.hidden_from_tenant = True
        staff_made = self.Request.create({"name": "Utrustning"})
        self.login_tenant()
        for record_id in (hidden.id, staff_made.id, 999999):
            with self.subTest(record_id=record_id):
                self.assertEqual(self.url_open(f"{URL}/{record_id}").status_code, 404)
        page = self.post_form(f"{URL}/{hidden.id}/message", {"message": "Hej"})
        self.assertEqual(page.status_code, 404)

    def test_record_rule_limits_portal_reads(self):
        mine = self.report()
        self.report(partner=self.other_tenant)
        hidden = self.report()
        hidden.hidden_from_tenant = True
        Request = self.Request.with_user(self.tenant_user)
        self.assertEqual(Request.search([]), mine)
        stranger = new_test_user(self.env, "hyresgast3", groups="base.group_portal")
        self.assertFalse(Request.with_user(stranger).search([]))

    # ------------------------------------------------------------------ new
    def test_report_on_own_flat_with_photo(self):
        self.login_tenant()
        form = self.url_open(f"{URL}/new")
        self.assertEqual(form.status_code, 200)
        self.assertIn(f'value="object:{self.flat.id}"', form.text)
        self.assertIn(f'value="property:{self.property.id}"', form.text)
        self.assertNotIn(f"object:{self.other_flat.id}", form.text)
        self.assertIn('enctype="multipart/form-data"', form.text)
        page = self.post_form(
            f"{URL}/new",
            self.form(master_key_allowed="on", pet_at_home="on"),
            files=[("photos", ("kok.png", PNG, "image/png"))],
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("your fault report has been received", page.text)
        service_request = self.Request.search([("reporter_id", "=", self.tenant.id)])
        self.assertEqual(len(service_request), 1)
        self.assertTrue(page.url.endswith(f"{URL}/{service_request.id}"))
        self.assertEqual(
            (
                service_request.name,
                service_request.rental_object_id,
                service_request.lease_id,
                service_request.housing_category,
                service_request.origin,
                service_request.master_key_allowed,
                service_request.pet_at_home,
                service_request.call_between,
            ),
            (
                "Diskmaskinen läcker",
                self.flat,
                self.lease,
                "appliance",
                "portal",
                True,
                True,
                "08-10",
            ),
        )
        self.assertIn("Vatten på golvet", service_request.description)
        photo = self.env["ir.attachment"].search(
            [("res_model", "=", "maintenance.request"), ("res_id", "=", service_request.id)]
        )
        self.assertEqual((photo.name, photo.mimetype, photo.raw), ("kok.png", "image/png", PNG))
        photo_url = f"{URL}/{service_request.id}/photo/{photo.id}"
        self.assertIn(f'src="{photo_url}/160"', page.text)
        # The tenant opens their own photo; nobody else does, nor through another request.
        opened = self.url_open(photo_url)
        self.assertEqual((opened.status_code, opened.content), (200, PNG))
        self.assertEqual(opened.headers["Content-Type"], "image/png")
        self.assertEqual(self.url_open(f"{photo_url}/160").status_code, 200)
        other = self.report("Bengts fönster", partner=self.other_tenant)
        self.login_tenant(self.other_user)
        self.assertEqual(self.url_open(photo_url).status_code, 404)
        self.assertEqual(self.url_open(f"{URL}/{other.id}/photo/{photo.id}").status_code, 404)

    def test_report_in_common_space(self):
        self.login_tenant()
        page = self.post_form(
            f"{URL}/new",
            self.form(location=f"property:{self.property.id}", common_space_type="laundry"),
        )
        self.assertIn("your fault report has been received", page.text)
        service_request = self.Request.search([("reporter_id", "=", self.tenant.id)])
        self.assertEqual(
            (
                service_request.location_type,
                service_request.common_space_type,
                service_request.property_id,
                service_request.staircase_id,
            ),
            ("common_space", "laundry", self.property, self.staircase),
        )

    def test_validation_errors_keep_input_and_save_nothing(self):
        self.login_tenant()
        # Random bytes like a real photo (werkzeug refuses 10 MB of zeros as a whole).
        too_large = PNG + os.urandom(10 * 1024 * 1024)
        cases = [
            ("name", self.form(name=" "), None, "Give the fault a short title."),
            (
                "location",
                self.form(location=f"object:{self.other_flat.id}"),
                None,
                "Choose one of your own rental objects or a common space where you rent.",
            ),
            ("location", self.form(location=""), None, "Choose where the fault is."),
            (
                "common_space_type",
                self.form(location=f"property:{self.property.id}"),
                None,
                "Choose the kind of common space.",
            ),
            ("housing_category", self.form(housing_category="spa"), None, "Choose the kind"),
            (
                "photos",
                self.form(),
                [("photos", ("virus.png", b"MZ\x90\x00 not an image", "image/png"))],
                "The file virus.png is not a photo",
            ),
            (
                "photos",
                self.form(),
                [("photos", ("stor.png", too_large, "image/png"))],
                "The photo stor.png is too large",
            ),
            (
                "photos",
                self.form(),
                [("photos", (f"{n}.png", PNG, "image/png")) for n in range(6)],
                "Attach at most 5 photos.",
            ),
        ]
        before = self.counts()
        for field, data, files, message in cases:
            with self.subTest(field=field, message=message):
                page = self.post_form(f"{URL}/new", data, files=files)
                self.assertEqual(page.status_code, 200)
                self.assertIn("Nothing was saved", page.text)
                self.assertIn(f'id="{field}_error"', page.text)
                self.assertIn(message, page.text)
                if field != "name":
                    self.assertIn('value="Diskmaskinen läcker"', page.text)
                self.assertIn("Vatten på golvet</textarea>", page.text)
                self.assertEqual(self.counts(), before)

    def test_report_fault_tour(self):
        self.tenant_user.password = self.tenant_user.login
        self.start_tour(f"{URL}/new", "housing_portal_report_fault", login=self.tenant_user.login)
        service_request = self.Request.search([("reporter_id", "=", self.tenant.id)])
        self.assertEqual(service_request.name, "Diskmaskinen läcker")
        self.assertEqual(service_request.rental_object_id, self.flat)
        self.assertTrue(service_request.master_key_allowed)
        self.assertEqual(service_request.call_between, "08-10")
        photo = self.env["ir.attachment"].search(
            [("res_model", "=", "maintenance.request"), ("res_id", "=", service_request.id)]
        )
        self.assertEqual(photo.name, "diskmaskin.png")

    def test_swedish_pages(self):
        self.tenant_reads("sv_SE", ["housing_portal", "housing_service_request"])
        self.login_tenant()
        self.assertIn("Felanmälningar", self.url_open("/my").text)
        form = self.url_open(f"{URL}/new")
        self.assertIn("Var finns felet?", form.text)
        self.assertIn("Gemensamt utrymme i FELANMÄLAN 1", form.text)
        page = self.post_form(
            f"{URL}/new",
            self.form(name=""),
            files=[("photos", ("virus.exe", b"MZ\x90\x00 binary", "application/octet-stream"))],
        )
        self.assertIn("Ge felet en kort rubrik.", page.text)
        self.assertIn("Filen virus.exe är inget foto", page.text)

    # ------------------------------------------------------------------ staff chatter
    def test_tenant_writes_only_tenant_messages(self):
        """Issue 14 item 6: a tenant follows their own request (the suite subscribes the
        reporter), and Odoo lets followers post, internal notes included. Over RPC or
        JSON-2 (portal users may make API keys) the staff's chatter is refused; the
        tenant writes through message_post_tenant, which both sides see."""
        request = self.report()
        self.assertIn(self.tenant, request.message_partner_ids)
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.tenant_user)
            .sudo()
            ._generate("rpc", "app", None)
        )
        before = request.message_ids
        for model, record in (("maintenance.request", request), ("housing.lease", self.lease)):
            for payload in (
                {"body": "Intern anteckning", "subtype_xmlid": "mail.mt_note"},
                {"body": "Hej", "message_type": "comment", "subtype_xmlid": "mail.mt_comment"},
            ):
                with self.subTest(model=model, payload=payload):
                    response = self.url_open(
                        f"/json/2/{model}/message_post",
                        json={"ids": record.ids, **payload},
                        headers={"Authorization": f"Bearer {key}"},
                    )
                    self.assertEqual(response.status_code, 403, response.text)
                    self.assertIn("do not write in the staff's chatter", response.json()["message"])
        with self.assertRaisesRegex(AccessError, "do not write in the staff's chatter"):
            self.lease.with_user(self.tenant_user).message_subscribe(self.tenant.ids)
        self.assertEqual(request.message_ids, before)
        self.assertNotIn(self.tenant, self.lease.message_partner_ids)
        message = request.with_user(self.tenant_user).message_post_tenant(None, "Det droppar")
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(message.author_id, self.tenant)
