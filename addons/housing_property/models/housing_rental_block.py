from odoo import api, fields, models
from odoo.fields import Domain

from odoo.addons.housing_base.tools.dates import stockholm_today


class HousingRentalBlock(models.Model):
    _name = "housing.rental.block"
    _description = "Rental block"
    _order = "date_from desc, id desc"

    rental_object_id = fields.Many2one(
        "housing.rental.object", required=True, index=True, ondelete="cascade"
    )
    reason = fields.Selection(
        [
            ("pest", "Pest control"),
            ("renovation", "Renovation"),
            ("damage", "Water or fire damage"),
            ("sale", "Sale or demolition"),
            ("internal", "Internal use"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    note = fields.Char()
    date_from = fields.Date(string="From", required=True, default=stockholm_today)
    date_to = fields.Date(string="To", help="Leave empty for a block until further notice.")
    is_current = fields.Boolean(
        string="In force today", compute="_compute_is_current", search="_search_is_current"
    )

    _dates_ordered = models.Constraint(
        "CHECK(date_to IS NULL OR date_to >= date_from)",
        "A rental block cannot end before it starts.",
    )

    @api.depends("date_from", "date_to")
    def _compute_is_current(self):
        today = stockholm_today()
        for block in self:
            block.is_current = block.date_from <= today and (
                not block.date_to or block.date_to >= today
            )

    def _search_is_current(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain(self._domain_on(stockholm_today()))
        return domain if (operator == "in") == (True in value) else ~domain

    def _compute_display_name(self):
        reasons = dict(self._fields["reason"]._description_selection(self.env))
        for block in self:
            block.display_name = f"{block.rental_object_id.code}: {reasons.get(block.reason)}"

    @api.model
    def _domain_on(self, date):
        """Blocks in force on ``date``."""
        return [
            ("date_from", "<=", date),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", date),
        ]
