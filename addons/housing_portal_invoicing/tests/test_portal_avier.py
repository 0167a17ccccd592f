from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.housing_invoicing.tests.common import HousingInvoicingCase

JAN = date(2026, 1, 1)
FEB = date(2026, 2, 1)


class PortalAvierCase(HousingInvoicingCase, HttpCase):
    """Anna's home is billed for January (paid) and February (due Friday 30 January
    2026, unpaid); her neighbour Ali rents the parking space."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease = cls.make_lease(cls.residence)
        cls.lease_for(cls.co_tenant, cls.parking)
        jan = cls.run_period(JAN, date(2025, 12, 10))
        feb = cls.run_period(FEB, date(2026, 1, 10))
        cls.avi_jan = jan.filtered(lambda move: move.partner_id == cls.tenant)
        cls.avi_feb = feb.filtered(lambda move: move.partner_id == cls.tenant)
        cls.neighbour_avi = feb.filtered(lambda move: move.partner_id == cls.co_tenant)
        cls.pay(cls.avi_jan, date(2025, 12, 29))
        cls.tenant_user = new_test_user(
            cls.env, "anna_avi", groups="base.group_portal", partner_id=cls.tenant.id
        )
        cls.neighbour_user = new_test_user(
            cls.env, "ali_avi", groups="base.group_portal", partner_id=cls.co_tenant.id
        )

    def counters(self, *names):
        response = self.make_jsonrpc_request("/my/counters", {"counters": list(names)})
        return {name: response[name] for name in names}


@tagged("post_install", "-at_install", "housing_portal_invoicing")
class TestPortalAvier(PortalAvierCase):
    """A tenant sees her own avier from the housing pages, how to pay them and the PDF;
    her neighbour gets 404 for them."""

    def test_home_links_to_her_avier_with_what_is_overdue(self):
        self.authenticate("anna_avi", "anna_avi")
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn('href="/my/invoices"', home.text)
        self.assertIn("o_housing_avi_overdue_alert", home.text)
        self.assertEqual(
            self.counters("housing_avi_count", "housing_avi_overdue_count"),
            {"housing_avi_count": 2, "housing_avi_overdue_count": 1},
        )
        invoices = self.url_open("/my/invoices")
        self.assertIn(self.avi_feb.name, invoices.text)
        self.assertNotIn(self.neighbour_avi.name, invoices.text)

    def test_lease_page_shows_open_and_overdue_avier(self):
        self.authenticate("anna_avi", "anna_avi")
        page = self.url_open(self.lease.access_url)
        self.assertEqual(page.status_code, 200)
        block = page.text.split("o_housing_lease_avier", 1)[1]
        self.assertIn("All your avier (2)", " ".join(block.split()))
        self.assertIn(self.avi_feb.name, block)
        self.assertIn(self.avi_jan.name, block)
        self.assertIn(self.avi_feb.payment_reference, block)
        self.assertIn(self.avi_feb.get_portal_url(), block)
        self.assertEqual(block.count("badge text-bg-danger"), 1)  # February only
        ledger = block.split("o_housing_ledger", 1)[1].split("</p>")[0]
        self.assertIn("You have 6,200.00", ledger)
        self.assertIn("text-danger", ledger)
        self.assertNotIn(self.neighbour_avi.name, page.text)

    def test_avi_page_shows_how_to_pay_and_the_pdf(self):
        self.authenticate("anna_avi", "anna_avi")
        page = self.url_open(self.avi_feb.get_portal_url())
        self.assertEqual(page.status_code, 200)
        card = page.text.split("o_housing_avi_pay", 1)[1].split("o_portal_html_view", 1)[0]
        self.assertIn("5050-1055", card)
        self.assertIn(self.avi_feb.payment_reference, card)
        self.assertIn("Overdue", card)
        paid = self.url_open(self.avi_jan.get_portal_url())
        self.assertNotIn("o_housing_avi_pay", paid.text)
        pdf = self.url_open(f"/my/invoices/{self.avi_feb.id}?report_type=pdf&download=true")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertIn("attachment", pdf.headers["Content-Disposition"])

    def test_neighbour_gets_not_found(self):
        self.authenticate("ali_avi", "ali_avi")
        for url in (
            f"/my/invoices/{self.avi_feb.id}",
            f"/my/invoices/{self.avi_feb.id}?report_type=pdf&download=true",
            f"/my/invoices/{self.avi_feb.id}?report_type=html",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(self.avi_feb.payment_reference, response.text)
        self.assertEqual(self.url_open(self.lease.access_url).status_code, 404)
        self.assertEqual(
            self.counters("housing_avi_count", "housing_avi_overdue_count"),
            {"housing_avi_count": 2, "housing_avi_overdue_count": 2},  # his own, unpaid
        )


@tagged("post_install", "-at_install", "housing_portal_invoicing")
class TestPortalAvierPhone(PortalAvierCase):
    """The avier pages on a 390 px phone: nothing to scroll sideways."""

    browser_size = "390x844"
    touch_enabled = True

    def test_pages_fit_a_phone(self):
        for url in ("/my", "/my/invoices", self.lease.access_url, self.avi_feb.get_portal_url()):
            with self.subTest(url=url):
                self.start_tour(url, "housing_portal_fits_phone", login="anna_avi")
