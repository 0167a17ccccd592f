from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.dates import stockholm_today


class HousingQueueRefusal(models.Model):
    """One refusal counted on a queue place: a declined offer, or (if the policy says so)
    an invitation to a viewing or an offer left unanswered. The policy's limit of counted
    refusals resets the queue date or removes the place; staff can annul a refusal with a
    reason."""

    _name = "housing.queue.refusal"
    _description = "Queue refusal"
    _order = "date desc, id desc"
    _rec_name = "kind"

    membership_id = fields.Many2one(
        "housing.queue.membership",
        string="Queue place",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    partner_id = fields.Many2one(
        related="membership_id.partner_id", store=True, index=True, string="Contact"
    )
    queue_type = fields.Selection(related="membership_id.queue_type")
    listing_id = fields.Many2one("housing.listing", ondelete="set null", readonly=True)
    kind = fields.Selection(
        [
            ("offer_declined", "Offer declined"),
            ("offer_unanswered", "Offer not answered"),
            ("invitation_unanswered", "Invitation to a viewing not answered"),
        ],
        required=True,
        readonly=True,
    )
    date = fields.Date(required=True, readonly=True, default=lambda self: stockholm_today())
    reset_on = fields.Date(
        readonly=True,
        help="The day this refusal, with the others, reached the limit (the queue date was "
        "reset or the place removed).",
    )
    annulled = fields.Boolean(readonly=True)
    annul_reason = fields.Char(readonly=True)
    annulled_by_id = fields.Many2one("res.users", readonly=True)
    annulled_at = fields.Datetime(readonly=True)
    counted = fields.Boolean(
        compute="_compute_counted",
        store=True,
        help="Counts toward the limit: not annulled, not yet part of a reset, not before the "
        "queue date and within the policy's months a refusal counts (worked out again "
        "daily).",
    )

    @api.depends("annulled", "reset_on", "date", "membership_id.queue_start_date")
    def _compute_counted(self):
        # The window depends on today: the daily run of the queue places and a new
        # refusal recount the refusals that may have left it (_recount).
        today = stockholm_today()
        Policy = self.env["housing.letting.policy"]
        window_starts = {}
        for refusal in self:
            membership = refusal.membership_id
            if membership.queue_type not in window_starts:
                window_starts[membership.queue_type] = Policy._for_queue(
                    membership.queue_type
                )._refusal_window_start(today)
            window_start = window_starts[membership.queue_type]
            refusal.counted = (
                not refusal.annulled
                and not refusal.reset_on
                and refusal.date >= membership.queue_start_date
                and not (window_start and refusal.date <= window_start)
            )

    def _recount(self):
        """Work out again whether these refusals count (today's window), and their queue
        places' refusal counts."""
        self.modified(["date"])
        self.flush_recordset(["counted"])
        self.membership_id.flush_recordset(["refusal_count"])

    def action_annul(self, reason):
        """Staff annul these refusals (e.g. the applicant was ill): they no longer count
        toward the limit; the reason goes to the queue place's chatter. A refusal that
        already reset the queue date is not annulled (correct the queue start instead)."""
        self.check_access("write")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(self.env._("Give the reason for annulling the refusal."))
        if self.filtered(lambda refusal: not refusal.counted):
            raise UserError(
                self.env._(
                    "Only a refusal that still counts can be annulled: this one is annulled "
                    "already, has reached the limit (correct the queue start or restore the "
                    "place instead) or no longer counts."
                )
            )
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for refusal in self.sudo():
            refusal.write(
                {
                    "annulled": True,
                    "annul_reason": reason,
                    "annulled_by_id": self.env.uid,
                    "annulled_at": fields.Datetime.now(),
                }
            )
            refusal.membership_id.message_post(
                body=self.env._(
                    "Refusal of %(date)s (%(kind)s) annulled: %(reason)s",
                    date=fields.Date.to_string(refusal.date),
                    kind=kinds[refusal.kind],
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
