from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import float_round

from ..models.housing_lease_notice_rule import LEASE_TYPES


class HousingLeaseRentChangeWizard(models.TransientModel):
    _name = "housing.lease.rent.change.wizard"
    _description = "Yearly rent change"

    residential_area_ids = fields.Many2many("housing.residential.area", string="Residential areas")
    property_ids = fields.Many2many("housing.property", string="Properties")
    lease_type = fields.Selection(LEASE_TYPES, default="residence")
    kinds = fields.Selection(
        [("base", "Base rent only"), ("all", "All rent lines")], required=True, default="base"
    )
    method = fields.Selection(
        [("percent", "Percentage"), ("amount", "Fixed amount per month")],
        required=True,
        default="percent",
    )
    value = fields.Float(required=True, digits=(10, 2), help="E.g. 4.5 for +4.5 %, or 120 kr.")
    effective_date = fields.Date(
        required=True, help="May lie in the past: negotiated changes are often retroactive."
    )
    lease_ids = fields.Many2many(
        "housing.lease", compute="_compute_lease_ids", store=True, readonly=False
    )
    lease_count = fields.Integer(compute="_compute_lease_count")
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    summary = fields.Text(readonly=True)

    @api.depends("residential_area_ids", "property_ids", "lease_type", "effective_date")
    def _compute_lease_ids(self):
        for wizard in self:
            wizard.lease_ids = self.env["housing.lease"].search(wizard._lease_domain())

    @api.depends("lease_ids")
    def _compute_lease_count(self):
        for wizard in self:
            wizard.lease_count = len(wizard.lease_ids)

    def _lease_domain(self):
        domain = Domain("state", "in", ("upcoming", "current", "notice"))
        if self.effective_date:
            domain &= Domain("date_stop", "=", False) | Domain(
                "date_stop", ">=", self.effective_date
            )
        if self.lease_type:
            domain &= Domain("lease_type", "=", self.lease_type)
        if self.residential_area_ids:
            domain &= Domain("residential_area_id", "in", self.residential_area_ids.ids)
        if self.property_ids:
            domain &= Domain("property_id", "in", self.property_ids.ids)
        return domain

    def _new_amount(self, amount):
        if self.method == "percent":
            return float_round(amount * (1 + self.value / 100), precision_digits=0)
        return amount + self.value

    def action_apply(self):
        """Close the rent lines valid on the effective date and open new ones from it."""
        self.ensure_one()
        if not self.lease_ids:
            raise UserError(self.env._("No lease matches the selection."))
        date = self.effective_date
        domain = (
            Domain("lease_id", "in", self.lease_ids.ids)
            & Domain("date_from", "<=", date)
            & (Domain("date_to", "=", False) | Domain("date_to", ">=", date))
        )
        if self.kinds == "base":
            domain &= Domain("kind", "in", ("base", "parking"))
        lines = self.env["housing.lease.rent.line"].search(domain)
        if not lines:
            raise UserError(
                self.env._("No rent line of the selected leases is valid on that date.")
            )
        old_total = sum(lines.mapped("amount"))
        starting_that_day = lines.filtered(lambda line: line.date_from == date)
        for line in starting_that_day:
            line.amount = self._new_amount(line.amount)
        to_close = lines - starting_that_day
        new_lines = self.env["housing.lease.rent.line"].create(
            [
                {
                    "lease_id": line.lease_id.id,
                    "kind": line.kind,
                    "name": line.name,
                    "amount": self._new_amount(line.amount),
                    "tax_rate": line.tax_rate,
                    "date_from": date,
                    "date_to": line.date_to,
                }
                for line in to_close
            ]
        )
        to_close.date_to = date - timedelta(days=1)
        new_total = sum((new_lines | starting_that_day).mapped("amount"))
        self.write(
            {
                "state": "done",
                "summary": self.env._(
                    "%(leases)s leases, %(lines)s rent lines changed from %(date)s.\n"
                    "Monthly rent before: %(before).2f, after: %(after).2f (%(diff)+.2f).",
                    leases=len(lines.lease_id),
                    lines=len(lines),
                    date=date,
                    before=old_total,
                    after=new_total,
                    diff=new_total - old_total,
                ),
            }
        )
        for lease in lines.lease_id:
            lease.message_post(
                body=self.env._("Rent changed from %(date)s by the yearly rent change.", date=date)
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
