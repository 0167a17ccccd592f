from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HousingBaseCase


@tagged("housing_base")
class TestPartnerAccess(HousingBaseCase):
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
