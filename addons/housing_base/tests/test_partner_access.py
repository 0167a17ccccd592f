from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HousingBaseCase


@tagged("housing_base")
class TestPartnerAccess(HousingBaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.protected = cls.Partner.create(
            {
                "name": "Skyddad Person",
                "is_housing_contact": True,
                "personal_number": "19900101-0017",
                "street": "Hemlig gatan 1",
                "city": "Västerås",
                "phone": "0701112233",
                "email": "skyddad@example.se",
                "protected_identity": True,
                "housing_note": "Kontakta endast via handläggare.",
            }
        )

    def read_as(self, user, fields):
        return self.protected.with_user(user).read(fields)[0]

    def test_protected_identity_hidden_from_housing_user(self):
        fields = ["name", "street", "city", "personal_number", "phone", "email"]
        values = self.read_as(self.housing_user, fields)
        self.assertEqual(values["name"], "Skyddad Person")
        for fname in fields[1:]:
            self.assertFalse(values[fname], f"{fname} leaked to a housing user")
        # The same user sees an ordinary tenant's details.
        tenant = self.tenant.with_user(self.housing_user).read(["street", "personal_number"])[0]
        self.assertEqual(tenant["street"], "Sjöodjursgatan 4")
        self.assertEqual(tenant["personal_number"], "19811218-9876")

    def test_protected_identity_hidden_in_search_read(self):
        rows = self.Partner.with_user(self.integration_user).search_read(
            [("id", "=", self.protected.id)], ["street", "personal_number"]
        )
        self.assertFalse(rows[0]["street"])
        self.assertFalse(rows[0]["personal_number"])

    def test_manager_sees_protected_identity(self):
        values = self.read_as(self.housing_manager, ["street", "personal_number", "housing_note"])
        self.assertEqual(values["street"], "Hemlig gatan 1")
        self.assertEqual(values["personal_number"], "19900101-0017")
        self.assertEqual(values["housing_note"], "Kontakta endast via handläggare.")

    def test_staff_only_fields(self):
        # A plain internal user (other apps) cannot read housing identity fields or the note.
        with self.assertRaises(AccessError):
            self.tenant.with_user(self.internal_user).read(["personal_number"])
        with self.assertRaises(AccessError):
            self.tenant.with_user(self.internal_user).read(["housing_note"])
        # The integration user reads identity numbers but not staff notes.
        values = self.tenant.with_user(self.integration_user).read(["personal_number"])[0]
        self.assertEqual(values["personal_number"], "19811218-9876")
        with self.assertRaises(AccessError):
            self.tenant.with_user(self.integration_user).read(["housing_note"])

    def test_portal_user_cannot_read_identity_fields(self):
        with self.assertRaises(AccessError):
            self.tenant.with_user(self.portal_user).read(["personal_number"])

    def test_housing_user_edits_tenant_but_not_protection_flag_visible(self):
        self.tenant.with_user(self.housing_user).write({"housing_note": "Ny notering"})
        self.assertEqual(self.tenant.housing_note, "Ny notering")

    def test_groups_hierarchy(self):
        self.assertTrue(self.housing_manager.has_group("housing_base.group_housing_user"))
        self.assertFalse(self.housing_user.has_group("housing_base.group_housing_manager"))
        self.assertFalse(self.integration_user.has_group("housing_base.group_housing_user"))
