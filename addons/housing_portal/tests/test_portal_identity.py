from datetime import date

from odoo import http
from odoo.tests import tagged

from odoo.addons.housing_parking_queue.tools.rules import LettingRefusal

from .common import HousingPortalCase


@tagged("post_install", "-at_install", "housing_portal")
class TestPortalIdentity(HousingPortalCase):
    """Issue 14 item 1: a stranger registered at /web/signup, typed an address at
    /my/account and got a binding parking lease from a first-come listing. Self-signup
    is off, tenants cannot rename themselves or move their registered address in the
    portal, and applying needs an identified housing contact."""

    def test_self_signup_is_off(self):
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param("auth_signup.invitation_scope"),
            "b2b",
        )
        self.authenticate(None, None)  # a visitor's session, for the CSRF token
        self.assertEqual(self.url_open("/web/signup").status_code, 404)
        before = self.env["res.users"].search_count([])
        response = self.url_open(
            "/web/signup",
            data={
                "login": "stranger@example.org",
                "name": "Främling",
                "password": "Främling-2026!",
                "confirm_password": "Främling-2026!",
                "csrf_token": self.csrf_token(),
            },
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.env["res.users"].search_count([]), before)

    def csrf_token(self):
        return http.Request.csrf_token(self)

    def test_tenant_cannot_change_name_or_address_in_my_account(self):
        self.tenant.write({"street": "Testgatan 1", "zip": "722 11", "city": "Västerås"})
        self.login_tenant()
        page = self.url_open("/my/account", allow_redirects=False)
        self.assertEqual(page.status_code, 303)
        self.assertTrue(page.headers["Location"].endswith("/my/contact"))
        for partner_id in (self.tenant.id, ""):
            with self.subTest(partner_id=partner_id):
                response = self.url_open(
                    "/my/address/submit",
                    data={
                        "partner_id": partner_id,
                        "name": "Någon Annan",
                        "email": "anna@example.se",
                        "phone": "0701234567",
                        "street": "Falskgatan 9",
                        "city": "Stockholm",
                        "zip": "111 11",
                        "country_id": self.env.ref("base.se").id,
                        "address_type": "billing",
                        "use_delivery_as_billing": "true",
                        "csrf_token": self.csrf_token(),
                    },
                )
                self.assertEqual(response.status_code, 403, response.text[:300])
        self.assertEqual(
            (self.tenant.name, self.tenant.street, self.tenant.city),
            ("Anna Andersson", "Testgatan 1", "Västerås"),
        )
        self.assertFalse(self.tenant.child_ids)

    def test_unidentified_contact_cannot_get_a_first_come_lease(self):
        """The attack: a portal user without personnummer and customer number applies to
        a non-scored listing (first come, first served) with an address typed in."""
        stranger = self.other_user.partner_id
        stranger.write(
            {
                "is_housing_contact": False,
                "personal_number": False,
                "street": "Falskgatan 9",
                "zip": "111 11",
                "city": "Stockholm",
            }
        )
        prop = self.env["housing.property"].create({"code": "96101", "name": "EXTERN 1"})
        space = self.env["housing.rental.object"].create(
            {
                "code": "961-001-P-001",
                "object_type": "parking",
                "property_id": prop.id,
                "parking_type": "outdoor",
                "base_rent": 500,
            }
        )
        listing = self.env["housing.listing"].create(
            {
                "rental_object_id": space.id,
                "rule": "non_scored",
                "date_from": date(2026, 1, 1),
                "date_to": date(2027, 12, 31),
            }
        )
        Listing = listing.with_user(self.other_user)
        for application_type in ("additional", "replace"):
            with self.assertRaises(LettingRefusal) as caught:
                Listing.apply(stranger, application_type)
            self.assertEqual(caught.exception.code, "not_identified")
            self.assertIn("personal identity number", str(caught.exception))
        self.assertFalse(listing.sudo().lease_id)
        self.assertFalse(self.env["housing.lease"].search([("partner_ids", "in", stranger.ids)]))
        # An identified contact (customer number and personnummer) still gets it.
        stranger.write({"is_housing_contact": True, "personal_number": "198708081008"})
        self.assertTrue(stranger.customer_number)
        Listing.apply(stranger, "additional")
        self.assertEqual(listing.lease_id.tenant_line_ids.partner_id, stranger)
