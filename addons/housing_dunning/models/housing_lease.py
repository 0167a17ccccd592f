from odoo import fields, models


class HousingLease(models.Model):
    _inherit = "housing.lease"

    housing_forfeiture_ids = fields.One2many(
        "housing.lease.forfeiture", "lease_id", string="Forfeitures", readonly=True
    )
    housing_forfeiture_state = fields.Selection(
        related="housing_forfeiture_ids.state",
        string="Forfeiture",
        help="The outcome of the latest forfeiture for unpaid rent.",
    )


class HousingRentalObject(models.Model):
    _inherit = "housing.rental.object"

    def _housing_letter_address(self):
        """'code, street, zip city' for the letters, without empty parts."""
        self.ensure_one()
        place = " ".join(filter(None, (self.zip, self.city)))
        return ", ".join(filter(None, (self.code, self.street, place)))
