from odoo import fields, models


class HousingLeaseRentLine(models.Model):
    _name = "housing.lease.rent.line"
    _description = "Rent line"
    _order = "lease_id, date_from, id"

    lease_id = fields.Many2one("housing.lease", required=True, index=True, ondelete="cascade")
    currency_id = fields.Many2one(related="lease_id.currency_id")
    kind = fields.Selection(
        [
            ("base", "Base rent"),
            ("parking", "Parking"),
            ("storage", "Storage"),
            ("charge", "Charge"),
            ("other", "Other"),
        ],
        required=True,
        default="base",
    )
    name = fields.Char(string="Description")
    amount = fields.Monetary(string="Monthly amount", required=True)
    tax_rate = fields.Float(string="VAT (%)", digits=(5, 2), help="0 for residences.")
    date_from = fields.Date(string="Valid from", required=True)
    date_to = fields.Date(string="Valid to")

    _dates_ordered = models.Constraint(
        "CHECK(date_to IS NULL OR date_to >= date_from)",
        "A rent line cannot end before it starts.",
    )
    _tax_rate_range = models.Constraint(
        "CHECK(tax_rate >= 0 AND tax_rate <= 100)", "The VAT rate must be between 0 and 100 %."
    )

    def _is_valid_on(self, date):
        self.ensure_one()
        return self.date_from <= date and (not self.date_to or self.date_to >= date)
