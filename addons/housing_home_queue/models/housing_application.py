from odoo import fields, models


class HousingApplication(models.Model):
    """Home applications rank by priority group (förtur) 1-8, then the general queue (9)."""

    _inherit = "housing.application"

    priority = fields.Selection(
        selection_add=[(str(rank), str(rank)) for rank in range(4, 10)] + [("none",)],
        ondelete={str(rank): "set null" for rank in range(4, 10)},
    )
