from odoo import api, fields, models

from ..tools import letting
from ..tools.dates import stockholm_date

RANKING_READERS = "housing_base.group_housing_user,housing_base.group_housing_integration"


class HousingOffer(models.Model):
    """An offer of a listing to one applicant, with the deadline to answer and the
    ranking as it was when the offer was made."""

    _name = "housing.offer"
    _inherit = ["mail.thread", "housing.letting.deadline.mixin"]
    _description = "Offer"
    _order = "sent_at desc, id desc"
    _rec_name = "listing_id"

    listing_id = fields.Many2one(
        "housing.listing", required=True, index=True, ondelete="cascade", readonly=True
    )
    category = fields.Selection(
        related="listing_id.category", store=True, index=True, string="Queue"
    )
    rental_object_id = fields.Many2one(related="listing_id.rental_object_id")
    application_id = fields.Many2one(
        "housing.application", required=True, index=True, ondelete="cascade", readonly=True
    )
    # Empty only once anonymised after the retention period (housing.letting.retention).
    partner_id = fields.Many2one(
        "res.partner", string="Applicant", index=True, readonly=True, ondelete="restrict"
    )
    anonymised_at = fields.Datetime(
        string="Anonymised on",
        readonly=True,
        copy=False,
        help="When the applicant was removed after the retention period.",
    )
    state = fields.Selection(
        [
            ("active", "Awaiting answer"),
            ("accepted", "Accepted"),
            ("declined", "Declined"),
            ("expired", "Expired"),
            ("withdrawn", "Withdrawn"),
        ],
        default="active",
        required=True,
        index=True,
        readonly=True,
        tracking=True,
    )
    deadline = fields.Datetime(index=True)
    lease_id = fields.Many2one("housing.lease", readonly=True)
    allocation_round_id = fields.Many2one(
        "housing.allocation.round",
        string="Allocation audit",
        readonly=True,
        index=True,
        ondelete="set null",
        help="The round the offer was made in: the ranking as it was then.",
    )
    # The whole ranking names the other applicants: staff and integrations only. The
    # applicant sees their own place and points.
    ranking_snapshot = fields.Json(
        compute="_compute_ranking_snapshot",
        groups=RANKING_READERS,
        help="The first applicants of the ranking when the offer was made (the whole "
        "ranking is in the allocation audit).",
    )
    ranking_html = fields.Html(
        compute="_compute_ranking_html", string="Ranking when offered", groups=RANKING_READERS
    )
    ranking_position = fields.Integer(
        compute="_compute_ranking_own",
        compute_sudo=True,
        string="Place in the ranking",
        help="The applicant's place in the ranking when the offer was made.",
    )
    ranking_queue_points = fields.Integer(
        compute="_compute_ranking_own",
        compute_sudo=True,
        string="Queue points when offered",
    )

    _partner_unless_anonymised = models.Constraint(
        "CHECK(partner_id IS NOT NULL OR anonymised_at IS NOT NULL)",
        "An offer needs an applicant.",
    )
    _one_active_offer = models.UniqueIndex(
        "(listing_id) WHERE state = 'active'", "The listing already has an active offer."
    )

    @api.depends("allocation_round_id")
    def _compute_ranking_snapshot(self):
        for offer in self:
            offer.ranking_snapshot = offer.allocation_round_id._ranking_rows(letting.RANKING_SHOWN)

    @api.depends("allocation_round_id", "application_id")
    def _compute_ranking_own(self):
        Line = self.env["housing.allocation.line"].sudo()
        for offer in self:
            line = Line.search(
                [
                    ("round_id", "=", offer.allocation_round_id.id),
                    "|",
                    ("application_id", "=", offer.application_id.id),
                    ("protected_application_id", "=", offer.application_id.id),
                ],
                limit=1,
            )
            offer.ranking_position = line.rank
            offer.ranking_queue_points = line.queue_points

    @api.depends("ranking_snapshot", "sent_at")
    @api.depends_context("lang")
    def _compute_ranking_html(self):
        Listing = self.env["housing.listing"]
        for offer in self:
            offer.ranking_html = Listing._ranking_table(
                offer.ranking_snapshot or [],
                stockholm_date(offer.sent_at) if offer.sent_at else None,
            )

    # ------------------------------------------------------------------ answers
    def _check_answerable(self):
        """Lock the listing, then re-read: the offer must still be active and in time."""
        self.ensure_one()
        self.check_access("read")
        self.env["housing.application"]._check_acting_for(self.partner_id)
        offer = self.sudo()
        offer.listing_id._lock()
        offer.invalidate_recordset()
        if offer.state != "active":
            raise offer.listing_id._refusal(letting.OFFER_NOT_ACTIVE)
        if offer.deadline < fields.Datetime.now():
            raise offer.listing_id._refusal(letting.OFFER_EXPIRED)
        return offer

    def action_accept(self):
        """The applicant accepts: re-check eligibility, create the lease, decline
        the applicant's other active offers (starting the next rounds there). Everything
        happens in this transaction; the listing row lock makes a concurrent answer or
        expiry wait and then find the offer answered. Returns the lease."""
        self.ensure_one()
        # One contact's answers are handled one after the other (locked before the listing,
        # as the other offers' listings are locked after it).
        offer = self.sudo()
        if offer.listing_id._queue_type():
            self.env["housing.queue.membership"]._lock(
                offer.partner_id, offer.listing_id._queue_type()
            )
        offer = self._check_answerable()
        listing = offer.listing_id
        verdict = listing._get_eligibility(offer.partner_id)[listing][
            offer.application_id.application_type
        ]
        if not verdict.eligible:
            raise listing._refusal(verdict.reason)
        lease = listing._assign(offer.application_id)
        offer.write(
            {"state": "accepted", "answered_at": fields.Datetime.now(), "lease_id": lease.id}
        )
        listing._policy()._send("accepted_template_id", offer)
        others = self.sudo().search(
            [
                ("partner_id", "=", offer.partner_id.id),
                ("state", "=", "active"),
                ("id", "!=", offer.id),
            ]
        )
        if others:
            others._close("declined")
        return lease

    def action_decline(self):
        """The applicant declines; the next round starts at once."""
        offer = self._check_answerable()
        offer._close("declined")
        offer.listing_id._policy()._send("declined_template_id", offer)
        self.env["housing.queue.membership"]._count_refusal(offer.application_id, "offer_declined")
        return True

    def _close(self, state):
        """End active offers as declined or expired and offer the listings to the next in
        line."""
        offers = self.sudo()
        offers.listing_id._lock()
        offers = offers.filtered(lambda offer: offer.state == "active")
        if not offers:
            return
        offers.write({"state": state, "answered_at": fields.Datetime.now()})
        offers.application_id.write({"state": state})
        offers.listing_id.write({"state": "ready"})
        if state == "expired":
            offers._send_by_policy("expired_template_id")
            for offer in offers:
                self.env["housing.queue.membership"]._count_refusal(
                    offer.application_id, "offer_unanswered"
                )
        for offer in offers:
            offer.listing_id.message_post(
                body=self.env._(
                    "The offer to %(partner)s: %(state)s.",
                    partner=offer.partner_id._housing_staff_name(),
                    state=dict(offer._fields["state"]._description_selection(self.env))[state],
                ),
                message_type="notification",
            )
        offers.listing_id._start_offer_rounds()

    def _withdraw_blocked(self):
        """Withdraw these active offers because a rental block now covers the day the
        lease would start: the applications stay in the queue as active, the listings
        wait for the block to end (rounds do not offer a blocked space)."""
        offers = self.sudo()
        offers.listing_id._lock()
        offers = offers.filtered(lambda offer: offer.state == "active")
        offers.write({"state": "withdrawn", "answered_at": fields.Datetime.now()})
        offers.application_id.write({"state": "active"})
        offers.listing_id.write({"state": "ready"})
        for offer in offers:
            offer.listing_id.message_post(
                body=self.env._(
                    "The offer to %(partner)s was withdrawn: the rental object is blocked "
                    "from letting on the day the lease would start. It is offered again "
                    "when the block ends.",
                    partner=offer.partner_id._housing_staff_name(),
                ),
                message_type="notification",
            )

    def _send_by_policy(self, template_field):
        """Queue the e-mail of ``template_field`` of each offer's policy (its listing's
        category and rule)."""
        Policy = self.env["housing.letting.policy"]
        for (category, rule), offers in self.grouped(
            lambda offer: (offer.listing_id.category, offer.listing_id.rule)
        ).items():
            Policy._for(category, rule)._send(template_field, offers)

    def _expire_overdue(self):
        """Expire those of these offers that are active and past their deadline."""
        now = fields.Datetime.now()
        self.filtered(lambda offer: offer.state == "active" and offer.deadline < now)._close(
            "expired"
        )
