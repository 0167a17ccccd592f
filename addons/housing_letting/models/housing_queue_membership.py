from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from ..tools.dates import queue_points, stockholm_today

MANAGER_GROUP = "housing_base.group_housing_manager"
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
        readonly=True,
        tracking=True,
        help="Queue points count from this day; accepting an offer resets it to that day. "
        "Moving it is a housing manager's correction with a reason (Correct queue start).",
    )
    queue_points = fields.Integer(
        compute="_compute_queue_points", help="Days in the queue since the start date."
    )

    _partner_queue_unique = models.Constraint(
        "UNIQUE(partner_id, queue_type)", "The contact is already in this queue."
    )

    @api.model_create_multi
    def create(self, vals_list):
        """Joining a queue starts today; an earlier or later start is a correction."""
        today = stockholm_today()
        if any(
            fields.Date.to_date(vals.get("queue_start_date") or today) != today
            for vals in vals_list
        ):
            self._check_correction_right()
        return super().create(vals_list)

    def write(self, vals):
        if "queue_start_date" in vals and not self.env.context.get("housing_queue_correction"):
            self._check_correction_right()
            if not self.env.su:
                raise AccessError(
                    self.env._(
                        "Move a queue start date with Correct queue start, which asks for "
                        "the reason and logs it."
                    )
                )
        return super().write(vals)

    def _check_correction_right(self):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(
                self.env._(
                    "Only housing managers move a queue start date (queue points come "
                    "from it), with a reason."
                )
            )

    def correct_queue_start(self, queue_start_date, reason):
        """A housing manager moves the queue start date (e.g. an application that was
        never registered); the reason and the old and new dates go to the chatter."""
        self._check_correction_right()
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(self.env._("Give the reason for moving the queue start date."))
        new_date = fields.Date.to_date(queue_start_date)
        for membership in self:
            old_date = membership.queue_start_date
            membership.with_context(housing_queue_correction=True).queue_start_date = new_date
            membership.message_post(
                body=self.env._(
                    "Queue start moved from %(old)s to %(new)s: %(reason)s",
                    old=fields.Date.to_string(old_date),
                    new=fields.Date.to_string(new_date),
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

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
        membership.with_context(housing_queue_correction=True).queue_start_date = day

    @api.model
    def _start_dates(self, partners, queue_type):
        """{partner id: queue start date} in ``queue_type``, in one query (in SQL: a
        ranking reads tens of thousands, records would cost more than the query)."""
        self.flush_model(["partner_id", "queue_type", "queue_start_date"])
        self.env.cr.execute(
            SQL(
                "SELECT partner_id, queue_start_date FROM housing_queue_membership "
                "WHERE partner_id = ANY(%s) AND queue_type = %s",
                list(partners.ids),
                queue_type,
            )
        )
        return dict(self.env.cr.fetchall())
