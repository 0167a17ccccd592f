from odoo.exceptions import AccessDenied
from odoo.tests import new_test_user, tagged

from .common import HousingBaseCase


@tagged("housing_base")
class TestProtectedLogin(HousingBaseCase):
    """A protected contact's user account does not give away the e-mail address that the
    protection keeps in the register: the login is the customer number, and the person
    still signs in with the registered e-mail address (or the customer number)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.privileged = new_test_user(
            cls.env,
            "housing_protected",
            groups="housing_base.group_housing_protected_identity",
        )
        cls.person = cls.Partner.create(
            {
                "name": "Skyddad Hyresgäst",
                "is_housing_contact": True,
                "email": "hemlig.adress@example.se",
            }
        )
        cls.account = new_test_user(
            cls.env,
            "hemlig.adress@example.se",
            password="Hemligt-lösen-1",
            groups="base.group_portal",
            partner_id=cls.person.id,
        )
        cls.person.with_user(cls.privileged).housing_protect_identity("Beslut från Skatteverket")

    def sign_in(self, login):
        credential = {"type": "password", "login": login, "password": "Hemligt-lösen-1"}
        return self.env["res.users"].authenticate(credential, {"interactive": False})["uid"]

    def test_staff_do_not_read_the_email_from_the_login(self):
        self.assertEqual(self.account.login, self.person.customer_number)
        for user in (self.housing_user, self.housing_manager, self.internal_user):
            Users = self.env["res.users"].with_user(user)
            self.assertFalse(Users.search([("login", "ilike", "hemlig")]), user.login)
            self.assertFalse(Users.search([("email", "ilike", "hemlig")]), user.login)
            values = Users.browse(self.account.id).read(["login", "email"])[0]
            self.assertNotIn("hemlig", str(values), user.login)
            partner = self.person.with_user(user)
            self.assertNotIn("hemlig", str(partner.user_ids.read(["login"])), user.login)

    def test_signs_in_with_the_registered_email_or_customer_number(self):
        self.assertEqual(self.sign_in("hemlig.adress@example.se"), self.account.id)
        self.assertEqual(self.sign_in("Hemlig.Adress@example.se"), self.account.id)
        self.assertEqual(self.sign_in(self.person.customer_number), self.account.id)
        with self.assertRaises(AccessDenied):
            self.sign_in("annan@example.se")

    def test_new_account_of_a_protected_contact_gets_no_identifying_login(self):
        self.account.unlink()
        account = new_test_user(
            self.env, "hemlig.adress@example.se", groups="base.group_portal",
            partner_id=self.person.id,
        )  # fmt: skip
        self.assertEqual(account.login, self.person.customer_number)
        account.write({"login": "hemlig.adress@example.se"})
        self.assertEqual(account.login, self.person.customer_number)

    def test_lifting_gives_the_email_login_back(self):
        self.person.with_user(self.privileged).housing_lift_protection("Skyddet har upphört")
        self.assertEqual(self.account.login, "hemlig.adress@example.se")
        self.assertEqual(self.sign_in("hemlig.adress@example.se"), self.account.id)
