from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.housing_portal.controllers.housing_portal import HousingPortal

from .common import HousingPortalCase


@tagged("post_install", "-at_install", "housing_portal")
class TestPortalLease(HousingPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        prop = env["housing.property"].create({"code": "97001", "name": "PORTAL 1"})
        cls.flat = env["housing.rental.object"].create(
            {
                "code": "970-001-01-0001",
                "property_id": prop.id,
                "street": "Portalgatan 1",
                "base_rent": 7100,
            }
        )
        cls.lease = env["housing.lease"].create(
            {
                "rental_object_id": cls.flat.id,
                "date_start": date(2025, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": cls.tenant.id, "role": "main"})],
            }
        )
        cls.lease.action_confirm()

    def tenant_lease(self, code, object_type, rent, date_start):
        """A confirmed lease of the tenant on a new rental object in the same property."""
        rental_object = self.env["housing.rental.object"].create(
            {
                "code": code,
                "property_id": self.flat.property_id.id,
                "object_type": object_type,
                "base_rent": rent,
            }
        )
        lease = self.env["housing.lease"].create(
            {
                "rental_object_id": rental_object.id,
                "date_start": date_start,
                "tenant_line_ids": [Command.create({"partner_id": self.tenant.id, "role": "main"})],
            }
        )
        lease.action_confirm()
        return lease

    def test_lease_list_and_detail(self):
        self.login_tenant()
        page = self.url_open("/my/leases")
        self.assertEqual(page.status_code, 200)
        self.assertIn("970-001-01-0001/01", page.text)
        detail = self.url_open(f"/my/leases/{self.lease.id}")
        self.assertIn("Portalgatan 1", detail.text)
        self.assertIn("7,100.00", detail.text)
        self.assertIn(f"/my/leases/{self.lease.id}?report_type=pdf", detail.text)

    def test_lease_list_pager_newest_first(self):
        newer = self.tenant_lease("970-001-01-0901", "storage", 900, date(2025, 6, 1))
        self.login_tenant()
        with patch.object(HousingPortal, "_items_per_page", 1):
            first = self.url_open("/my/leases")
            second = self.url_open("/my/leases/page/2")
        self.assertIn(newer.name, first.text)
        self.assertNotIn(self.lease.name, first.text)
        self.assertIn('href="/my/leases/page/2"', first.text)
        self.assertIn(self.lease.name, second.text)
        self.assertNotIn(newer.name, second.text)

    def test_contract_download(self):
        self.login_tenant()
        html = self.url_open(f"/my/leases/{self.lease.id}?report_type=html")
        self.assertEqual(html.status_code, 200)
        self.assertIn("970-001-01-0001/01", html.text)

    def test_other_tenant_cannot_see_the_lease(self):
        self.login_tenant(self.other_user)
        self.assertNotIn("970-001-01-0001", self.url_open("/my/leases").text)
        page = self.url_open(f"/my/leases/{self.lease.id}")
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("Portalgatan 1", page.text)
        report = self.url_open(f"/my/leases/{self.lease.id}?report_type=html")
        self.assertEqual(report.status_code, 404)
        self.assertNotIn("970-001-01-0001", report.text)
        missing = self.url_open(f"/my/leases/{self.lease.id + 1000}")
        self.assertEqual(missing.status_code, 404)

    def test_record_rule_limits_portal_reads(self):
        Lease = self.env["housing.lease"]
        self.assertEqual(Lease.with_user(self.tenant_user).search([]), self.lease)
        self.assertFalse(Lease.with_user(self.other_user).search([]))

    def test_portal_urls(self):
        self.assertEqual(self.lease.access_url, f"/my/leases/{self.lease.id}")

    def test_notice_on_a_home_shows_the_legal_date_and_asks_to_confirm(self):
        """A tenant gives notice on their home: the lease page and a summary show the
        termination date of the notice rule (three months to the turn of a month,
        Jordabalken 12 kap.) counted from the company's day, before anything is
        registered; the confirmation registers it in their name, mails them a receipt
        and gives staff an activity."""
        url = f"/my/leases/{self.lease.id}"
        # 23:30 UTC on New Year's Eve is already 1 January in Stockholm: notice given on
        # 1 January ends the lease on 30 April (on 31 December it would be 31 March).
        with freeze_time("2026-12-31 23:30:00"):
            self.login_tenant()
            page = self.url_open(url)
            self.assertIn("Give notice on the lease", page.text)
            self.assertIn(self.day(date(2027, 4, 30)), page.text)
            self.assertNotIn(self.day(date(2027, 3, 31)), page.text)
            self.assertIn("counted to the turn of a month", page.text)
            summary = self.url_open(f"{url}/notice?preferred_move_out_date=2027-06-15")
            self.assertEqual(summary.status_code, 200)
            self.assertIn("Confirm your notice", summary.text)
            self.assertIn(self.day(date(2027, 6, 15)), summary.text)
            self.assertIn(self.day(date(2027, 4, 30)), summary.text)
            self.assertEqual(self.lease.state, "current")
            response = self.post_form(
                f"{url}/notice", {"preferred_move_out_date": "2027-06-15"}, allow_redirects=False
            )
            self.assertRedirectsTo(response, url)
            after = self.url_open(url)
        self.assertIn(
            f"Your notice has been registered: the lease ends on {self.day(date(2027, 6, 15))}.",
            after.text,
        )
        self.assertEqual(
            (
                self.lease.state,
                self.lease.notice_given_by,
                self.lease.notice_date,
                self.lease.termination_date,
            ),
            ("notice", "tenant", date(2027, 1, 1), date(2027, 6, 15)),
        )
        receipt = self.env["mail.mail"].search(
            [("subject", "=", f"We have received your notice on lease {self.lease.name}")]
        )
        self.assertEqual(receipt.recipient_ids, self.tenant)
        self.assertIn(self.day(date(2027, 6, 15)), receipt.body_html)
        self.assertEqual(receipt.author_id, self.env.company.partner_id)
        activity = self.lease.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("housing_lease.mail_activity_type_notice_received")
            )
        )
        self.assertEqual(activity.date_deadline, date(2027, 6, 15))
        self.assertFalse(activity.user_id.share)  # staff's, never the tenant's
        notice_message = self.lease.message_ids.filtered(lambda m: "Notice given" in (m.body or ""))
        self.assertEqual(notice_message.author_id, self.tenant)
        # Given: no second notice, no form.
        self.assertNotIn("Give notice on the lease", self.url_open(url).text)
        self.assertEqual(self.url_open(f"{url}/notice").status_code, 404)

    def test_no_notice_on_premises_from_the_portal(self):
        lease = self.tenant_lease("970-001-01-0801", "commercial", 9000, date(2025, 1, 1))
        self.login_tenant()
        self.assertNotIn("Give notice on the lease", self.url_open(lease.access_url).text)
        self.assertEqual(self.url_open(f"{lease.access_url}/notice").status_code, 404)
        self.assertEqual(self.post_form(f"{lease.access_url}/notice", {}).status_code, 404)
        self.assertEqual(lease.state, "current")

    def test_notice_tour(self):
        self.tenant_user.password = self.tenant_user.login
        url = f"/my/leases/{self.lease.id}"
        self.start_tour(url, "housing_portal_give_notice", login=self.tenant_user.login)
        self.assertEqual((self.lease.state, self.lease.notice_given_by), ("notice", "tenant"))
