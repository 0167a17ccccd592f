from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.dates import queue_points, stockholm_today

QUEUE_TYPES = [
    ("parking_internal", "Parking (internal, scored)"),
    ("parking_external", "Parking (external)"),
    ("housing", "Housing"),
    ("storage", "Storage"),
]


class HousingQueueMembership(models.Model):
    """A contact's place in one queue: the queue points are the days since the start date."""

    _name = "housing.queue.membership"
    _inherit = ["mail.thread"]
    _description = "Queue membership"
    _order = "queue_type, queue_start_date, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="cascade"
    )
    queue_type = fields.Selection(QUEUE_TYPES, required=True, default="parking_internal")
    queue_start_date = fields.Date(
        required=True,
        default=lambda self: stockholm_today(),
        tracking=True,
        help="Queue points count from this day; accepting an offer resets it to that day.",
    )
    queue_points = fields.Integer(
        compute="_compute_queue_points", help="Days in the queue since the start date."
    )

    _partner_queue_unique = models.Constraint(
        "UNIQUE(partner_id, queue_type)", "The contact is already in this queue."
    )

    @api.depends("queue_start_date")
    def _compute_queue_points(self):
        today = stockholm_today()
        for membership in self:
            membership.queue_points = queue_points(membership.queue_start_date, today)

    @api.depends("partner_id", "queue_type")
    def _compute_display_name(self):
        types = dict(self._fields["queue_type"]._description_selection(self.env))
        for membership in self:
            membership.display_name = (
                f"{membership.partner_id.display_name} ({types.get(membership.queue_type, '')})"
            )

    @api.model
    def _ensure(self, partner, queue_type):
        """The membership of ``partner`` in ``queue_type``, joining the queue today if the
        contact is not in it yet."""
        membership = self.sudo().search(
            [("partner_id", "=", partner.id), ("queue_type", "=", queue_type)], limit=1
        )
        return membership or self.sudo().create(
            {"partner_id": partner.id, "queue_type": queue_type}
        )

    @api.model
    def _lock(self, partner, queue_type):
        """Lock the contact's membership row (if any) until the end of the transaction, so
        that one contact's answers to offers are handled one after the other."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM housing_queue_membership WHERE partner_id = %s "
                "AND queue_type = %s FOR UPDATE",
                partner.id,
                queue_type,
            )
        )

    @api.model
    def _restart(self, partner, queue_type, day):
        """Reset the contact's queue start date in ``queue_type`` to ``day`` (queue points
        back to zero), e.g. when they accept an offer."""
        membership = self._ensure(partner, queue_type)
        membership.queue_start_date = day

    @api.model
    def _start_dates(self, partners, queue_type="parking_internal"):
        """{partner id: queue start date} in ``queue_type``, in one query."""
        memberships = self.sudo().search_fetch(
            [("partner_id", "in", partners.ids), ("queue_type", "=", queue_type)],
            ["partner_id", "queue_start_date"],
        )
        return {m.partner_id.id: m.queue_start_date for m in memberships}
