from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from odoo.addons.housing_base.tools.dates import stockholm_today

from .common import HousingPortalCase

URL = "/my/queues"


@tagged("post_install", "-at_install", "housing_portal")
class TestPortalQueues(HousingPortalCase):
    """The applicant's queue places on My pages: queue, start date, points, how long the
    place stays valid and the button confirming it (keep-alive)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env.ref("housing_parking_queue.policy_scored").keep_alive_months = 12
        Membership = env["housing.queue.membership"]
        cls.membership = Membership._ensure(cls.tenant, "parking_internal")
        cls.other_membership = Membership._ensure(cls.other_tenant, "parking_internal")

    def login_tenant(self, user=None):
        result = super().login_tenant(user)
        # Confirmed long ago (after the login, which confirms too).
        self.membership.write(
            {"last_confirmed_at": "2026-01-02 10:00:00", "expires_at": "2027-01-02"}
        )
        return result

    def confirm(self, membership, csrf=True):
        return self.post_form(
            f"{URL}/{membership.id}/confirm", {"confirm": "1"}, csrf, allow_redirects=False
        )

    def test_page_shows_own_places(self):
        self.login_tenant()
        page = self.url_open(URL)
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"o_housing_membership_{self.membership.id}", page.text)
        self.assertNotIn(f"o_housing_membership_{self.other_membership.id}", page.text)
        self.assertIn(self.day(self.membership.expires_at), page.text)
        self.assertIn("Confirm my place", page.text)

    def test_queue_time_in_years_and_days(self):
        today = stockholm_today()
        start = today - relativedelta(years=3, days=12)
        self.membership.with_context(housing_queue_correction=True).queue_start_date = start
        self.login_tenant()
        page = self.url_open(URL).text
        self.assertIn(f'<span class="o_housing_queue_points">{(today - start).days}</span>', page)
        self.assertIn('<span class="o_housing_queue_time">3 years and 12 days</span>', page)

    def test_confirm_place(self):
        self.login_tenant()
        response = self.confirm(self.membership)
        self.assertRedirectsTo(response, URL)
        self.membership.invalidate_recordset()
        self.assertGreater(self.membership.expires_at.isoformat(), "2027-01-02")
        page = self.url_open(URL)
        self.assertIn(f"is confirmed until {self.day(self.membership.expires_at)}", page.text)

    def test_confirm_needs_csrf_and_own_place(self):
        self.login_tenant()
        self.assertEqual(self.confirm(self.membership, csrf=False).status_code, 400)
        self.assertEqual(self.confirm(self.other_membership).status_code, 404)
        self.assertEqual(self.confirm(self.membership.browse(999999)).status_code, 404)
        self.membership.invalidate_recordset()
        self.assertEqual(str(self.membership.expires_at), "2027-01-02")

    def test_lapsed_place_is_refused_with_a_message(self):
        self.membership.sudo().write({"state": "expired"})
        self.login_tenant()
        self.assertNotIn("Confirm my place", self.url_open(URL).text)
        page = self.confirm(self.membership)
        self.assertRedirectsTo(page, URL)
        self.assertIn("can no longer be confirmed", self.url_open(URL).text)
