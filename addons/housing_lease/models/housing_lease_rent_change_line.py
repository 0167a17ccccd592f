from odoo import fields, models


class HousingLeaseRentChangeLine(models.Model):
    """What a rent change does to one rental object and its lease."""

    _name = "housing.lease.rent.change.line"
    _description = "Rent change line"
    _order = "change_id, id"

    change_id = fields.Many2one(
        "housing.lease.rent.change", required=True, index=True, ondelete="cascade"
    )
    state = fields.Selection(
        [("draft", "Preview"), ("done", "Applied"), ("reversed", "Reversed")],
        default="draft",
        required=True,
    )
    effective_date = fields.Date(related="change_id.effective_date", store=True)
    currency_id = fields.Many2one(related="change_id.currency_id")
    rental_object_id = fields.Many2one(
        "housing.rental.object", required=True, index=True, ondelete="restrict"
    )
    lease_id = fields.Many2one("housing.lease", index=True, ondelete="restrict")
    rent_before = fields.Monetary(string="Lease rent before")
    rent_after = fields.Monetary(string="Lease rent after")
    base_rent_before = fields.Monetary(string="Base rent before")
    base_rent_after = fields.Monetary(string="Base rent after")

    _lease_once_per_date = models.UniqueIndex(
        "(lease_id, effective_date) WHERE state = 'done' AND lease_id IS NOT NULL",
        "A rent change has already been applied to this lease on that date.",
    )
    _object_once_per_date = models.UniqueIndex(
        "(rental_object_id, effective_date) WHERE state = 'done'",
        "A rent change has already been applied to this rental object on that date.",
    )

    def _compute_display_name(self):
        for line in self:
            line.display_name = line.change_id.display_name

    def _values(self):
        self.ensure_one()
        return {
            "rental_object_id": self.rental_object_id.id,
            "lease_id": self.lease_id.id,
            "rent_before": self.rent_before,
            "rent_after": self.rent_after,
            "base_rent_before": self.base_rent_before,
            "base_rent_after": self.base_rent_after,
        }

    def _get_billed(self):
        """The lines whose new rent has been billed: such a change can no longer be
        reversed. Nothing is billed in this module; an invoicing module overrides this
        hook to return the lines whose lease has an invoice for a month from the
        effective date on."""
        return self.browse()
