from datetime import date

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import HousingPortalCase

URL = "/my/parking"


@tagged("post_install", "-at_install", "housing_portal")
class TestPortalParking(HousingPortalCase):
    """The parking queue in the portal: queue time, applying (with the reason when one
    may not), offers with their deadline, withdrawing, and notice on a parking lease."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        area = env["housing.residential.area"].create({"code": "PKÖ", "name": "Parkering"})
        prop = env["housing.property"].create(
            {"code": "97201", "name": "PARKERINGEN 1", "residential_area_id": area.id}
        )
        Object = env["housing.rental.object"]
        homes = Object.create(
            [
                {"code": f"972-001-01-000{n}", "property_id": prop.id, "base_rent": 6000}
                for n in (1, 2)
            ]
        )
        cls.spaces = Object.create(
            [
                {
                    "code": f"972-001-P-00{n}",
                    "object_type": "parking",
                    "parking_type": "outdoor",
                    "property_id": prop.id,
                    "base_rent": 400,
                }
                for n in (1, 2, 3)
            ]
        )
        address = {"street": "Parkgatan 1", "zip": "722 11", "city": "Västerås"}
        (cls.tenant | cls.other_tenant).write(address)
        cls.home_lease = cls.lease(cls.tenant, homes[0])
        cls.lease(cls.other_tenant, homes[1])
        cls.parking_lease = cls.lease(cls.tenant, cls.spaces[2])
        cls.listing = env["housing.listing"].create(
            {
                "rental_object_id": cls.spaces[0].id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2099, 1, 1),
                "vacant_from": date(2099, 2, 1),
            }
        )
        cls.Application = env["housing.application"]

    @classmethod
    def lease(cls, partner, rental_object):
        lease = cls.env["housing.lease"].create(
            {
                "rental_object_id": rental_object.id,
                "date_start": date(2024, 1, 1),
                "tenant_line_ids": [Command.create({"partner_id": partner.id})],
            }
        )
        lease.action_confirm()
        return lease

    def apply(self, listing=None, application_type="additional", csrf=True, allow_redirects=True):
        listing = listing or self.listing
        return self.post_form(
            f"{URL}/listings/{listing.id}/apply",
            {"application_type": application_type},
            csrf,
            allow_redirects=allow_redirects,
        )

    def offer_to_tenant(self):
        self.listing.apply(self.tenant, "replace")
        self.listing.apply(self.other_tenant, "additional")
        self.listing.action_start_offer_round()
        offer = self.listing.active_offer_id
        self.assertEqual(offer.partner_id, self.tenant)
        return offer

    def test_page_and_apply(self):
        self.login_tenant()
        page = self.url_open(URL)
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.spaces[0].code, page.text)
        self.assertIn("You join the parking queue", page.text)
        applied = self.apply(application_type="replace")
        self.assertIn("You have applied for parking space", applied.text)
        application = self.Application.search([("partner_id", "=", self.tenant.id)])
        self.assertEqual((application.application_type, application.state), ("replace", "active"))
        self.assertIn("queue points", applied.text)
        # Applying twice is refused next to the form and creates nothing.
        again = self.apply()
        self.assertIn("already applied", again.text)
        self.assertEqual(self.Application.search_count([("partner_id", "=", self.tenant.id)]), 1)
        home = self.url_open(
            "/my/counters", json={"params": {"counters": ["housing_parking_count"]}}
        )
        self.assertEqual(home.json()["result"]["housing_parking_count"], 1)

    def test_reason_when_one_may_not_apply(self):
        newcomer = new_test_user(
            self.env, "sokande3", groups="base.group_portal", password="sokande3-pass"
        )
        newcomer.partner_id.write({"is_housing_contact": True, "personal_number": "198708081008"})
        self.login_tenant(newcomer)
        page = self.url_open(URL)
        # Told in the words meant for them, before and when they try.
        self.assertIn("Only tenants with a current or upcoming housing lease may apply.", page.text)
        refused = self.apply(allow_redirects=False)
        self.assertRedirectsTo(refused, URL)
        self.assertIn(
            "Only tenants with a current or upcoming housing lease may apply.",
            self.url_open(URL).text,
        )
        self.assertFalse(self.Application.search([("partner_id", "=", newcomer.partner_id.id)]))
        self.assertIn("Choose whether", self.apply(application_type="bogus").text)

    def test_csrf_required(self):
        self.login_tenant()
        response = self.apply(csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.listing.application_ids)

    def last_message_id(self):
        return self.env["mail.message"].search([], order="id desc", limit=1).id

    def sent_mail(self, subject):
        return self.env["mail.mail"].search(
            [("subject", "=", subject), ("recipient_ids", "in", self.tenant.ids)]
        )

    def test_accept_offer(self):
        offer = self.offer_to_tenant()
        self.login_tenant()
        page = self.url_open(URL)
        self.assertIn(offer.deadline_display, page.text)
        self.assertIn(f'href="{URL}/offers/{offer.id}/accept"', page.text)
        # The button leads to a summary; nothing happens before the tenant confirms.
        summary = self.url_open(f"{URL}/offers/{offer.id}/accept")
        self.assertEqual(summary.status_code, 200)
        self.assertIn("You get a lease for the parking space from", summary.text)
        self.assertIn(self.day(date(2099, 2, 1)), summary.text)  # the space's vacant-from
        self.assertIn("400.00", summary.text)
        self.assertIn("queue points go back to 0", summary.text)
        self.assertIn("give notice on the one you rent now", summary.text)  # a REPLACE
        self.assertEqual(offer.state, "active")
        last_message = self.last_message_id()
        accepted = self.post_form(f"{URL}/offers/{offer.id}/accept", {}, allow_redirects=False)
        self.assertRedirectsTo(accepted, URL)
        self.assertEqual(offer.state, "accepted")
        self.assertEqual(self.listing.lease_id.partner_id, self.tenant)
        # The message is shown once, after the redirect.
        page = self.url_open(URL)
        self.assertIn("Your parking lease", page.text)
        self.assertIn("We have sent you a confirmation by e-mail.", page.text)
        self.assertNotIn("Your parking lease", self.url_open(URL).text)
        self.assertTrue(self.sent_mail(f"Parking space {self.spaces[0].code} is yours"))
        # The tenant, not OdooBot, answered: their name is on what the chatter says; the
        # company sends the e-mails.
        messages = (offer.message_ids | self.listing.message_ids).filtered(
            lambda message: message.id > last_message
        )
        logged = messages.filtered(lambda message: message.message_type != "email_outgoing")
        self.assertTrue(logged)
        self.assertEqual(logged.author_id, self.tenant)
        self.assertEqual((messages - logged).author_id, self.env.company.partner_id)
        # Answered: the summary and a second answer lead back with the reason.
        again = self.post_form(f"{URL}/offers/{offer.id}/accept", {})
        self.assertEqual(again.status_code, 200)
        self.assertIn("already been answered", again.text)
        late = self.url_open(f"{URL}/offers/{offer.id}/decline")
        self.assertIn("already been answered", late.text)
        self.assertEqual(
            self.env["housing.lease"].search_count([("rental_object_id", "=", self.spaces[0].id)]),
            1,
        )

    def test_decline_and_withdraw(self):
        offer = self.offer_to_tenant()
        self.login_tenant()
        summary = self.url_open(f"{URL}/offers/{offer.id}/decline")
        self.assertIn("offered to the next in the queue", summary.text)
        self.assertIn("You keep your place in the queue", summary.text)
        self.assertEqual(offer.state, "active")
        last_message = self.last_message_id()
        declined = self.post_form(f"{URL}/offers/{offer.id}/decline", {}, allow_redirects=False)
        self.assertRedirectsTo(declined, URL)
        self.assertIn("You have declined the offer.", self.url_open(URL).text)
        self.assertEqual(offer.state, "declined")
        self.assertTrue(self.sent_mail(f"You have declined parking space {self.spaces[0].code}"))
        messages = (offer.message_ids | self.listing.message_ids).filtered(
            lambda message: message.id > last_message
        )
        # The tenant declined (chatter); the company sent the receipt and the next offer,
        # which does not come from the tenant who declined.
        self.assertEqual(
            messages.filtered(lambda m: ": Declined." in (m.body or "")).author_id, self.tenant
        )
        self.assertEqual(
            messages.filtered(lambda m: m.message_type == "email_outgoing").author_id,
            self.env.company.partner_id,
        )
        next_offer = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.other_tenant.ids), ("subject", "like", "Offer of")]
        )
        self.assertTrue(next_offer)
        self.assertNotIn("anna@example.se", next_offer.email_from or "")
        self.assertEqual(self.listing.active_offer_id.partner_id, self.other_tenant)
        self.login_tenant(self.other_user)
        application = self.listing.active_offer_id.application_id
        withdrawn = self.post_form(
            f"{URL}/applications/{application.id}/withdraw", {}, allow_redirects=False
        )
        self.assertRedirectsTo(withdrawn, URL)
        self.assertIn("Your application has been withdrawn.", self.url_open(URL).text)
        self.assertEqual(application.state, "withdrawn_user")

    def test_home_points_to_the_offer(self):
        self.login_tenant()
        counters = ["housing_offer_count", "housing_parking_count", "housing_lease_count"]
        before = self.url_open("/my/counters", json={"params": {"counters": counters}}).json()
        self.assertEqual(
            before["result"],
            {"housing_offer_count": 0, "housing_parking_count": 0, "housing_lease_count": 2},
        )
        self.offer_to_tenant()
        home = self.url_open("/my")
        self.assertIn('data-placeholder_count="housing_offer_count"', home.text)
        self.assertIn("Parking offers to answer", home.text)
        after = self.url_open("/my/counters", json={"params": {"counters": counters}}).json()
        self.assertEqual(after["result"]["housing_offer_count"], 1)
        self.assertEqual(after["result"]["housing_parking_count"], 1)

    def test_incomplete_address_says_what_to_do(self):
        self.tenant.write({"zip": False})
        self.env.company.partner_id.write({"phone": "+46 21 39 70 00", "email": "kund@bostad.se"})
        external = self.env["housing.listing"].create(
            {"rental_object_id": self.spaces[1].id, "rule": "non_scored"}
        )
        self.login_tenant()
        card = self.url_open(URL).text.split(f"o_housing_listing_{external.id}")[1]
        self.assertIn("Your address in our register is incomplete", card)
        self.assertIn("Contact customer service", card)
        self.assertIn('href="tel:', card)
        self.assertIn("kund@bostad.se", card)
        self.assertNotIn("The contact's address", card)

    def test_second_tenant_cannot_touch_the_first_tenants_offer(self):
        offer = self.offer_to_tenant()
        mine = offer.application_id
        self.login_tenant(self.other_user)
        for path in (
            f"{URL}/offers/{offer.id}/accept",
            f"{URL}/offers/{offer.id}/decline",
            f"{URL}/applications/{mine.id}/withdraw",
        ):
            with self.subTest(path=path):
                self.assertEqual(self.post_form(path, {}).status_code, 404)
        self.assertNotIn(offer.deadline_display, self.url_open(URL).text)
        self.assertEqual((offer.state, mine.state), ("active", "offered"))
        self.assertFalse(self.listing.lease_id)

    def test_first_come_listing_lets_at_once(self):
        external = self.env["housing.listing"].create(
            {"rental_object_id": self.spaces[1].id, "rule": "non_scored"}
        )
        self.login_tenant()
        self.assertIn("First come, first served", self.url_open(URL).text)
        response = self.apply(external)
        self.assertIn(f"Parking space {self.spaces[1].code} is yours", response.text)
        self.assertEqual(external.lease_id.partner_id, self.tenant)

    def test_notice_on_a_parking_lease(self):
        self.login_tenant()
        page = self.url_open(f"/my/leases/{self.parking_lease.id}")
        self.assertIn("Give notice on the lease", page.text)
        bad = self.url_open(
            f"/my/leases/{self.parking_lease.id}/notice?preferred_move_out_date=31/12"
        )
        self.assertIn("Enter a date", bad.text)
        bad = self.post_form(
            f"/my/leases/{self.parking_lease.id}/notice", {"preferred_move_out_date": "31/12"}
        )
        self.assertIn("Enter a date", bad.text)
        # Issue 17, defect 7: a date followed by anything else is no date (Odoo's parser
        # kept the first ten characters and registered a binding notice).
        for garbage in ("2099-12-01'; DROP TABLE housing_lease; --", "2099-12-01T00:00"):
            bad = self.post_form(
                f"/my/leases/{self.parking_lease.id}/notice", {"preferred_move_out_date": garbage}
            )
            self.assertIn("Enter a date", bad.text)
        self.assertEqual(self.parking_lease.state, "current")
        summary = self.url_open(f"/my/leases/{self.parking_lease.id}/notice")
        self.assertIn("Confirm the notice", summary.text)
        self.assertEqual(self.parking_lease.state, "current")
        done = self.post_form(f"/my/leases/{self.parking_lease.id}/notice", {})
        self.assertIn("Your notice has been registered", done.text)
        self.assertEqual(
            (self.parking_lease.state, self.parking_lease.notice_given_by), ("notice", "tenant")
        )
        # Not on somebody else's lease.
        self.login_tenant(self.other_user)
        other = self.lease(self.tenant, self.spaces[1])
        self.assertEqual(self.post_form(f"/my/leases/{other.id}/notice", {}).status_code, 404)
        self.assertEqual(other.state, "current")

    def test_apply_tour(self):
        self.tenant_user.password = self.tenant_user.login
        self.start_tour(URL, "housing_portal_apply_parking", login=self.tenant_user.login)
        application = self.Application.search([("partner_id", "=", self.tenant.id)])
        self.assertEqual((application.listing_id, application.state), (self.listing, "active"))

    def test_accept_offer_tour(self):
        offer = self.offer_to_tenant()
        self.tenant_user.password = self.tenant_user.login
        self.start_tour(URL, "housing_portal_accept_offer", login=self.tenant_user.login)
        self.assertEqual(offer.state, "accepted")
        self.assertEqual(self.listing.lease_id.partner_id, self.tenant)

    def test_decline_offer_tour(self):
        offer = self.offer_to_tenant()
        self.tenant_user.password = self.tenant_user.login
        self.start_tour(URL, "housing_portal_decline_offer", login=self.tenant_user.login)
        self.assertEqual(offer.state, "declined")
        self.assertEqual(self.listing.active_offer_id.partner_id, self.other_tenant)

    def test_swedish_confirmations_and_receipts(self):
        self.tenant_reads("sv_SE", ["housing_lease", "housing_parking_queue", "housing_portal"])
        offer = self.offer_to_tenant()
        self.login_tenant()
        self.assertIn("Bilplatserbjudanden att svara på", self.url_open("/my").text)
        summary = self.url_open(f"{URL}/offers/{offer.id}/decline").text
        self.assertIn("Bilplatsen erbjuds nästa i kön", summary)
        self.assertIn("Ja, tacka nej till erbjudandet", summary)
        declined = self.post_form(f"{URL}/offers/{offer.id}/decline", {})
        self.assertIn("Du har tackat nej till erbjudandet.", declined.text)
        self.assertTrue(self.sent_mail(f"Du har tackat nej till bilplats {self.spaces[0].code}"))
        lease_url = f"/my/leases/{self.parking_lease.id}"
        page = self.url_open(lease_url).text
        self.assertIn("Om du säger upp i dag upphör kontraktet tidigast den", page)
        self.assertIn("Uppsägningstiden är en månad, räknat till ett månadsskifte", page)
        self.assertIn("Bekräfta din uppsägning", self.url_open(f"{lease_url}/notice").text)
        done = self.post_form(f"{lease_url}/notice", {})
        self.assertIn("Din uppsägning är registrerad", done.text)
        subject = f"Vi har tagit emot din uppsägning av kontrakt {self.parking_lease.name}"
        self.assertTrue(self.sent_mail(subject))

    def test_viewing_invitation(self):
        # A parking queue can invite to a viewing first: the page lists the invitation,
        # answered interested or not.
        self.env.ref("housing_parking_queue.policy_scored").write(
            {"viewing_round": True, "viewing_invitations": 1}
        )
        self.listing.apply(self.tenant, "replace")
        self.listing.apply(self.other_tenant, "additional")
        self.listing.action_start_offer_round()
        invitation = self.listing.viewing_ids.invitation_ids
        self.assertEqual(invitation.partner_id, self.tenant)
        self.login_tenant(self.other_user)
        self.assertNotIn("You are invited to view", self.url_open(URL).text)
        path = f"{URL}/invitations/{invitation.id}/not_interested"
        self.assertEqual(self.post_form(path, {}).status_code, 404)
        self.login_tenant()
        self.assertIn("You are invited to view", self.url_open(URL).text)
        answered = self.post_form(path, {})
        self.assertIn("you are not interested", answered.text)
        self.assertEqual(invitation.state, "not_interested")
