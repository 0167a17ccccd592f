from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import float_compare, float_round

from .housing_lease_notice_rule import LEASE_TYPES

# Rental objects whose base rent a change for a lease type updates (short-term leases
# have no base rent of their own on the object).
OBJECT_DOMAINS = {
    "residence": Domain("object_type", "=", "residence"),
    "parking": Domain("object_type", "=", "parking") & Domain("parking_type", "!=", "garage"),
    "garage": Domain("object_type", "=", "parking") & Domain("parking_type", "=", "garage"),
    "commercial": Domain("object_type", "=", "commercial"),
    "storage": Domain("object_type", "=", "storage"),
    "short_term": Domain.FALSE,
}
# Changing one of these fields of a draft change discards its preview.
INPUT_FIELDS = {
    "effective_date",
    "lease_type",
    "residential_area_ids",
    "property_ids",
    "kinds",
    "method",
    "value",
}


class HousingLeaseRentChange(models.Model):
    """A rent change (the yearly negotiated change) as a record: its input, a preview of
    what it does per rental object, who applied it when, and what it touched. Applied
    once per lease and date (unique indexes on its lines), reversible while nothing has
    been billed on it."""

    _name = "housing.lease.rent.change"
    _inherit = ["mail.thread"]
    _description = "Rent change"
    _order = "effective_date desc, id desc"

    state = fields.Selection(
        [("draft", "Draft"), ("done", "Applied"), ("reversed", "Reversed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    effective_date = fields.Date(
        required=True,
        tracking=True,
        help="May lie in the past: negotiated changes are often retroactive.",
    )
    lease_type = fields.Selection(
        LEASE_TYPES, default="residence", tracking=True, help="Empty: every lease type."
    )
    residential_area_ids = fields.Many2many(
        "housing.residential.area", string="Residential areas", help="Empty: every area."
    )
    property_ids = fields.Many2many(
        "housing.property", string="Properties", help="Empty: every property."
    )
    kinds = fields.Selection(
        [("base", "Base rent only"), ("all", "All rent lines")], required=True, default="base"
    )
    method = fields.Selection(
        [("percent", "Percentage"), ("amount", "Fixed amount per month")],
        required=True,
        default="percent",
    )
    value = fields.Float(
        required=True, digits=(10, 2), tracking=True, help="E.g. 4.5 for +4.5 %, or 120 kr."
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, readonly=True
    )
    line_ids = fields.One2many(
        "housing.lease.rent.change.line", "change_id", string="Rental objects", readonly=True
    )
    lease_ids = fields.Many2many(
        "housing.lease", string="Leases touched", compute="_compute_lease_ids"
    )
    lease_count = fields.Integer(compute="_compute_lease_ids")
    total_before = fields.Monetary(
        string="Monthly rent before", compute="_compute_totals", help="Of the leases touched."
    )
    total_after = fields.Monetary(string="Monthly rent after", compute="_compute_totals")
    applied_by_id = fields.Many2one("res.users", string="Applied by", readonly=True, copy=False)
    applied_at = fields.Datetime(readonly=True, copy=False)
    reversed_by_id = fields.Many2one("res.users", string="Reversed by", readonly=True, copy=False)
    reversed_at = fields.Datetime(readonly=True, copy=False)

    @api.depends("line_ids.lease_id")
    def _compute_lease_ids(self):
        for change in self:
            change.lease_ids = change.line_ids.lease_id
            change.lease_count = len(change.lease_ids)

    @api.depends("line_ids.rent_before", "line_ids.rent_after")
    def _compute_totals(self):
        for change in self:
            change.total_before = sum(change.line_ids.mapped("rent_before"))
            change.total_after = sum(change.line_ids.mapped("rent_after"))

    def _compute_display_name(self):
        for change in self:
            change.display_name = self.env._(
                "Rent change %(number)s from %(date)s",
                number=change.id or "",
                date=change.effective_date or "",
            )

    def write(self, vals):
        if INPUT_FIELDS & set(vals):
            if any(change.state != "draft" for change in self):
                raise UserError(
                    self.env._(
                        "An applied rent change cannot be edited: reverse it and make a new one."
                    )
                )
            self.line_ids.unlink()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(change.state != "draft" for change in self):
            raise UserError(self.env._("Only draft rent changes can be deleted."))

    # ------------------------------------------------------------------ the plan
    def _lease_domain(self):
        # Ended leases too: a retroactive change reaches their last months.
        domain = Domain("state", "in", ("upcoming", "current", "notice", "ended")) & (
            Domain("date_stop", "=", False) | Domain("date_stop", ">=", self.effective_date)
        )
        if self.lease_type:
            domain &= Domain("lease_type", "=", self.lease_type)
        return domain & self._place_domain()

    def _object_domain(self):
        domain = OBJECT_DOMAINS[self.lease_type] if self.lease_type else Domain.TRUE
        return domain & self._place_domain()

    def _place_domain(self):
        domain = Domain.TRUE
        if self.residential_area_ids:
            domain &= Domain("residential_area_id", "in", self.residential_area_ids.ids)
        if self.property_ids:
            domain &= Domain("property_id", "in", self.property_ids.ids)
        return domain

    def _new_amount(self, amount):
        if self.method == "percent":
            return float_round(amount * (1 + self.value / 100), precision_digits=0)
        return amount + self.value

    def _plan(self):
        """What the change does, per rental object: a list of dicts with the object, the
        lease whose rent lines change (lines valid on the effective date that started
        before it; a line from the effective date on is an agreed rent and kept), those
        lines, the lease's monthly rent on the date before and after, and the object's
        base rent before and after."""
        self.ensure_one()
        if not self.value:
            raise UserError(self.env._("Enter the change: a percentage or an amount."))
        date = self.effective_date
        # A rent change reaches every lease, also those the user may not see (a protected
        # tenant's): the lines name the rental object and the lease number, never the tenant.
        leases = self.env["housing.lease"].sudo().search(self._lease_domain())
        rent_line_domain = (
            Domain("lease_id", "in", leases.ids)
            & Domain("date_from", "<", date)
            & (Domain("date_to", "=", False) | Domain("date_to", ">=", date))
        )
        if self.kinds == "base":
            rent_line_domain &= Domain("kind", "in", ("base", "parking"))
        rent_lines = self.env["housing.lease.rent.line"].sudo().search(rent_line_domain)
        by_object = rent_lines.grouped(lambda line: line.lease_id.rental_object_id)
        with_base_rent = self.env["housing.rental.object"].search(self._object_domain())
        objects = (with_base_rent | rent_lines.lease_id.rental_object_id).sorted("code")
        if not objects:
            raise UserError(self.env._("No rental object matches the selection."))
        plan = []
        for obj in objects:
            lines = by_object.get(obj, rent_lines.browse())
            lease = lines.lease_id
            before = lease.rent_on(date) if lease else 0
            base_after = self._new_amount(obj.base_rent) if obj in with_base_rent else obj.base_rent
            new_amounts = [self._new_amount(amount) for amount in lines.mapped("amount")]
            if base_after < 0 or any(amount < 0 for amount in new_amounts):
                raise UserError(
                    self.env._(
                        "The change would make the rent of %(object)s negative.",
                        object=obj.code,
                    )
                )
            plan.append(
                {
                    "rental_object": obj,
                    "lease": lease,
                    "rent_lines": lines,
                    "new_amounts": new_amounts,
                    "rent_before": before,
                    "rent_after": before + sum(new_amounts) - sum(lines.mapped("amount")),
                    "base_rent_before": obj.base_rent,
                    "base_rent_after": base_after,
                }
            )
        return plan

    @staticmethod
    def _line_values(entry):
        return {
            "rental_object_id": entry["rental_object"].id,
            "lease_id": entry["lease"].id,
            "rent_before": entry["rent_before"],
            "rent_after": entry["rent_after"],
            "base_rent_before": entry["base_rent_before"],
            "base_rent_after": entry["base_rent_after"],
        }

    # ------------------------------------------------------------------ actions
    def action_preview(self):
        """Show, per rental object, the rent before and after; nothing else is written."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("Only a draft rent change can be previewed."))
        plan = self._plan()
        self.line_ids.unlink()
        self.line_ids = [fields.Command.create(self._line_values(entry)) for entry in plan]
        return True

    def action_apply(self):
        """Apply the previewed change: close the rent lines valid on the effective date,
        open new ones from it, set the objects' base rent. Refused when the rents changed
        since the preview, or when a lease or object was already changed on that date."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This rent change has already been applied."))
        if not self.line_ids:
            raise UserError(self.env._("Preview the rent change first."))
        self._check_not_applied_yet()
        plan = self._plan()
        lines = self.line_ids.sorted(lambda line: line.rental_object_id.code)
        if [self._line_values(entry) for entry in plan] != [line._values() for line in lines]:
            raise UserError(
                self.env._("Rents or rental objects have changed since the preview: preview again.")
            )
        date = self.effective_date
        RentLine = self.env["housing.lease.rent.line"]
        for entry, line in zip(plan, lines, strict=True):
            old_lines = entry["rent_lines"]
            new_values = [
                {
                    "lease_id": old.lease_id.id,
                    "kind": old.kind,
                    "name": old.name,
                    "amount": amount,
                    "tax_rate": old.tax_rate,
                    "date_from": date,
                    "date_to": old.date_to,
                    "rent_change_line_id": line.id,
                    "replaced_line_id": old.id,
                }
                for old, amount in zip(old_lines, entry["new_amounts"], strict=True)
            ]
            old_lines.date_to = date - timedelta(days=1)
            RentLine.create(new_values)
            if entry["base_rent_after"] != entry["base_rent_before"]:
                entry["rental_object"].base_rent = entry["base_rent_after"]
        lines.state = "done"
        self.write(
            {"state": "done", "applied_by_id": self.env.uid, "applied_at": fields.Datetime.now()}
        )
        for line in lines.filtered("lease_id"):
            line.lease_id.sudo().message_post(
                author_id=self.env.user.partner_id.id,
                body=self.env._(
                    "Rent from %(date)s changed from %(before).2f to %(after).2f by %(change)s.",
                    date=date,
                    before=line.rent_before,
                    after=line.rent_after,
                    change=self.display_name,
                ),
            )
        return True

    def _check_not_applied_yet(self):
        """A lease or rental object gets one rent change per effective date (the unique
        indexes on the lines say the same under concurrency)."""
        Line = self.env["housing.lease.rent.change.line"]
        done = Line.search(
            Domain("state", "=", "done")
            & Domain("effective_date", "=", self.effective_date)
            & (
                Domain("lease_id", "in", self.line_ids.lease_id.ids)
                | Domain("rental_object_id", "in", self.line_ids.rental_object_id.ids)
            ),
            limit=1,
        )
        if done:
            raise UserError(
                self.env._(
                    "%(what)s was already changed by %(change)s from %(date)s: a rent change "
                    "is applied once per lease and date.",
                    what=done.lease_id.sudo().name or done.rental_object_id.code,
                    change=done.change_id.display_name,
                    date=self.effective_date,
                )
            )

    def action_reverse(self):
        """Undo an applied change: remove the rent lines it opened, reopen the lines it
        closed, put the objects' base rent back. Refused once anything has been billed
        on it, or while a later change of the same objects is applied."""
        self.ensure_one()
        if self.state != "done":
            raise UserError(self.env._("Only an applied rent change can be reversed."))
        billed = self.line_ids._get_billed()
        if billed:
            raise UserError(
                self.env._(
                    "The new rent has already been billed for %(leases)s: bill a correction "
                    "instead of reversing.",
                    leases=", ".join(billed.lease_id.sudo().mapped("name")),
                )
            )
        later = self.env["housing.lease.rent.change.line"].search(
            Domain("state", "=", "done")
            & Domain("rental_object_id", "in", self.line_ids.rental_object_id.ids)
            & Domain("effective_date", ">", self.effective_date),
            order="effective_date desc",
            limit=1,
        )
        if later:
            raise UserError(
                self.env._(
                    "%(later)s builds on this rent change: reverse %(later)s first.",
                    later=later.change_id.display_name,
                )
            )
        # As superuser, like the apply: the change reaches protected tenants' leases too.
        opened = (
            self.env["housing.lease.rent.line"]
            .sudo()
            .search([("rent_change_line_id", "in", self.line_ids.ids)])
        )
        reopen = [(line.replaced_line_id, line.date_to) for line in opened]
        opened.unlink()
        for line, date_to in reopen:
            line.date_to = date_to
        for line in self.line_ids:
            obj = line.rental_object_id
            if not float_compare(obj.base_rent, line.base_rent_after, precision_digits=2):
                obj.base_rent = line.base_rent_before
        self.line_ids.state = "reversed"
        self.write(
            {
                "state": "reversed",
                "reversed_by_id": self.env.uid,
                "reversed_at": fields.Datetime.now(),
            }
        )
        for lease in self.line_ids.lease_id.sudo():
            lease.message_post(
                author_id=self.env.user.partner_id.id,
                body=self.env._(
                    "%(change)s was reversed: the rent from %(date)s is %(rent).2f again.",
                    change=self.display_name,
                    date=self.effective_date,
                    rent=lease.rent_on(self.effective_date),
                ),
            )
        return True
