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
        # Ended leases too: a retroactive change reaches their last months.
        domain = Domain("state", "in", ("upcoming", "current", "notice", "ended"))
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
        """Close the rent lines valid on the effective date and open new ones from it.

        Lines starting on the effective date are changed in place; lines starting later
        are left alone (they already carry a newer rent)."""
        self.ensure_one()
        if not self.lease_ids:
            raise UserError(self.env._("No lease matches the selection."))
        if not self.value:
            raise UserError(self.env._("Enter the change: a percentage or an amount."))
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
        negative = lines.filtered(lambda line: self._new_amount(line.amount) < 0)
        if negative:
            raise UserError(
                self.env._(
                    "The change would make the rent line %(line)s of lease %(lease)s negative.",
                    line=negative[0].name or negative[0].kind,
                    lease=negative[0].lease_id.name,
                )
            )
        leases = lines.lease_id
        before = {lease: lease.rent_on(date) for lease in leases}
        starting_that_day = lines.filtered(lambda line: line.date_from == date)
        for line in starting_that_day:
            line.amount = self._new_amount(line.amount)
        to_close = lines - starting_that_day
        new_lines = [
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
        to_close.date_to = date - timedelta(days=1)
        self.env["housing.lease.rent.line"].create(new_lines)
        after = {lease: lease.rent_on(date) for lease in leases}
        self.write({"state": "done", "summary": self._summary(date, lines, before, after)})
        for lease in leases:
            lease.message_post(
                body=self.env._(
                    "Rent from %(date)s changed from %(before).2f to %(after).2f by the yearly "
                    "rent change.",
                    date=date,
                    before=before[lease],
                    after=after[lease],
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _summary(self, date, lines, before, after):
        """Totals, then one line per lease: number, rent before and after."""
        total_before, total_after = sum(before.values()), sum(after.values())
        header = self.env._(
            "Leases changed: %(leases)s; rent lines changed: %(lines)s; effective %(date)s.\n"
            "Monthly rent before: %(before).2f, after: %(after).2f (%(diff)+.2f).",
            leases=len(before),
            lines=len(lines),
            date=date,
            before=total_before,
            after=total_after,
            diff=total_after - total_before,
        )
        rows = [
            f"{lease.name}: {before[lease]:.2f} → {after[lease]:.2f}"
            for lease in sorted(before, key=lambda lease: lease.name)
        ]
        return "\n".join([header, "", *rows])
