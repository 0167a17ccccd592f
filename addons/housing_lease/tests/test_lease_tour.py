from odoo.tests import HttpCase, tagged

from .common import HousingLeaseCase


@tagged("housing_lease", "post_install", "-at_install")
class TestLeaseTour(HousingLeaseCase, HttpCase):
    def test_lease_from_draft_to_notice(self):
        """A uthyrare in the browser: a draft lease for two tenants (the second a
        co-tenant), confirmed, then the tenants' notice through the wizard."""
        self.start_tour(
            "/odoo/housing-leases/new", "housing_lease_draft_to_notice", login="lease_user"
        )
        lease = self.Lease.search([("rental_object_id", "=", self.residence.id)])
        self.assertEqual(lease.state, "notice")
        self.assertEqual(lease.partner_id, self.tenant)
        self.assertEqual(lease.tenant_line_ids.sorted("role").mapped("role"), ["co", "main"])
        self.assertEqual(lease.rent_line_ids.amount, 6200)
        self.assertEqual(lease.notice_given_by, "tenant")
