from datetime import date

from odoo import Command
from odoo.tools.translate import code_translations

from odoo.addons.housing_lease.tests.common import HousingLeaseCase


class HousingInvoicingCase(HousingLeaseCase):
    """The lease test estate in a company with the Swedish chart (BAS) and its rent
    accounts, taxes and avi journal, plus a parking space, a storage room and premises.

    Post-install only: the chart of accounts can be loaded once the registry is ready."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {"country_id": cls.env.ref("base.se").id, "housing_bankgiro": "5050-1055"}
        )
        cls.env["account.chart.template"].try_loading("se", cls.company, install_demo=False)
        cls.Billing = cls.env["housing.invoice.billing"]
        cls.storage = cls.Object.create(
            {
                "code": "999-001-F-001",
                "object_type": "storage",
                "property_id": cls.property.id,
                "street": "Testgatan 1, förråd 1",
                "base_rent": 150,
            }
        )
        cls.premises = cls.Object.create(
            {
                "code": "999-001-L-001",
                "object_type": "commercial",
                "property_id": cls.property.id,
                "street": "Testgatan 3",
                "base_rent": 12000,
            }
        )
        cls.env["res.lang"]._activate_lang("sv_SE")
        cls.env["ir.module.module"]._load_module_terms(
            ["housing_lease", "housing_invoicing"], ["sv_SE"]
        )
        # The name housing_lease gives a new lease's rent line, in the contract's language.
        cls.base_rent = code_translations.get_python_translations("housing_lease", "sv_SE").get(
            "Base rent", "Base rent"
        )

    @classmethod
    def run_period(cls, period, invoice_date=None, **kwargs):
        return cls.Billing._run(
            period, cls.company, invoice_date or date(period.year, period.month, 1), **kwargs
        )

    @classmethod
    def make_tenant(cls, name):
        return cls.env["res.partner"].create({"name": name, "is_housing_contact": True})

    @classmethod
    def lease_for(cls, partner, rental_object, start=date(2025, 1, 1), **values):
        return cls.make_lease(
            rental_object,
            start=start,
            tenant_line_ids=[Command.create({"partner_id": partner.id, "role": "main"})],
            **values,
        )

    @classmethod
    def pay(cls, avi, day, amount=None):
        """Register a payment of ``avi`` on ``day`` (in full unless ``amount``)."""
        values = {"payment_date": day}
        if amount is not None:
            values["amount"] = amount
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=avi.ids
        ).create(values)._create_payments()
