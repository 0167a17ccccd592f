from odoo import models
from odoo.fields import Domain

from ..tools import periods


class HousingLeaseRentChangeLine(models.Model):
    _inherit = "housing.lease.rent.change.line"

    def _get_billed(self):
        """Lines whose lease has been billed for a month from the effective date on: the
        change can no longer be reversed (a correction is billed as a difference)."""
        billed = super()._get_billed()
        todo = self.filtered("lease_id") - billed
        if not todo:
            return billed
        domain = Domain.OR(
            Domain("lease_id", "=", line.lease_id.id)
            & Domain("period", ">=", periods.month_start(line.effective_date))
            for line in todo
        )
        leases = self.env["housing.invoice.billing"].sudo().search(domain).lease_id
        return billed | todo.filtered(lambda line: line.lease_id in leases)
