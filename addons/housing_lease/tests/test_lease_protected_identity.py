from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HousingLeaseCase


@tagged("housing_lease")
class TestLeaseProtectedIdentity(HousingLeaseCase):
    """A lease links its tenants to where they live: the lease of a protected tenant is seen
    only by the Protected identities privilege and by its own tenants."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.privileged = new_test_user(
            cls.env, "lease_protected", groups="housing_base.group_housing_protected_identity"
        )
        cls.integration = new_test_user(
            cls.env, "lease_integration", groups="housing_base.group_housing_integration"
        )
        cls.portal = new_test_user(cls.env, "lease_portal_tenant", groups="base.group_portal")
        cls.protected = cls.portal.partner_id
        cls.protected.write({"is_housing_contact": True, "street": "Hemliga gatan 1"})
        cls.protected.with_user(cls.privileged).housing_protect_identity("Beslut")
        cls.lease = cls.make_lease(
            tenant_line_ids=[
                Command.create({"partner_id": cls.protected.id, "role": "main"}),
                Command.create({"partner_id": cls.co_tenant.id, "role": "co"}),
            ]
        )
        cls.open_lease = cls.make_lease(cls.parking)

    def test_staff_and_integrations_do_not_see_the_lease(self):
        for user in (self.lease_user, self.lease_manager, self.integration):
            Lease = self.Lease.with_user(user)
            self.assertEqual(Lease.search([]), self.open_lease, user.login)
            self.assertFalse(Lease.search_count([("partner_ids", "in", self.protected.ids)]))
            self.assertFalse(Lease.search_count([("rental_object_id", "=", self.residence.id)]))
            self.assertFalse(
                self.env["housing.lease.tenant"]
                .with_user(user)
                .search_count([("partner_id", "=", self.protected.id)])
            )
            with self.assertRaises(AccessError):
                self.lease.with_user(user).read(["rental_object_id"])
            # The rental object is let, but not to anyone they may know of.
            residence = self.residence.with_user(user)
            self.assertEqual(residence.status, "leased")
            self.assertFalse(residence.current_lease_id)
            self.assertFalse(self.protected.with_user(user).lease_ids)

    def test_the_privilege_sees_the_lease(self):
        self.assertEqual(
            self.Lease.with_user(self.privileged).search(
                [("partner_ids", "in", self.protected.ids)]
            ),
            self.lease,
        )
        self.assertEqual(self.residence.with_user(self.privileged).current_lease_id, self.lease)

    def test_lifting_the_protection_shows_the_lease_again(self):
        self.protected.with_user(self.privileged).housing_lift_protection("Upphört")
        self.assertTrue(self.lease.with_user(self.lease_user).read(["rental_object_id"]))

    def test_contract_prints_identity_numbers_without_sudo(self):
        """The contract reads the identity number as the printing user may (no sudo)."""
        self.tenant.personal_number = "198112189876"
        report = self.env["ir.actions.report"].with_user(self.lease_user)
        html = report._render_qweb_html(
            "housing_lease.action_report_housing_lease", self.open_lease.ids
        )[0].decode()
        self.assertIn("19811218-9876", html)

    def test_rent_change_reaches_the_protected_lease(self):
        """A manager without the privilege runs the yearly rent change: the protected
        tenant's lease gets it too, and the preview names no tenant."""
        change = (
            self.env["housing.lease.rent.change"]
            .with_user(self.lease_manager)
            .create({"lease_type": "residence", "effective_date": date(2026, 1, 1), "value": 5})
        )
        change.action_preview()
        self.assertIn(self.lease, change.sudo().line_ids.lease_id)
        preview = change.line_ids.web_read(
            {"rental_object_id": {"fields": {"display_name": {}}}, "rent_after": {}}
        )
        self.assertIn(self.residence.code, str(preview))
        self.assertNotIn(self.protected.name, str(preview))
        change.action_apply()
        self.assertEqual(self.lease.rent_on(date(2026, 1, 1)), 6510)

    def test_rent_change_on_the_protected_lease_is_reversed(self):
        """Reversing undoes the change on the protected tenant's lease too."""
        change = (
            self.env["housing.lease.rent.change"]
            .with_user(self.lease_manager)
            .create({"lease_type": "residence", "effective_date": date(2026, 1, 1), "value": 5})
        )
        change.action_preview()
        change.action_apply()
        change.action_reverse()
        self.assertEqual(self.lease.rent_on(date(2026, 1, 1)), 6200)
        self.assertEqual(len(self.lease.rent_line_ids), 1)
        self.assertFalse(self.lease.rent_line_ids.date_to)
        self.assertEqual(self.residence.base_rent, 6200)
