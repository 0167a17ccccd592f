from odoo import api, fields, models
from odoo.tools import format_datetime

from ..tools.dates import stockholm_date
from ..tools.letting import RANKING_SHOWN
from .housing_offer import RANKING_READERS

# What the invited are told again when staff change it after the invitations went out.
TOLD_FIELDS = ("date_start", "date_end", "place")


class HousingViewing(models.Model):
    """A viewing (visning) of a listing and its round of invitations: when the listing's
    policy has a viewing round, the first applicants in the ranking are invited; those
    who answer that they are interested are offered the object in ranking order once the
    round has closed (every invitation answered, or the deadline passed, or staff closed
    it). Staff set the time, the place and the notes, before the round or during it."""

    _name = "housing.viewing"
    _description = "Viewing"
    _order = "id desc"
    _rec_name = "listing_id"

    listing_id = fields.Many2one(
        "housing.listing", required=True, index=True, ondelete="cascade", readonly=True
    )
    category = fields.Selection(related="listing_id.category", store=True, string="Queue")
    rental_object_id = fields.Many2one(related="listing_id.rental_object_id")
    date_start = fields.Datetime(string="Starts")
    date_end = fields.Datetime(string="Ends")
    place = fields.Char(help="Where the applicants meet, e.g. the entrance of the building.")
    notes = fields.Text(help="What the invited should know (keys, contact on site …).")
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("open", "Collecting answers"),
            ("closed", "Closed"),
        ],
        default="planned",
        required=True,
        index=True,
        readonly=True,
        help="Planned: prepared by staff, its invitations go out when the publication ends. "
        "Collecting answers: the invited answer until their deadline. Closed: the offer "
        "goes to the interested in ranking order.",
    )
    sent_at = fields.Datetime(string="Invited on", readonly=True)
    closed_at = fields.Datetime(readonly=True)
    invitation_ids = fields.One2many(
        "housing.viewing.invitation", "viewing_id", string="Invitations", readonly=True
    )
    invited_count = fields.Integer(compute="_compute_counts", store=True, string="Invited")
    interested_count = fields.Integer(compute="_compute_counts", store=True, string="Interested")
    # Stored: every answer writes the viewing's row, so two answers at once are handled
    # one after the other (the second is retried and sees the first).
    pending_count = fields.Integer(compute="_compute_counts", store=True, string="Awaiting answer")
    allocation_round_id = fields.Many2one(
        "housing.allocation.round",
        string="Audit of the invitations",
        groups=RANKING_READERS,
        readonly=True,
        index=True,
        ondelete="set null",
        help="The allocation audit of the round: the ranking the invitations were sent from.",
    )
    ranking_html = fields.Html(
        compute="_compute_ranking_html", string="Ranking when invited", groups=RANKING_READERS
    )

    _one_running_round = models.UniqueIndex(
        "(listing_id) WHERE state IN ('planned', 'open')",
        "The listing already has a viewing that has not closed.",
    )
    _ends_after_start = models.Constraint(
        "CHECK(date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
        "A viewing cannot end before it starts.",
    )

    @api.depends("invitation_ids.state")
    def _compute_counts(self):
        for viewing in self:
            states = viewing.invitation_ids.mapped("state")
            viewing.invited_count = len(states)
            viewing.interested_count = states.count("interested")
            viewing.pending_count = states.count("pending")

    @api.depends("allocation_round_id", "sent_at")
    @api.depends_context("lang")
    def _compute_ranking_html(self):
        Listing = self.env["housing.listing"]
        for viewing in self:
            viewing.ranking_html = Listing._ranking_table(
                viewing.allocation_round_id._ranking_rows(RANKING_SHOWN),
                stockholm_date(viewing.sent_at) if viewing.sent_at else None,
            )

    def write(self, vals):
        """Staff change the viewing. When its time or place changes after the invitations
        went out, the invited who have not said no are e-mailed the new time (the policy's
        e-mail) and the listing's chatter says so."""
        told = {}
        if set(vals) & set(TOLD_FIELDS):
            told = {viewing: viewing._told_values() for viewing in self if viewing.state == "open"}
        result = super().write(vals)
        self.filtered(
            lambda viewing: viewing in told and viewing._told_values() != told[viewing]
        )._tell_the_invited()
        return result

    def _told_values(self):
        self.ensure_one()
        return tuple(self[name] for name in TOLD_FIELDS)

    def _tell_the_invited(self):
        """E-mail the new time and place of these viewings to their invited who are still
        waiting to answer or are interested, and note it on the listings."""
        for viewing in self.sudo():
            told = viewing.invitation_ids.filtered(
                lambda invitation: invitation.state in ("pending", "interested")
            )
            listing = viewing.listing_id
            listing._policy()._send("viewing_changed_template_id", told)
            listing.message_post(
                body=self.env._(
                    "The viewing was changed to %(when)s%(place)s: %(count)s invited who have "
                    "not said no were told by e-mail.",
                    when=format_datetime(
                        self.env, viewing.date_start, tz="Europe/Stockholm", dt_format="short"
                    )
                    if viewing.date_start
                    else self.env._("a time to be announced"),
                    place=f", {viewing.place}" if viewing.place else "",
                    count=len(told),
                ),
                message_type="notification",
            )

    def action_close_round(self):
        """Staff: close the round now (those who have not answered count as not
        interested, without a refusal) and offer the object to the interested."""
        self.listing_id.check_access("write")
        listings = self.sudo().listing_id
        listings._lock()
        self.sudo().filtered(lambda viewing: viewing.state == "open")._close()
        listings._start_offer_rounds(locked=True)
        return True

    def _close(self):
        """Close these open rounds (their listings locked): pending invitations expire,
        and count as refusals when their deadline has passed and the policy counts
        unanswered invitations. The caller starts the offer round."""
        now = fields.Datetime.now()
        Membership = self.env["housing.queue.membership"]
        for viewing in self:
            pending = viewing.invitation_ids.filtered(lambda inv: inv.state == "pending")
            pending.write({"state": "expired"})
            viewing.write({"state": "closed", "closed_at": now})
            for invitation in pending.filtered(lambda inv: inv.deadline < now):
                Membership._count_refusal(invitation.application_id, "invitation_unanswered")
            viewing.listing_id.message_post(
                body=self.env._(
                    "The viewing round closed: %(interested)s of %(invited)s invited are "
                    "interested.",
                    interested=viewing.interested_count,
                    invited=viewing.invited_count,
                ),
                message_type="notification",
            )

    def _close_due(self):
        """Close those of these rounds that are open and whose invitations are all answered
        or past their deadline (the queue run)."""
        now = fields.Datetime.now()
        self.filtered(
            lambda viewing: (
                viewing.state == "open"
                and not viewing.invitation_ids.filtered(
                    lambda inv: inv.state == "pending" and inv.deadline >= now
                )
            )
        )._close()

    def _cancel(self):
        """The listing is closed: end its rounds; pending invitations are withdrawn."""
        running = self.filtered(lambda viewing: viewing.state in ("planned", "open"))
        running.invitation_ids.filtered(lambda inv: inv.state == "pending").write(
            {"state": "withdrawn"}
        )
        running.write({"state": "closed", "closed_at": fields.Datetime.now()})
