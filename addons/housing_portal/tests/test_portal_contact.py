from odoo.tests import tagged

from .common import HousingPortalCase


@tagged("post_install", "-at_install", "housing_portal")
class TestPortalContact(HousingPortalCase):
    def test_page_shows_own_details(self):
        self.login_tenant()
        page = self.url_open("/my/contact")
        self.assertEqual(page.status_code, 200)
        self.assertIn("anna@example.se", page.text)
        self.assertIn("+46701234567", page.text)
        self.assertIn(self.tenant.customer_number, page.text)
        self.assertNotIn("Bengt Karlsson", page.text)

    def test_home_links_to_contact_details(self):
        self.login_tenant()
        self.assertIn('href="/my/contact"', self.url_open("/my").text)

    def test_save_normalises_phone(self):
        self.login_tenant()
        response = self.post_form(
            "/my/contact",
            {"phone": "073-555 12 34", "email": "ny@example.se"},
            allow_redirects=False,
        )
        self.assertRedirectsTo(response, "/my/contact")
        page = self.url_open("/my/contact")
        self.assertIn("have been saved", page.text)
        self.assertNotIn("have been saved", self.url_open("/my/contact").text)
        self.assertEqual(self.tenant.phone, "+46735551234")
        self.assertEqual(self.tenant.email, "ny@example.se")

    def test_invalid_input_shows_errors_and_saves_nothing(self):
        self.login_tenant()
        response = self.post_form(
            "/my/contact", {"phone": "12", "email": "inte-en-adress"}, allow_redirects=False
        )
        self.assertRedirectsTo(response, "/my/contact")
        page = self.url_open("/my/contact")
        self.assertIn('value="inte-en-adress"', page.text)
        self.assertIn("Nothing was saved", page.text)
        self.assertIn("Enter a valid phone number", page.text)
        self.assertIn("Enter a valid e-mail address", page.text)
        self.assertIn('id="phone_error"', page.text)
        self.assertEqual(self.tenant.phone, "+46701234567")
        self.assertEqual(self.tenant.email, "anna@example.se")

    def test_csrf_is_required(self):
        self.login_tenant()
        page = self.post_form("/my/contact", {"phone": "", "email": "hack@example.se"}, csrf=False)
        self.assertEqual(page.status_code, 400)
        self.assertEqual(self.tenant.email, "anna@example.se")

    def test_anonymous_is_sent_to_login(self):
        page = self.url_open("/my/contact", allow_redirects=False)
        self.assertEqual(page.status_code, 303)
        self.assertIn("/web/login", page.headers["Location"])

    def test_says_where_to_change_name_and_address(self):
        self.env.company.partner_id.write({"phone": "+46 21 39 70 00", "email": "kund@bostad.se"})
        self.login_tenant()
        page = self.url_open("/my/contact").text
        self.assertIn("cannot be changed here", page)
        self.assertIn('href="tel:', page)
        self.assertIn('href="mailto:kund@bostad.se"', page)
