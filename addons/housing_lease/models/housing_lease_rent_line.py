from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

# Kinds of which several lines may run side by side when their descriptions differ
# (e.g. broadband and home insurance); of the others a lease has one line at a time.
MULTIPLE_KINDS = ("charge", "other")


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
    date_from = fields.Date(
        string="Valid from",
        required=True,
        compute="_compute_date_from",
        store=True,
        readonly=False,
        precompute=True,
        help="Defaults to the lease's start date.",
    )
    date_to = fields.Date(string="Valid to")
    rent_change_line_id = fields.Many2one(
        "housing.lease.rent.change.line",
        string="Rent change",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The rent change that opened this line.",
    )
    replaced_line_id = fields.Many2one(
        "housing.lease.rent.line",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The line the rent change closed when it opened this one.",
    )

    _dates_ordered = models.Constraint(
        "CHECK(date_to IS NULL OR date_to >= date_from)",
        "A rent line cannot end before it starts.",
    )
    _tax_rate_range = models.Constraint(
        "CHECK(tax_rate >= 0 AND tax_rate <= 100)", "The VAT rate must be between 0 and 100 %."
    )
    _no_overlap = models.Constraint(
        "EXCLUDE USING gist (lease_id WITH =, kind WITH =, "
        f"(CASE WHEN kind IN {MULTIPLE_KINDS} THEN COALESCE(name, '') ELSE '' END) WITH =, "
        "daterange(date_from, date_to, '[]') WITH &&) DEFERRABLE INITIALLY DEFERRED",
        "Rent lines of the same kind cannot overlap.",
    )

    @api.depends("lease_id.date_start")
    def _compute_date_from(self):
        for line in self.filtered(lambda line: not line.date_from):
            line.date_from = line.lease_id.date_start

    @api.constrains("lease_id", "kind", "name", "date_from", "date_to")
    def _check_overlap(self):
        """Name the line in the way. The exclusion constraint says the same under
        concurrency, without the details; it is checked at commit so that this message
        comes first and a line can be closed and its successor opened in any order."""
        for line in self:
            domain = (
                Domain("lease_id", "=", line.lease_id.id)
                & Domain("id", "!=", line.id)
                & Domain("kind", "=", line.kind)
                & (Domain("date_to", "=", False) | Domain("date_to", ">=", line.date_from))
            )
            if line.date_to:
                domain &= Domain("date_from", "<=", line.date_to)
            if line.kind in MULTIPLE_KINDS:
                domain &= Domain("name", "=", line.name or False)
            other = self.search(domain, limit=1)
            if not other:
                continue
            kind = dict(self._fields["kind"]._description_selection(self.env))[line.kind]
            if other.date_to:
                message = self.env._(
                    "Lease %(lease)s already has a %(kind)s line valid from %(start)s to "
                    "%(end)s: rent lines of the same kind cannot overlap. End the earlier "
                    "line first.",
                    lease=line.lease_id.name,
                    kind=kind,
                    start=other.date_from,
                    end=other.date_to,
                )
            else:
                message = self.env._(
                    "Lease %(lease)s already has a %(kind)s line valid from %(start)s on: "
                    "rent lines of the same kind cannot overlap. End the earlier line first.",
                    lease=line.lease_id.name,
                    kind=kind,
                    start=other.date_from,
                )
            raise ValidationError(message)

    def _is_valid_on(self, date):
        self.ensure_one()
        return self.date_from <= date and (not self.date_to or self.date_to >= date)
