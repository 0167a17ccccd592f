from datetime import date

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.housing_property.tests.common import HousingPropertyCase


class HousingLeaseCase(HousingPropertyCase):
    """The property test estate plus two tenants and a helper to create leases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lease = cls.env["housing.lease"]
        cls.tenant = cls.env["res.partner"].create(
            {"name": "Anna Andersson", "is_housing_contact": True}
        )
        cls.co_tenant = cls.env["res.partner"].create(
            {"name": "Ali Andersson", "is_housing_contact": True}
        )
        cls.lease_user = new_test_user(
            cls.env, "lease_user", groups="housing_base.group_housing_user"
        )
        cls.lease_manager = new_test_user(
            cls.env, "lease_manager", groups="housing_base.group_housing_manager"
        )

    @classmethod
    def make_lease(cls, rental_object=None, start=date(2025, 1, 1), confirm=True, **values):
        lease = cls.Lease.create(
            {
                "rental_object_id": (rental_object or cls.residence).id,
                "date_start": start,
                "tenant_line_ids": [Command.create({"partner_id": cls.tenant.id, "role": "main"})],
                **values,
            }
        )
        if confirm:
            lease.action_confirm()
        return lease

    def render_contract(self, lease):
        """The contract as HTML (the PDF needs wkhtmltopdf, the HTML does not)."""
        report = self.env["ir.actions.report"]
        return report._render_qweb_html("housing_lease.action_report_housing_lease", lease.ids)[
            0
        ].decode()
