from datetime import date

from odoo import Command

from odoo.addons.housing_api.tests.common import HousingApiCase
from odoo.addons.housing_invoicing.tests.common import HousingInvoicingCase

JAN = date(2026, 1, 1)
FEB = date(2026, 2, 1)


class HousingApiInvoicingCase(HousingApiCase, HousingInvoicingCase):
    """The API test estate in a company on the Swedish chart: Anna Andersson's home is
    billed for January and February 2026 (due 30 December and 30 January), Ali Andersson
    rents the parking space, and the protected contact rents a home of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease_for(cls.co_tenant, cls.parking)
        cls.home = cls.Object.create(
            {
                "code": "999-001-01-0002",
                "object_type": "residence",
                "staircase_id": cls.staircase.id,
                "street": "Skyddsgatan 2",
                "base_rent": 5100,
            }
        )
        cls.make_lease(
            cls.home,
            start=date(2025, 1, 1),
            tenant_line_ids=[Command.create({"partner_id": cls.protected.id, "role": "main"})],
        )
        cls.jan = cls.run_period(JAN, date(2025, 12, 10))
        cls.feb = cls.run_period(FEB, date(2026, 1, 10))
        cls.avi_jan, cls.avi_feb = (
            moves.filtered(lambda move: move.partner_id == cls.tenant)
            for moves in (cls.jan, cls.feb)
        )
        cls.protected_avi = cls.feb.filtered(lambda move: move.partner_id == cls.protected)
        cls.other_avi = cls.feb.filtered(lambda move: move.partner_id == cls.co_tenant)
