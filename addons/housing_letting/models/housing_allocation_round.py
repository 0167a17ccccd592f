import csv
import io

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.dates import stockholm_date

ROUND_KINDS = [("offer", "Offer round"), ("viewing", "Invitations to a viewing")]
# Columns of the complaint export, in order (line fields).
EXPORT_FIELDS = (
    "rank",
    "applicant",
    "customer_number",
    "priority",
    "priority_reason",
    "queue_start_date",
    "queue_points",
    "application_type",
    "applied_at",
    "state",
)


def immutable(records):
    """Refuse changing or deleting an allocation audit (round or line): there is nothing
    to change in an empty recordset."""
    if not records:
        return
    raise UserError(
        records.env._(
            "The allocation audit cannot be changed or deleted: it records how a listing "
            "was allocated (who ranked where, with which points and reasons) for complaints."
        )
    )


class HousingAllocationRound(models.Model):
    """The allocation audit (tilldelningsunderlag) of one round of a listing: the ranking
    an offer was made from, kept as it was — every applicant's place, queue points,
    priority and the reason for it, and what the round did with them (offered,
    disqualified). Made by the engine, read by staff, exported for a complaint; never
    changed or deleted (the retention job only takes the person out: _anonymise)."""

    _name = "housing.allocation.round"
    _description = "Allocation audit round"
    _order = "listing_id, round_number desc, id desc"

    listing_id = fields.Many2one(
        "housing.listing", required=True, index=True, ondelete="restrict", readonly=True
    )
    category = fields.Selection(related="listing_id.category", store=True, string="Queue")
    round_number = fields.Integer(string="Round", required=True, readonly=True)
    kind = fields.Selection(ROUND_KINDS, required=True, default="offer", readonly=True)
    made_at = fields.Datetime(required=True, readonly=True, string="Made at")
    applicant_count = fields.Integer(string="Applicants", readonly=True)
    eligible_count = fields.Integer(
        string="Eligible", readonly=True, help="Applicants who could be offered the listing."
    )
    offer_ids = fields.One2many(
        "housing.offer", "allocation_round_id", string="Offers", readonly=True
    )
    line_ids = fields.One2many(
        "housing.allocation.line", "round_id", string="Ranking", readonly=True
    )
    reason_summary = fields.Html(
        compute="_compute_reason_summary",
        string="Applicants by reason",
        help="How many applicants ranked with each priority and reason.",
    )

    @api.depends("listing_id.name", "round_number")
    def _compute_display_name(self):
        for audit in self:
            audit.display_name = self.env._(
                "%(listing)s, round %(round)s",
                listing=audit.listing_id.name or "",
                round=audit.round_number,
            )

    @api.depends("line_ids")
    def _compute_reason_summary(self):
        Line = self.env["housing.allocation.line"]
        counts = Line._read_group(
            [("round_id", "in", self.ids)],
            ["round_id", "priority", "priority_reason"],
            ["__count"],
            order="round_id, priority, priority_reason",
        )
        priorities = dict(Line._fields["priority"]._description_selection(self.env))
        reasons = dict(Line._fields["priority_reason"]._description_selection(self.env))
        by_round = {}
        for audit, priority, reason, count in counts:
            by_round.setdefault(audit, []).append(
                (priorities.get(priority, priority), reasons.get(reason, reason), count)
            )
        head = Markup("<tr><th>{}</th><th>{}</th><th class='text-end'>{}</th></tr>").format(
            self.env._("Priority"), self.env._("Reason"), self.env._("Applicants")
        )
        for audit in self:
            rows = Markup("").join(
                Markup("<tr><td>{}</td><td>{}</td><td class='text-end'>{}</td></tr>").format(*row)
                for row in by_round.get(audit, [])
            )
            audit.reason_summary = Markup(
                "<table class='table table-sm'><thead>{}</thead><tbody>{}</tbody></table>"
            ).format(head, rows)

    # ------------------------------------------------------------------ immutable
    def write(self, vals):
        immutable(self)
        return super().write(vals)

    def unlink(self):
        immutable(self)
        return super().unlink()

    @api.model
    def _record(self, listing, ranked, outcomes, kind="offer"):
        """Record a round of ``listing`` made from ``ranked`` (its ranking as _rank
        returns it: (application, verdict, queue start date) in order), where the round
        moved the applications of ``outcomes`` ({application id: state}, e.g. offered or
        disqualified). One INSERT of the round and one of all its lines, the applicants'
        contact, name, protection and application read by the database: a constant
        number of queries whatever the number of applicants. Returns the round."""
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                "SELECT COALESCE(max(round_number), 0) + 1 FROM housing_allocation_round "
                "WHERE listing_id = %s",
                listing.id,
            )
        )
        [number] = self.env.cr.fetchone()
        audit = self.sudo().create(
            {
                "listing_id": listing.id,
                "round_number": number,
                "kind": kind,
                "made_at": now,
                "applicant_count": len(ranked),
                "eligible_count": sum(1 for __, verdict, __ in ranked if verdict.eligible),
            }
        )
        if ranked:
            self.env["housing.allocation.line"]._insert(
                audit, ranked, outcomes, stockholm_date(now)
            )
            audit.invalidate_recordset(["line_ids"])
        return audit

    def _ranking_rows(self, limit):
        """The first ``limit`` lines of this round (empty: none) as ranking rows
        (housing.listing._ranking_table): what an offer or a viewing shows of its
        ranking."""
        lines = (
            self.env["housing.allocation.line"]
            .sudo()
            .search([("round_id", "=", self.id)], order="rank", limit=limit)
        )
        return [
            {
                "rank": line.rank,
                "partner_id": line.partner_id.id or None,
                "partner": line.partner_name or None,
                "protected": line.protected,
                "priority": line.priority,
                "reason": line.priority_reason,
                "queue_start_date": line.queue_start_date and line.queue_start_date.isoformat(),
                "state": line.state,
                "application_id": line.application_id.id or None,
                "application_type": line.application_type,
            }
            for line in lines
        ]

    # ------------------------------------------------------------------ export
    def action_export_csv(self):
        """The round as a CSV file (for a complaint): one line per applicant in ranking
        order, with the reasons and states in words. Returns the download."""
        self.ensure_one()
        Line = self.env["housing.allocation.line"]
        lines = self.line_ids
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        header = [Line._fields[name].get_description(self.env)["string"] for name in EXPORT_FIELDS]
        writer.writerow(header)
        for row in lines._export_rows(EXPORT_FIELDS):
            writer.writerow(row)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.env._(
                        "Allocation audit %(listing)s round %(round)s.csv",
                        listing=self.listing_id.name,
                        round=self.round_number,
                    ),
                    "raw": out.getvalue().encode("utf-8-sig"),
                    "mimetype": "text/csv",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
