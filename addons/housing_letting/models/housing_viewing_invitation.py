from odoo import fields, models

from ..tools import letting


class HousingViewingInvitation(models.Model):
    """One applicant's invitation to a viewing, with the deadline to answer whether they
    are interested. Not an offer: nothing is let by answering; the offer comes after the
    round, to the interested in ranking order (housing.offer)."""

    _name = "housing.viewing.invitation"
    _inherit = ["housing.letting.deadline.mixin"]
    _description = "Invitation to a viewing"
    _order = "viewing_id desc, rank, id"
    _rec_name = "listing_id"

    viewing_id = fields.Many2one(
        "housing.viewing", required=True, index=True, ondelete="cascade", readonly=True
    )
    listing_id = fields.Many2one(
        related="viewing_id.listing_id", store=True, index=True, string="Listing"
    )
    category = fields.Selection(related="viewing_id.category", string="Queue")
    rental_object_id = fields.Many2one(related="viewing_id.rental_object_id")
    date_start = fields.Datetime(related="viewing_id.date_start", string="Viewing starts")
    date_end = fields.Datetime(related="viewing_id.date_end", string="Viewing ends")
    place = fields.Char(related="viewing_id.place")
    notes = fields.Text(related="viewing_id.notes")
    application_id = fields.Many2one(
        "housing.application", required=True, index=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Applicant", required=True, index=True, readonly=True
    )
    rank = fields.Integer(readonly=True, help="Place in the ranking when invited.")
    state = fields.Selection(
        [
            ("pending", "Awaiting answer"),
            ("interested", "Interested"),
            ("not_interested", "Not interested"),
            ("expired", "No answer"),
            ("withdrawn", "Withdrawn"),
        ],
        default="pending",
        required=True,
        index=True,
        readonly=True,
    )

    _one_invitation_per_application = models.Constraint(
        "UNIQUE(application_id)", "The applicant has already been invited to view this listing."
    )

    def action_interested(self):
        """The applicant is interested (after the viewing): they are offered the object
        in ranking order among the interested when the round closes."""
        return self._answer("interested")

    def action_not_interested(self):
        """The applicant is not interested: they are not offered the object (this does not
        count as a refusal)."""
        return self._answer("not_interested")

    def _answer(self, state):
        """Record the answer; the last answer of the round closes it and starts the offer.
        The listing's row is locked as for offers; every answer also writes the viewing's
        counts, so of two answers at once the second is retried and sees the first."""
        self.ensure_one()
        self.check_access("read")
        self.env["housing.application"]._check_acting_for(self.partner_id)
        invitation = self.sudo()
        listing = invitation.listing_id
        listing._lock()
        invitation.invalidate_recordset()
        invitation.viewing_id.invalidate_recordset()
        if invitation.state != "pending":
            raise listing._refusal(letting.INVITATION_NOT_ACTIVE)
        if invitation.deadline < fields.Datetime.now():
            raise listing._refusal(letting.INVITATION_EXPIRED)
        invitation.write({"state": state, "answered_at": fields.Datetime.now()})
        listing.message_post(
            body=self.env._(
                "%(partner)s answered the invitation to the viewing: %(answer)s.",
                partner=invitation.partner_id._housing_staff_name(),
                answer=dict(self._fields["state"]._description_selection(self.env))[state],
            ),
            message_type="notification",
        )
        viewing = invitation.viewing_id
        viewing.flush_recordset(["pending_count"])
        if viewing.state == "open" and not viewing.pending_count:
            viewing._close()
            listing._start_offer_rounds(locked=True)
        return True

    def _withdraw(self):
        """The applications are withdrawn: their pending invitations too; a round left
        without pending invitations closes (the caller starts the offer round)."""
        pending = self.filtered(lambda invitation: invitation.state == "pending")
        pending.write({"state": "withdrawn", "answered_at": fields.Datetime.now()})
        pending.viewing_id.filtered(
            lambda viewing: viewing.state == "open" and not viewing.pending_count
        )._close()
