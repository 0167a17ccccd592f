from datetime import date

from odoo.tests import tagged

from odoo.addons.housing_portal.tests.common import HousingPortalCase

URL = "/my/housing"
PROFILE_URL = "/my/profile"


class HomeQueuePortalCase(HousingPortalCase):
    """The portal tenants, a two-room home listed in the housing queue and helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        prop = env["housing.property"].create({"code": "97401", "name": "BOSTADEN 1"})
        cls.home = env["housing.rental.object"].create(
            {
                "code": "974-001-01-0001",
                "object_type": "residence",
                "property_id": prop.id,
                "street": "Bostadsvägen 4",
                "room_code": "2RK",
                "base_rent": 7200,
            }
        )
        cls.listing = env["housing.listing"].create(
            {
                "rental_object_id": cls.home.id,
                "category": "housing",
                "date_from": date(2026, 1, 1),
                "date_to": date(2099, 1, 1),
                "vacant_from": date(2099, 2, 1),
            }
        )
        cls.Profile = env["housing.application.profile"]
        cls.Application = env["housing.application"]

    def save_profile(self, csrf=True, **values):
        data = {"num_adults": "1", "num_children": "1", "housing_type": "LIVES_WITH_FAMILY"}
        return self.post_form(PROFILE_URL, {**data, **values}, csrf)

    def approved_profile(self, partner):
        profile = self.Profile.save_application_profile(
            partner, {"num_adults": 1, "num_children": 0, "housing_type": "LIVES_WITH_FAMILY"}
        )
        profile.action_reference_approve()
        return profile


@tagged("post_install", "-at_install", "housing_portal_home_queue")
class TestPortalHomeQueue(HomeQueuePortalCase):
    """The housing queue on My pages, as a real portal user: the application profile, the
    homes to apply for with the number of applicants, the reason when one may not apply,
    withdrawing, invitations to a viewing and the offer with its confirmation step."""

    def test_profile_saved_through_the_form(self):
        self.login_tenant()
        page = self.url_open(PROFILE_URL)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_housing_reference_status", page.text)
        saved = self.save_profile(num_children="2")
        self.assertIn("Your application profile is saved", saved.text)
        profile = self.Profile.search([("partner_id", "=", self.tenant.id)])
        self.assertEqual((profile.num_adults, profile.num_children), (1, 2))
        # The reference's status is shown, and cannot be set from the form.
        self.assertIn("o_housing_reference_status", saved.text)
        self.save_profile(reference_status="APPROVED")
        self.assertEqual(profile.reference_status, "PENDING")

    def test_profile_bad_input_is_explained(self):
        self.login_tenant()
        page = self.save_profile(num_adults="två")
        self.assertEqual(page.status_code, 200)
        self.assertIn("whole numbers", page.text)
        # What was typed stays in the form.
        self.assertIn('value="två"', page.text)
        page = self.save_profile(housing_type="CASTLE")
        self.assertIn("Choose your current living situation", page.text)
        page = self.save_profile(housing_type="RENTAL")
        self.assertIn("Give the current landlord", page.text)
        self.assertFalse(self.Profile.search([("partner_id", "=", self.tenant.id)]))
        self.assertEqual(self.save_profile(csrf=False).status_code, 400)

    def test_apply_refused_then_apply_and_withdraw(self):
        self.approved_profile(self.other_tenant)
        self.listing.apply(self.other_tenant)
        self.login_tenant()
        page = self.url_open(URL)
        self.assertEqual(page.status_code, 200)
        # No profile yet: the reason, in the applicant's words, and no button.
        self.assertIn("Fill in your application profile", page.text)
        self.assertNotIn(f"/listings/{self.listing.id}/apply", page.text)
        self.assertIn("o_housing_profile_link", page.text)
        refused = self.post_form(f"{URL}/listings/{self.listing.id}/apply", {})
        self.assertIn("Fill in your application profile", refused.text)
        self.assertFalse(self.Application.search([("partner_id", "=", self.tenant.id)]))
        self.approved_profile(self.tenant)
        page = self.url_open(URL)
        self.assertIn(f"/listings/{self.listing.id}/apply", page.text)
        self.assertIn('<span class="o_housing_applicant_count">1</span> applicants', page.text)
        applied = self.post_form(f"{URL}/listings/{self.listing.id}/apply", {})
        self.assertIn("You have applied for", applied.text)
        application = self.Application.search([("partner_id", "=", self.tenant.id)])
        self.assertEqual(application.state, "active")
        # Ranked: the contact's own place (stored), beside the number of applicants.
        self.listing._rank()
        page = self.url_open(URL)
        self.assertIn(f'<span class="o_housing_rank">{application.rank}</span>', page.text)
        self.assertIn('<span class="o_housing_applicant_count">2</span>', page.text)
        withdrawn = self.post_form(f"{URL}/applications/{application.id}/withdraw", {})
        self.assertIn("Your application has been withdrawn", withdrawn.text)
        self.assertEqual(application.state, "withdrawn_user")

    def test_only_own_records(self):
        self.approved_profile(self.other_tenant)
        other = self.listing.apply(self.other_tenant)
        self.login_tenant()
        self.assertNotIn(self.other_tenant.name, self.url_open(URL).text)
        for path in (
            f"{URL}/applications/{other.id}/withdraw",
            f"/my/storage/applications/{other.id}/withdraw",
            f"/my/parking/applications/{other.id}/withdraw",
        ):
            with self.subTest(path=path):
                self.assertIn(self.post_form(path, {}).status_code, (404,))
        self.assertEqual(other.state, "active")
        # Without CSRF token nothing is done.
        response = self.post_form(
            f"{URL}/listings/{self.listing.id}/apply", {"apply": "1"}, csrf=False
        )
        self.assertEqual(response.status_code, 400)

    def test_viewing_and_offer(self):
        self.env.ref("housing_home_queue.policy_scored").write(
            {"viewing_round": True, "viewing_invitations": 2}
        )
        for partner in (self.tenant, self.other_tenant):
            self.approved_profile(partner)
            self.listing.apply(partner)
        self.env["housing.queue.membership"].search(
            [("partner_id", "=", self.tenant.id), ("queue_type", "=", "housing")]
        ).with_context(housing_queue_correction=True).queue_start_date = date(2015, 1, 1)
        self.listing.action_start_offer_round()
        mine = self.listing.viewing_ids.invitation_ids.filtered(
            lambda invitation: invitation.partner_id == self.tenant
        )
        theirs = self.listing.viewing_ids.invitation_ids - mine
        self.login_tenant()
        page = self.url_open(URL)
        self.assertIn("You are invited to view", page.text)
        self.assertEqual(
            self.post_form(f"{URL}/invitations/{theirs.id}/interested", {}).status_code, 404
        )
        answered = self.post_form(f"{URL}/invitations/{mine.id}/interested", {})
        self.assertIn("Thank you: you are interested", answered.text)
        self.assertEqual(mine.state, "interested")
        again = self.post_form(f"{URL}/invitations/{mine.id}/not_interested", {})
        self.assertIn("already been answered", again.text)
        theirs.with_user(self.other_user).action_not_interested()
        offer = self.listing.active_offer_id
        self.assertEqual(offer.partner_id, self.tenant)
        page = self.url_open(URL)
        self.assertIn(f"{URL}/offers/{offer.id}/accept", page.text)
        # The confirmation step says what accepting does; only the POST accepts.
        confirm = self.url_open(f"{URL}/offers/{offer.id}/accept")
        self.assertIn("The lease is binding", confirm.text)
        self.assertIn(f'action="{URL}/offers/{offer.id}/accept"', confirm.text)
        self.assertEqual(offer.state, "active")
        accepted = self.post_form(f"{URL}/offers/{offer.id}/accept", {})
        self.assertIn("Thank you! Your lease", accepted.text)
        self.assertEqual(offer.state, "accepted")


@tagged("post_install", "-at_install", "housing_portal_home_queue")
class TestPortalHomeQueuePhone(HomeQueuePortalCase):
    """The housing queue's pages on a 390 px phone: nothing to scroll sideways."""

    browser_size = "390x844"
    touch_enabled = True

    def test_pages_fit_a_phone(self):
        self.approved_profile(self.tenant)
        self.approved_profile(self.other_tenant)
        self.listing.apply(self.other_tenant)
        self.listing.apply(self.tenant)
        self.tenant_user.password = self.tenant_user.login
        pages = (
            URL,
            f"{URL}?max_rent=billigt",
            f"{URL}/listings/{self.listing.id}",
            PROFILE_URL,
            "/my/queues",
        )
        for url in pages:
            with self.subTest(url=url):
                self.start_tour(url, "housing_portal_fits_phone", login=self.tenant_user.login)


@tagged("post_install", "-at_install", "housing_portal_home_queue")
class TestPortalHomeQueueSwedish(HomeQueuePortalCase):
    """A Swedish-speaking applicant reads the queue pages, refusals and receipts in Swedish."""

    def test_swedish_pages(self):
        self.tenant_reads(
            "sv_SE",
            [
                "housing_letting",
                "housing_home_queue",
                "housing_portal",
                "housing_portal_home_queue",
            ],
        )
        self.env["housing.queue.membership"]._ensure(self.tenant, "housing")
        self.login_tenant()
        home = self.url_open("/my").text
        self.assertIn("Köplatser", home)
        self.assertIn("Ansökningsprofil", home)
        housing = self.url_open(URL).text
        self.assertIn("Bostadskö", housing)
        self.assertIn("sökande hittills", housing)
        saved = self.post_form(
            PROFILE_URL,
            {"num_adults": "1", "num_children": "0", "housing_type": "LIVES_WITH_FAMILY"},
        ).text
        self.assertIn("Din ansökningsprofil är sparad", saved)
        queues = self.url_open("/my/queues").text
        self.assertIn("Köpoäng (dagar)", queues)
