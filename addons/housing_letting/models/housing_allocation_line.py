from odoo import api, fields, models
from odoo.tools import SQL

from .housing_allocation_round import immutable
from .housing_application import APPLICATION_STATES, PRIORITIES


class HousingAllocationLine(models.Model):
    """One applicant's line in an allocation audit round. The person is kept apart
    (partner, application, name) from what the round decided (rank, points, priority,
    reason, state), so that the retention job can take the person out (_anonymise) and
    keep the rest. A protected applicant's contact and application are kept in fields
    that only the Protected identities privilege reads."""

    _name = "housing.allocation.line"
    _description = "Allocation audit line"
    _order = "round_id, rank"
    # Written once by the engine (the round says when and by whom): no log columns, and
    # fewer foreign keys to check for each of 50,000 lines.
    _log_access = False
    _rec_name = "applicant"

    # Searched by round through the index on (round_id, rank).
    round_id = fields.Many2one(
        "housing.allocation.round", required=True, ondelete="cascade", readonly=True
    )
    listing_id = fields.Many2one(related="round_id.listing_id")
    rank = fields.Integer(readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Applicant contact", index=True, ondelete="set null", readonly=True
    )
    application_id = fields.Many2one(
        "housing.application", index=True, ondelete="set null", readonly=True
    )
    partner_name = fields.Char(string="Name when ranked", readonly=True)
    protected = fields.Boolean(string="Protected identity", readonly=True)
    protected_partner_id = fields.Many2one(
        "res.partner",
        string="Protected contact",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        groups="housing_base.group_housing_protected_identity",
    )
    protected_application_id = fields.Many2one(
        "housing.application",
        string="Protected application",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        groups="housing_base.group_housing_protected_identity",
    )
    anonymised = fields.Boolean(readonly=True)
    applicant = fields.Char(compute="_compute_applicant")
    customer_number = fields.Char(related="partner_id.customer_number", string="Customer number")
    priority = fields.Selection(PRIORITIES, readonly=True)
    priority_reason = fields.Selection(
        selection=lambda self: self.env["housing.application"]._reason_selection(),
        string="Reason",
        readonly=True,
    )
    queue_start_date = fields.Date(readonly=True)
    queue_points = fields.Integer(readonly=True, help="Queue points on the day of the round.")
    application_type = fields.Char(string="Type", readonly=True)
    applied_at = fields.Datetime(readonly=True)
    state = fields.Selection(
        APPLICATION_STATES, readonly=True, help="The application after the round."
    )

    _round_rank = models.Index("(round_id, rank)")

    @api.depends("partner_name", "protected", "anonymised")
    @api.depends_context("lang")
    def _compute_applicant(self):
        for line in self:
            if line.anonymised:
                line.applicant = self.env._("Anonymised")
            elif line.protected:
                line.applicant = self.env._("Protected identity")
            else:
                line.applicant = line.partner_name

    def write(self, vals):
        immutable(self)
        return super().write(vals)

    def unlink(self):
        immutable(self)
        return super().unlink()

    @api.model
    def _insert(self, audit, ranked, outcomes, day):
        """Insert the lines of ``ranked`` into ``audit`` in one statement (see
        housing.allocation.round._record); queue points are counted on ``day``."""
        self.env["housing.application"].flush_model()
        self.env["res.partner"].flush_model(["name", "protected_identity"])
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO housing_allocation_line (
                    round_id, rank, partner_id, application_id, partner_name, protected,
                    protected_partner_id, protected_application_id, anonymised, priority,
                    priority_reason, queue_start_date, queue_points, application_type,
                    applied_at, state)
                SELECT %(round)s, row.rank,
                       CASE WHEN p.protected_identity THEN NULL ELSE p.id END,
                       CASE WHEN p.protected_identity THEN NULL ELSE app.id END,
                       CASE WHEN p.protected_identity THEN NULL ELSE p.name END,
                       COALESCE(p.protected_identity, FALSE),
                       CASE WHEN p.protected_identity THEN p.id END,
                       CASE WHEN p.protected_identity THEN app.id END,
                       FALSE, row.priority, row.reason, row.start, %(day)s::date - row.start,
                       app.application_type, app.create_date,
                       COALESCE(outcome.state, app.state)
                  FROM unnest(%(apps)s::int[], %(priorities)s::varchar[], %(reasons)s::varchar[],
                              %(starts)s::date[])
                       WITH ORDINALITY AS row(app_id, priority, reason, start, rank)
                  JOIN housing_application app ON app.id = row.app_id
                  JOIN res_partner p ON p.id = app.partner_id
             LEFT JOIN unnest(%(outcome_apps)s::int[], %(outcome_states)s::varchar[])
                       AS outcome(app_id, state) ON outcome.app_id = row.app_id
                """,
                round=audit.id,
                day=day,
                apps=[app.id for app, __, __ in ranked],
                priorities=[verdict.priority or "none" for __, verdict, __ in ranked],
                reasons=[verdict.reason for __, verdict, __ in ranked],
                starts=[start for __, __, start in ranked],
                outcome_apps=list(outcomes),
                outcome_states=list(outcomes.values()),
            )
        )

    def _export_rows(self, field_names):
        """The lines' values of ``field_names`` as text for a file, selections in words."""
        labels = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in field_names
            if self._fields[name].type == "selection"
        }
        rows = []
        for line in self:
            row = []
            for name in field_names:
                value = line[name]
                if name in labels:
                    value = labels[name].get(value, value or "")
                elif isinstance(value, models.BaseModel):
                    value = value.display_name
                row.append("" if value is False or value is None else str(value))
            rows.append(row)
        return rows

    @api.model
    def _of_partners(self, partners):
        """The audit lines of ``partners`` (protected or not), as superuser."""
        lines = self.sudo()
        return lines.search(
            ["|", ("partner_id", "in", partners.ids), ("protected_partner_id", "in", partners.ids)]
        )

    def _anonymise(self):
        """Take the person out of these lines (GDPR retention): their contact, application
        and name are cleared, the rank, queue points, priority, reason and state stay, so
        that the round still shows how the listing was allocated. The only change an
        audit line ever gets (in SQL: write() refuses every change)."""
        if not self:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE housing_allocation_line
                   SET partner_id = NULL, application_id = NULL, partner_name = NULL,
                       protected_partner_id = NULL, protected_application_id = NULL,
                       anonymised = TRUE
                 WHERE id = ANY(%s)
                """,
                list(self.ids),
            )
        )
        self.invalidate_recordset()
