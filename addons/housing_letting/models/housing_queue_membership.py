import logging

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, mute_logger

from odoo.addons.housing_base.tools.dates import record_argument

from ..tools import letting
from ..tools.cron import run_alone
from ..tools.dates import queue_points, stockholm_date, stockholm_today
from .housing_letting_rules import RULES_MODEL

_logger = logging.getLogger(__name__)

MANAGER_GROUP = "housing_base.group_housing_manager"
# How many memberships the daily keep-alive run handles in one transaction.
KEEP_ALIVE_BATCH = 500
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
    queue_name = fields.Char(compute="_compute_queue_name", string="Queue name")
    state = fields.Selection(
        [("active", "Active"), ("expired", "Lapsed"), ("removed", "Removed")],
        default="active",
        required=True,
        index=True,
        readonly=True,
        tracking=True,
        help="Lapsed: not confirmed within the policy's keep-alive months; the contact cannot "
        "apply for the queue's scored listings until a housing manager restores the place "
        "(with its queue date). Removed: taken out of the queue by staff, by the policy's "
        "refusal limit or after lapsing longer than the policy's days a lapsed place can be "
        "restored; the place has no queue points, and applying again joins the queue anew, "
        "today.",
    )
    state_date = fields.Date(
        string="State since",
        default=lambda self: stockholm_today(),
        required=True,
        readonly=True,
        help="The day (Swedish time) the place became active, lapsed or was removed: a "
        "lapsed place is removed the policy's days a lapsed place can be restored later, a "
        "removed one deleted the policy's months to keep applicant data later.",
    )
    state_reason = fields.Char(
        string="Reason", readonly=True, help="Why the place lapsed, was removed or restored."
    )
    last_confirmed_at = fields.Datetime(
        string="Last confirmed",
        readonly=True,
        help="The last time the applicant confirmed the place: logged in to My pages, applied, "
        "saved their application profile or confirmed it.",
    )
    expires_at = fields.Date(
        string="Valid until",
        readonly=True,
        index=True,
        help="The place lapses after this day unless it is confirmed again (empty: it does not "
        "lapse).",
    )
    reminder_sent_at = fields.Datetime(
        readonly=True, help="When the reminder before lapsing was sent (once per period)."
    )
    refusal_ids = fields.One2many("housing.queue.refusal", "membership_id", string="Refusals")
    refusal_count = fields.Integer(
        compute="_compute_refusal_count",
        store=True,
        help="Refusals counting toward the policy's limit: not annulled, since the queue date "
        "(and since the limit was last reached) and within the policy's months a refusal "
        "counts (worked out again daily).",
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
        memberships = super().create(vals_list)
        # Joining is the first confirmation.
        memberships._set_confirmed()
        return memberships

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
        if "state" in vals and "state_date" not in vals:
            vals = {**vals, "state_date": stockholm_today()}
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

    @api.depends("refusal_ids.counted")
    def _compute_refusal_count(self):
        counts = dict(
            self.env["housing.queue.refusal"]._read_group(
                [("membership_id", "in", self.ids), ("counted", "=", True)],
                ["membership_id"],
                ["__count"],
            )
        )
        for membership in self:
            membership.refusal_count = counts.get(membership, 0)

    @api.depends("queue_start_date", "state")
    def _compute_queue_points(self):
        today = stockholm_today()
        for membership in self:
            membership.queue_points = (
                0
                if membership.state == "removed"
                else queue_points(membership.queue_start_date, today)
            )

    @api.depends("queue_type")
    @api.depends_context("lang")
    def _compute_queue_name(self):
        types = dict(self._fields["queue_type"]._description_selection(self.env))
        for membership in self:
            membership.queue_name = types.get(membership.queue_type, "")

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
        if membership.state == "removed":
            # Taken out of the queue by staff: joining again starts today.
            membership.with_context(housing_queue_correction=True).write(
                {"state": "active", "state_reason": False, "queue_start_date": stockholm_today()}
            )
            membership.message_post(
                body=self.env._("Joined the queue again: the queue date starts today."),
                message_type="notification",
            )
            membership._set_confirmed()
        return membership or self.sudo().create(
            {"partner_id": partner.id, "queue_type": queue_type}
        )

    @api.model
    def _queue_rules(self, queue_type):
        """The rules of the installed category whose listings rank by ``queue_type``
        (None: no category of this database has that queue)."""
        Listing = self.env["housing.listing"]
        for category, __ in Listing._fields["category"].selection:
            rules = self.env.get(RULES_MODEL % category)
            if rules is not None and rules._queue_type(Listing) == queue_type:
                return rules
        return None

    @api.model
    def _joinable_queues(self):
        """The queues a contact may join on their own: those of the installed
        categories, in the order of QUEUE_TYPES."""
        return [
            queue_type
            for queue_type, __ in QUEUE_TYPES
            if self._queue_rules(queue_type) is not None
        ]

    @api.model
    def _join_refusal(self, partner, queue_type):
        """Why ``partner`` may not join the queue ``queue_type`` now, as a reason code of
        the queue's category (see join_queue), or None."""
        membership = self.sudo().search(
            [("partner_id", "=", partner.id), ("queue_type", "=", queue_type)], limit=1
        )
        if membership.state == "active":
            return letting.ALREADY_IN_QUEUE
        if membership.state == "expired":
            return letting.QUEUE_MEMBERSHIP_EXPIRED
        return self._queue_rules(queue_type)._join_refusal(partner)

    @api.model
    def _join_options(self, partner):
        """{queue type: why ``partner`` may not join it (the message), or False} of the
        queues they could join on their own and have no place in (or one staff
        removed), in the order of QUEUE_TYPES: what My pages offer to join."""
        options = {}
        for queue_type in self._joinable_queues():
            refusal = self._join_refusal(partner, queue_type)
            if refusal not in (letting.ALREADY_IN_QUEUE, letting.QUEUE_MEMBERSHIP_EXPIRED):
                messages = self._queue_rules(queue_type)._refusal_messages()
                options[queue_type] = refusal and messages[refusal]
        return options

    @api.model
    def join_queue(self, partner, queue_type):
        """``partner`` joins the queue ``queue_type`` on their own (My pages, the API): a
        new place starts today, and so does one staff removed. Refused (letting.
        LettingRefusal, in the words of the queue's category) with already_in_queue when
        the contact has an active place, queue_membership_expired when it has lapsed (a
        housing manager restores it with its queue date), or the category's reason why
        the contact may not be in its queue (every category: not_identified; parking and
        storage: not_tenant). Returns the place."""
        partner = record_argument(self.env["res.partner"], partner, "partner")
        rules = self._queue_rules(queue_type)
        if rules is None:
            raise UserError(self.env._("There is no queue '%(queue)s' to join.", queue=queue_type))
        self.env["housing.application"]._check_acting_for(partner)
        # One join at a time per contact and queue; a first place is kept unique by the
        # (contact, queue) constraint.
        self._lock(partner, queue_type)
        refusal = self._join_refusal(partner, queue_type)
        if refusal:
            raise letting.LettingRefusal(rules._refusal_messages(), refusal)
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                membership = self._ensure(partner, queue_type)
        except psycopg2.errors.UniqueViolation as error:
            # The same place committed a moment ago by a concurrent join (a double click),
            # invisible to this transaction: the ordinary refusal, not a database error.
            if error.diag.constraint_name != self._partner_queue_unique.full_name(self):
                raise
            raise letting.LettingRefusal(
                rules._refusal_messages(), letting.ALREADY_IN_QUEUE
            ) from None
        return membership.with_env(self.env)

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
    def _expired_queues(self, partners):
        """{partner id: frozenset of the queues where the contact's place has lapsed} of
        ``partners`` (only those with a lapsed place), in one query."""
        self.flush_model(["partner_id", "queue_type", "state"])
        self.env.cr.execute(
            SQL(
                "SELECT partner_id, array_agg(queue_type) FROM housing_queue_membership "
                "WHERE partner_id = ANY(%s) AND state = 'expired' GROUP BY partner_id",
                list(partners.ids),
            )
        )
        return {partner_id: frozenset(queues) for partner_id, queues in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ keep-alive
    def _set_confirmed(self):
        """Record a confirmation of these places now: valid for the keep-alive months of
        their queue's policy from today (Stockholm), the reminder to be sent again."""
        now, today = fields.Datetime.now(), stockholm_today()
        Policy = self.env["housing.letting.policy"]
        for queue_type, memberships in self.grouped("queue_type").items():
            months = Policy._for_queue(queue_type).keep_alive_months
            memberships.sudo().write(
                {
                    "last_confirmed_at": now,
                    "expires_at": today + relativedelta(months=months) if months else False,
                    "reminder_sent_at": False,
                }
            )

    @api.model
    def _confirm(self, partner, queue_type=None):
        """``partner`` shows they still want their queue places (keep-alive): their active
        places in ``queue_type``, or in every queue when None, are valid again for the
        keep-alive months of the queue's policy from today.

        The engine calls it on a portal login, on an application and from
        action_confirm_place (the "Confirm queue place" of My pages and the API); a
        category calls it when its applicants show they are still looking (homes: saving
        the application profile). Lapsed and removed places are not revived: a housing
        manager restores a lapsed one (action_restore). Cheap: one query, and a write at
        most once a day per place. Returns the contact's active places confirmed."""
        domain = [("partner_id", "=", partner.id), ("state", "=", "active")]
        if queue_type:
            domain.append(("queue_type", "=", queue_type))
        memberships = self.sudo().search(domain)
        today = stockholm_today()
        memberships.filtered(
            lambda membership: (
                not membership.last_confirmed_at
                or stockholm_date(membership.last_confirmed_at) < today
            )
        )._set_confirmed()
        return memberships

    @api.model
    def _confirm_at_login(self, partner):
        """_confirm at a login: a place that another transaction is changing at that very
        moment is left for the next login (a login never fails for it)."""
        try:
            with self.env.cr.savepoint():
                self._confirm(partner)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
            _logger.info("Queue places of %s not confirmed at login (%s).", partner.id, error)

    def action_confirm_place(self):
        """The applicant confirms these queue places (the "Confirm queue place" button of
        My pages, the API): valid again for the keep-alive months from today. A lapsed or
        removed place cannot be confirmed."""
        self.check_access("read")
        for membership in self:
            self.env["housing.application"]._check_acting_for(membership.partner_id)
        if self.filtered(lambda membership: membership.state != "active"):
            raise UserError(
                self.env._(
                    "This queue place has lapsed or been removed and can no longer be "
                    "confirmed. Please contact customer service to have it restored."
                )
            )
        self.sudo()._set_confirmed()
        return True

    def _check_manager(self):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(
                self.env._("Only housing managers restore or remove queue places, with a reason.")
            )

    @api.model
    def _required_reason(self, reason):
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(self.env._("Give the reason."))
        return reason

    def action_restore(self, reason):
        """A housing manager restores lapsed or removed places with their original queue
        date (e.g. the reminder never reached the applicant); the reason goes to the
        chatter. The place counts as confirmed today."""
        self._check_manager()
        reason = self._required_reason(reason)
        if self.filtered(lambda membership: membership.state == "active"):
            raise UserError(self.env._("Only lapsed or removed queue places can be restored."))
        for membership in self.sudo():
            membership.write({"state": "active", "state_reason": reason})
            membership.message_post(
                body=self.env._(
                    "Queue place restored with its queue date %(date)s: %(reason)s",
                    date=fields.Date.to_string(membership.queue_start_date),
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.sudo()._set_confirmed()
        return True

    def action_remove(self, reason):
        """A housing manager takes these places out of the queue (e.g. at the applicant's
        request), with a reason in the chatter. Applying again joins the queue today."""
        self._check_manager()
        reason = self._required_reason(reason)
        for membership in self.sudo().filtered(lambda membership: membership.state != "removed"):
            membership.write({"state": "removed", "state_reason": reason})
            membership.message_post(
                body=self.env._("Removed from the queue: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @api.model
    def _cron_keep_alive(self):
        """Daily (the Stockholm day): e-mail a reminder, once, to the places that lapse
        within the policy's reminder days, lapse the places not confirmed in time (with an
        e-mail), remove the places lapsed longer than the policy's days a lapsed place can
        be restored, and count again the refusals of places whose refusals may have left
        the policy's window.

        Run by the scheduler, each batch of places is a transaction of its own: a batch
        that conflicts with an applicant confirming at that moment is retried, and never
        undoes the batches done before it. Called otherwise (tests), the run is one
        transaction."""
        today = stockholm_today()
        steps = []
        for queue_type, __ in QUEUE_TYPES:
            for step, memberships in self._keep_alive_due(queue_type, today).items():
                ids = memberships.ids
                steps += [
                    (step, ids[start : start + KEEP_ALIVE_BATCH])
                    for start in range(0, len(ids), KEEP_ALIVE_BATCH)
                ]
        if not self.env.context.get("cron_id"):
            for step, ids in steps:
                self.browse(ids)._keep_alive_step(step, today)
            return
        self.env["ir.cron"]._commit_progress(remaining=sum(len(ids) for __, ids in steps))
        for step, ids in steps:
            batch = self.browse(ids)
            if not run_alone(
                self.env,
                lambda batch=batch, step=step: batch._keep_alive_step(step, today),
                f"Keep-alive {step} of {len(ids)} queue places from {ids[0]}",
                len(ids),
            ):
                break  # out of time: the scheduler runs the cron again soon for the rest

    @api.model
    def _keep_alive_due(self, queue_type, today):
        """{step: places of ``queue_type`` due for it on ``today``} by the queue's policy,
        in the order of the daily run (see _keep_alive_step)."""
        policy = self.env["housing.letting.policy"]._for_queue(queue_type)
        due = {}
        if policy.keep_alive_months:
            base = [
                ("queue_type", "=", queue_type),
                ("state", "=", "active"),
                ("expires_at", "!=", False),
            ]
            reminder_until = today + relativedelta(days=policy.keep_alive_reminder_days)
            due["remind"] = self.search(
                [
                    *base,
                    ("reminder_sent_at", "=", False),
                    ("expires_at", ">=", today),
                    ("expires_at", "<=", reminder_until),
                ],
                order="id",
            )
            due["lapse"] = self.search([*base, ("expires_at", "<", today)], order="id")
        if policy.keep_alive_grace_days:
            due["remove"] = self.search(
                [
                    ("queue_type", "=", queue_type),
                    ("state", "=", "expired"),
                    ("state_date", "<", today - relativedelta(days=policy.keep_alive_grace_days)),
                ],
                order="id",
            )
        window_start = policy._refusal_window_start(today)
        if window_start:
            due["recount"] = self.search(
                [
                    ("queue_type", "=", queue_type),
                    (
                        "refusal_ids",
                        "any",
                        [("counted", "=", True), ("date", "<=", window_start)],
                    ),
                ],
                order="id",
            )
        return {step: memberships for step, memberships in due.items() if memberships}

    def _keep_alive_step(self, step, today):
        """Do ``step`` of the daily run on these places, locked and read again first (a
        place confirmed or restored since the run began is left alone): remind, lapse,
        remove (lapsed too long) or recount (their refusals)."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM housing_queue_membership WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                list(self.ids),
            )
        )
        self.invalidate_recordset()
        self.refusal_ids.invalidate_recordset()
        if step == "recount":
            self.refusal_ids.filtered("counted")._recount()
            return
        if step == "remove":
            self._remove_lapsed(today)
            return
        memberships = self.filtered(
            lambda membership: membership.state == "active" and membership.expires_at
        )
        Policy = self.env["housing.letting.policy"]
        if step == "remind":
            memberships = memberships.filtered(
                lambda membership: (
                    not membership.reminder_sent_at and membership.expires_at >= today
                )
            )
            for queue_type, batch in memberships.grouped("queue_type").items():
                Policy._for_queue(queue_type)._send("keep_alive_reminder_template_id", batch)
            memberships.write({"reminder_sent_at": fields.Datetime.now()})
            return
        memberships = memberships.filtered(lambda membership: membership.expires_at < today)
        for membership in memberships:
            reason = self.env._(
                "Not confirmed since %(date)s",
                date=fields.Date.to_string(
                    stockholm_date(membership.last_confirmed_at)
                    if membership.last_confirmed_at
                    else membership.queue_start_date
                ),
            )
            membership.write({"state": "expired", "state_reason": reason})
            membership.message_post(
                body=self.env._(
                    "The queue place lapsed: %(reason)s. A housing manager can restore it "
                    "with its queue date.",
                    reason=reason,
                ),
                message_type="notification",
            )
        for queue_type, batch in memberships.grouped("queue_type").items():
            Policy._for_queue(queue_type)._send("keep_alive_lapsed_template_id", batch)

    def _remove_lapsed(self, today):
        """Remove these places that are still lapsed, lapsed longer than their policy's
        days a lapsed place can be restored on ``today``."""
        Policy = self.env["housing.letting.policy"]
        for membership in self.filtered(lambda membership: membership.state == "expired"):
            days = Policy._for_queue(membership.queue_type).keep_alive_grace_days
            if not days or membership.state_date >= today - relativedelta(days=days):
                continue
            reason = self.env._(
                "Lapsed on %(date)s and not restored within %(days)s days",
                date=fields.Date.to_string(membership.state_date),
                days=days,
            )
            membership.write({"state": "removed", "state_reason": reason})
            membership.message_post(
                body=self.env._(
                    "Removed from the queue: %(reason)s. The place has no queue points; "
                    "applying again joins the queue anew, today.",
                    reason=reason,
                ),
                message_type="notification",
            )

    @api.model
    def _delete_removed(self, queue_types, cutoff):
        """Delete the places of ``queue_types`` removed before ``cutoff`` (retention),
        with their refusals, messages and e-mails. Returns how many."""
        memberships = self.sudo().search(
            [
                ("queue_type", "in", queue_types),
                ("state", "=", "removed"),
                ("state_date", "<", cutoff),
            ]
        )
        count = len(memberships)
        # mail.thread deletes their messages (and so their e-mails) too.
        memberships.unlink()
        return count

    # ------------------------------------------------------------------ refusals
    @api.model
    def _count_refusal(self, application, kind):
        """Count a refusal of ``kind`` (housing.queue.refusal) by ``application``'s contact
        on their place in the queue of its listing, when the listing's policy counts
        refusals (an unanswered invitation or offer only if it counts those too). The
        refusals counted are those of the policy's window (worked out again now); at the
        policy's limit its consequence follows (_refusal_limit_reached). Returns the
        refusal (empty when not counted)."""
        Refusal = self.env["housing.queue.refusal"].sudo()
        listing = application.listing_id
        policy = listing._policy()
        queue_type = listing.rule == "scored" and listing._queue_type()
        if not (policy.count_refusals and queue_type):
            return Refusal
        if kind != "offer_declined" and not policy.unanswered_counts_as_refusal:
            return Refusal
        membership = self.search(
            [("partner_id", "=", application.partner_id.id), ("queue_type", "=", queue_type)]
        )
        if membership.state == "removed":
            return Refusal  # no place left to count on (joining again is applying)
        membership = membership or self._ensure(application.partner_id, queue_type)
        # The window moves with today: earlier refusals may have left it since the
        # daily run.
        membership.refusal_ids._recount()
        refusal = Refusal.create(
            {
                "membership_id": membership.id,
                "listing_id": listing.id,
                "kind": kind,
                "date": stockholm_today(),
            }
        )
        membership.message_post(
            body=self.env._(
                "Refusal %(count)s of %(limit)s: %(kind)s (%(listing)s).",
                count=membership.refusal_count,
                limit=policy.refusal_limit,
                kind=dict(Refusal._fields["kind"]._description_selection(self.env))[kind],
                listing=listing.display_name,
            ),
            message_type="notification",
        )
        if membership.refusal_count >= policy.refusal_limit:
            membership._refusal_limit_reached(policy)
        return refusal

    def _refusal_limit_reached(self, policy):
        """The refusals reached the policy's limit: by its consequence, the queue date
        starts again today, or the place is removed from the queue; counting starts again
        either way. A message and the consequence's e-mail."""
        self.ensure_one()
        today = stockholm_today()
        count = self.refusal_count
        self.refusal_ids.filtered("counted").write({"reset_on": today})
        if policy.refusal_consequence == "remove":
            reason = self.env._("%(count)s refusals", count=count)
            self.write({"state": "removed", "state_reason": reason})
            self.message_post(
                body=self.env._(
                    "%(count)s refusals: removed from the queue. Applying again joins the "
                    "queue anew, today.",
                    count=count,
                ),
                message_type="notification",
            )
            policy._send("refusal_removed_template_id", self)
            return
        old = self.queue_start_date
        self.with_context(housing_queue_correction=True).queue_start_date = today
        self.message_post(
            body=self.env._(
                "%(count)s refusals: the queue date starts again today (it was %(old)s).",
                count=count,
                old=fields.Date.to_string(old),
            ),
            message_type="notification",
        )
        policy._send("refusal_reset_template_id", self)
