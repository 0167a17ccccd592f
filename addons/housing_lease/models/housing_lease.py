from collections import Counter
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.housing_base.tools.dates import date_argument, stockholm_today

from .housing_lease_notice_rule import LEASE_TYPES

ACTIVE_STATES = ("upcoming", "current", "notice")
# Staff are reminded this long before the last day for notice on a fixed-term lease that
# would otherwise continue until further notice (Jordabalken 12 kap. 3 §).
NOTICE_REMINDER_DAYS = 30


class HousingLease(models.Model):
    _name = "housing.lease"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Lease"
    _order = "date_start desc, id desc"

    name = fields.Char(
        string="Lease number",
        readonly=True,
        copy=False,
        index=True,
        default="/",
        help="Rental object code followed by /NN.",
    )
    lease_type = fields.Selection(
        LEASE_TYPES,
        string="Type",
        required=True,
        tracking=True,
        compute="_compute_lease_type",
        store=True,
        readonly=False,
        precompute=True,
    )
    rental_object_id = fields.Many2one(
        "housing.rental.object", required=True, index=True, ondelete="restrict", tracking=True
    )
    rental_object_code = fields.Char(related="rental_object_id.code", string="Object code")
    property_id = fields.Many2one(related="rental_object_id.property_id", store=True, index=True)
    residential_area_id = fields.Many2one(
        related="rental_object_id.residential_area_id", store=True, index=True
    )
    company_id = fields.Many2one(related="rental_object_id.company_id", store=True)
    currency_id = fields.Many2one(related="rental_object_id.currency_id")
    tenant_line_ids = fields.One2many(
        "housing.lease.tenant", "lease_id", string="Tenants", copy=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Main tenant", compute="_compute_partners", store=True, index=True
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "housing_lease_res_partner_rel",
        "housing_lease_id",
        "res_partner_id",
        string="All tenants",
        compute="_compute_partners",
        store=True,
    )
    has_protected_tenant = fields.Boolean(
        compute="_compute_has_protected_tenant",
        store=True,
        index=True,
        help="A tenant has a protected identity: only staff with the Protected identities "
        "privilege (and the tenants themselves) see this lease.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("upcoming", "Upcoming"),
            ("current", "Current"),
            ("notice", "Notice given"),
            ("ended", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    contract_date = fields.Date(default=stockholm_today, tracking=True)
    date_start = fields.Date(string="Start date", required=True, tracking=True)
    date_end = fields.Date(string="End date", tracking=True, help="Only for fixed-term leases.")
    date_stop = fields.Date(
        string="Last day",
        compute="_compute_date_stop",
        store=True,
        index=True,
        help="Termination date after notice, otherwise the end date; empty while the lease "
        "runs until further notice.",
    )
    needs_notice = fields.Boolean(
        string="Ends only by notice",
        compute="_compute_notice_due_date",
        help="A fixed-term lease that lasts longer than its type's limit (nine months for "
        "residences, Jordabalken 12 kap. 3 §) must be terminated by notice; without notice "
        "it continues until further notice after its end date.",
    )
    notice_due_date = fields.Date(
        string="Notice due by",
        compute="_compute_notice_due_date",
        help="Last day to give notice for the lease to end on its end date.",
    )
    notice_reminder_date = fields.Date(
        readonly=True, copy=False, help="When staff were reminded that notice is due."
    )
    notice_given_by = fields.Selection(
        [("tenant", "Tenant"), ("landlord", "Landlord")], tracking=True, copy=False
    )
    notice_date = fields.Date(tracking=True, copy=False)
    preferred_move_out_date = fields.Date(copy=False)
    termination_date = fields.Date(tracking=True, copy=False)
    notice_override_reason = fields.Char(
        copy=False, help="Why the termination date is earlier than the notice rule allows."
    )
    rent_line_ids = fields.One2many("housing.lease.rent.line", "lease_id", copy=True)
    current_rent = fields.Monetary(
        string="Rent",
        compute="_compute_current_rent",
        help="Monthly rent today, or from the start date for a lease that has not started.",
    )

    _name_unique = models.Constraint("UNIQUE(name)", "The lease number must be unique.")
    _dates_ordered = models.Constraint(
        "CHECK(date_end IS NULL OR date_end >= date_start)",
        "A lease cannot end before it starts.",
    )
    _no_overlap = models.Constraint(
        "EXCLUDE USING gist (rental_object_id WITH =, "
        "daterange(date_start, date_stop, '[]') WITH &&) "
        "WHERE (state NOT IN ('draft', 'cancelled'))",
        "Another lease already covers this rental object on these dates.",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("rental_object_id")
    def _compute_lease_type(self):
        """Follow the rental object: its type, or garage for a garage parking space."""
        for lease in self:
            obj = lease.rental_object_id
            if obj.parking_type == "garage":
                lease.lease_type = "garage"
            elif obj:
                lease.lease_type = obj.object_type
            else:
                lease.lease_type = lease.lease_type

    @api.depends("tenant_line_ids.partner_id", "tenant_line_ids.role")
    def _compute_partners(self):
        for lease in self:
            lines = lease.tenant_line_ids
            lease.partner_ids = lines.partner_id
            lease.partner_id = lines.filtered(lambda line: line.role == "main")[:1].partner_id

    @api.onchange("tenant_line_ids")
    def _onchange_tenant_line_ids(self):
        """In the form, a tenant added next to the main tenant is a co-tenant (the line's
        own default cannot see the lines not saved yet): one main tenant, the earliest."""
        mains = self.tenant_line_ids.filtered(lambda line: line.role == "main")
        keep = (mains.filtered(lambda line: line._origin) or mains)[:1]
        (mains - keep).role = "co"

    @api.depends("partner_ids.protected_identity")
    def _compute_has_protected_tenant(self):
        for lease in self:
            lease.has_protected_tenant = any(lease.partner_ids.mapped("protected_identity"))

    @api.depends("termination_date", "date_end")
    def _compute_date_stop(self):
        for lease in self:
            lease.date_stop = lease.termination_date or lease.date_end

    @api.depends("lease_type", "date_start", "date_end")
    def _compute_notice_due_date(self):
        rules = {rule.lease_type: rule for rule in self.env["housing.lease.notice.rule"].search([])}
        for lease in self:
            rule = rules.get(lease.lease_type)
            limit = rule.fixed_term_limit_months if rule else 0
            lease.needs_notice = bool(
                limit
                and lease.date_start
                and lease.date_end
                and lease.date_end >= lease.date_start + relativedelta(months=limit)
            )
            lease.notice_due_date = lease.needs_notice and (
                lease.date_end - relativedelta(months=rule.notice_months)
            )

    @api.depends(
        "date_start", "rent_line_ids.amount", "rent_line_ids.date_from", "rent_line_ids.date_to"
    )
    def _compute_current_rent(self):
        today = stockholm_today()
        for lease in self:
            lease.current_rent = lease.rent_on(max(today, lease.date_start or today))

    def _compute_display_name(self):
        for lease in self:
            lease.display_name = " - ".join(filter(None, (lease.name, lease.partner_id.name)))

    # ------------------------------------------------------------------ create
    @api.model
    def _search(self, domain, *args, **kwargs):
        # Odoo 19 flushes the fields a search's SQL names, but not a stored computed
        # many2many (its condition reads the relation table directly): without this, a
        # lease whose tenants changed in this transaction is not found by them.
        self.flush_model(["partner_ids"])
        return super()._search(domain, *args, **kwargs)

    @api.model_create_multi
    def create(self, vals_list):
        to_number = [
            vals
            for vals in vals_list
            if vals.get("rental_object_id") and vals.get("name", "/") == "/"
        ]
        numbers = self._reserve_numbers([vals["rental_object_id"] for vals in to_number])
        for vals, number in zip(to_number, numbers, strict=True):
            vals["name"] = number
        return super().create(vals_list)

    def write(self, vals):
        moved = self.browse()
        if vals.get("rental_object_id"):
            moved = self.filtered(
                lambda lease: lease.rental_object_id.id != vals["rental_object_id"]
            )
            if any(lease.state != "draft" for lease in moved):
                raise UserError(
                    self.env._("Only the rental object of a draft lease can be changed.")
                )
        result = super().write(vals)
        numbers = self._reserve_numbers([vals.get("rental_object_id")] * len(moved))
        for lease, number in zip(moved, numbers, strict=True):
            lease.name = number
        return result

    def _reserve_numbers(self, object_ids):
        """Next lease numbers (rental object code + '/NN') for a list of rental object ids,
        one number per entry, in order.

        Each object's counter is incremented with an UPDATE: a concurrent transaction that
        numbers a lease on the same object waits for this one and then fails with a
        serialization error (which Odoo retries), so two leases never share a number.
        """
        if not object_ids:
            return []
        counts = Counter(object_ids)
        objects = self.env["housing.rental.object"].browse(counts)
        objects.flush_recordset(["code", "lease_sequence"])
        rows = self.env.execute_query(
            SQL(
                """
                UPDATE housing_rental_object AS obj
                   SET lease_sequence = COALESCE(obj.lease_sequence, 0) + todo.n
                  FROM unnest(%s::int[], %s::int[]) AS todo(id, n)
                 WHERE obj.id = todo.id
             RETURNING obj.id, obj.code, obj.lease_sequence
                """,
                list(counts),
                list(counts.values()),
            )
        )
        objects.invalidate_recordset(["lease_sequence"])
        last_used = {object_id: (code, last - counts[object_id]) for object_id, code, last in rows}
        numbers = []
        for object_id in object_ids:
            code, last = last_used[object_id]
            last_used[object_id] = (code, last + 1)
            numbers.append(f"{code}/{last + 1:02d}")
        return numbers

    # ------------------------------------------------------------------ constraints
    @api.constrains("tenant_line_ids", "state")
    def _check_main_tenant(self):
        for lease in self:
            if (
                lease.state != "cancelled"
                and len(lease.tenant_line_ids.filtered(lambda line: line.role == "main")) != 1
            ):
                raise ValidationError(
                    self.env._(
                        "Lease %(lease)s must have exactly one main tenant.", lease=lease.name
                    )
                )

    def _ensure_no_overlap(self, ignore_notice=False):
        """Refuse, naming the lease in the way, to activate leases that overlap another.

        With ``ignore_notice`` the leases are checked as if they ran to their end date (for
        withdrawing a notice). The exclusion constraint in PostgreSQL enforces the same under
        concurrency."""
        for lease in self:
            date_stop = lease.date_end if ignore_notice else lease.date_stop
            other = self.search(lease._overlapping_domain(date_stop), limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "%(object)s is already let under lease %(other)s from %(start)s: "
                        "two leases cannot cover the same rental object on the same dates.",
                        object=lease.rental_object_id.code,
                        other=other.name,
                        start=other.date_start,
                    )
                )

    def _overlapping_domain(self, date_stop):
        """Other active or past leases of the object that overlap this lease's start and
        ``date_stop`` (empty: open-ended)."""
        self.ensure_one()
        domain = (
            Domain("rental_object_id", "=", self.rental_object_id.id)
            & Domain("id", "!=", self.id)
            & Domain("state", "not in", ("draft", "cancelled"))
            & (Domain("date_stop", "=", False) | Domain("date_stop", ">=", self.date_start))
        )
        if date_stop:
            domain &= Domain("date_start", "<=", date_stop)
        return domain

    # ------------------------------------------------------------------ rent
    def rent_on(self, date):
        """Monthly rent on ``date`` (a date or 'YYYY-MM-DD'): the sum of the rent lines
        valid that day."""
        self.ensure_one()
        date = date_argument(self.env, date, "date")
        return sum(
            self.rent_line_ids.filtered(lambda line: line._is_valid_on(date)).mapped("amount")
        )

    def _get_contract_lang(self):
        """Language of the contract PDF: Swedish (a Swedish lease is a Swedish document)
        when the language is active, otherwise the main tenant's language."""
        self.ensure_one()
        return self.env["res.lang"]._get_code("sv_SE") or self.partner_id.lang or self.env.lang

    # ------------------------------------------------------------------ states
    def action_confirm(self):
        today = stockholm_today()
        if any(lease.state != "draft" for lease in self):
            raise UserError(self.env._("Only draft leases can be confirmed."))
        blocked = self.filtered(
            lambda lease: lease.rental_object_id._is_blocked_on(lease.date_start)
        )
        if blocked:
            raise UserError(
                self.env._(
                    "%(object)s is blocked from letting on %(date)s.",
                    object=blocked[0].rental_object_id.code,
                    date=blocked[0].date_start,
                )
            )
        self._ensure_no_overlap()
        missing_rent = self.filtered(lambda lease: not lease.rent_line_ids)
        self.env["housing.lease.rent.line"].create(
            [
                {
                    "lease_id": lease.id,
                    "kind": "parking" if lease.lease_type in ("parking", "garage") else "base",
                    # In the contract's language, like the contract that lists the line.
                    "name": lease.with_context(lang=lease._get_contract_lang()).env._("Base rent"),
                    "amount": lease.rental_object_id.base_rent,
                    "date_from": lease.date_start,
                }
                for lease in missing_rent
            ]
        )
        started = self.filtered(lambda lease: lease.date_start <= today)
        started.state = "current"
        (self - started).state = "upcoming"
        self._update_states(today)
        return True

    def action_cancel(self):
        if any(lease.state not in ("draft", "upcoming") for lease in self):
            raise UserError(
                self.env._("Only draft and upcoming leases can be cancelled; give notice instead.")
            )
        self.state = "cancelled"
        return True

    def action_view_rental_object(self):
        self.ensure_one()
        return self.rental_object_id._get_records_action()

    def action_open_notice_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Give notice"),
            "res_model": "housing.lease.notice.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lease_id": self.id},
        }

    def _update_states(self, today):
        """Move leases along their life cycle on ``today``."""
        self.filtered(
            lambda lease: lease.state == "upcoming" and lease.date_start <= today
        ).state = "current"
        self.filtered(
            lambda lease: (
                lease.state in ("current", "notice") and lease.date_stop and lease.date_stop < today
            )
        ).state = "ended"

    def _continue_until_further_notice(self):
        """Jordabalken 12 kap. 3 §: no notice was given on these fixed-term leases, so they
        run on until further notice from their end date. A lease whose rental object is
        already let to someone else from then on is left for staff to resolve; those
        leases are returned."""
        activity_type = self.env.ref("housing_lease.mail_activity_type_notice_due")
        held = self.browse()
        for lease in self:
            other = self.search(lease._overlapping_domain(False), limit=1)
            if other:
                held |= lease
                if activity_type in lease.activity_ids.activity_type_id:
                    continue  # staff already know
                lease._schedule_notice_activity(
                    lease.date_end,
                    self.env._(
                        "No notice was given, so under Jordabalken 12 kap. 3 § lease "
                        "%(lease)s continues after its end date %(end)s, but %(object)s is "
                        "let under lease %(other)s from %(start)s. Agree on the move-out "
                        "with the tenant or register the notice.",
                        lease=lease.name,
                        end=lease.date_end,
                        object=lease.rental_object_id.code,
                        other=other.name,
                        start=other.date_start,
                    ),
                )
                continue
            end = lease.date_end
            lease.date_end = False
            lease.message_post(
                body=self.env._(
                    "No notice was given before the end date %(end)s: under Jordabalken 12 "
                    "kap. 3 § the lease continues until further notice.",
                    end=end,
                )
            )
        return held

    def _schedule_notice_activity(
        self, deadline, note, activity_type="housing_lease.mail_activity_type_notice_due"
    ):
        """A notice activity (by default 'notice due') for the staff member who registered
        the lease; unassigned when that is no active staff member."""
        self.ensure_one()
        user = self.create_uid
        assignee = {"user_id": user.id if user.active and not user.share else False}
        self.activity_schedule(
            activity_type,
            date_deadline=deadline,
            note=note,
            **assignee,
        )

    def _remind_notice_due(self, today):
        """Remind staff, once per lease, NOTICE_REMINDER_DAYS before the last day for
        notice on fixed-term leases that would otherwise continue until further notice."""
        horizon = today + timedelta(days=NOTICE_REMINDER_DAYS)
        for lease in self.filtered(
            lambda lease: (
                lease.state in ("upcoming", "current")
                and not lease.notice_reminder_date
                and lease.needs_notice
                and lease.notice_due_date <= horizon
            )
        ):
            lease._schedule_notice_activity(
                lease.notice_due_date,
                self.env._(
                    "Lease %(lease)s is fixed-term until %(end)s and has lasted more than nine "
                    "months: unless notice is given by %(due)s it continues until further "
                    "notice (Jordabalken 12 kap. 3 §).",
                    lease=lease.name,
                    end=lease.date_end,
                    due=lease.notice_due_date,
                ),
            )
            lease.notice_reminder_date = today

    @api.model
    def _cron_update_states(self):
        """Daily: move leases along their life cycle, let fixed-term leases without the
        notice they need run on, and remind staff of notice due on fixed-term leases."""
        today = stockholm_today()
        leases = self.search(
            Domain("state", "=", "upcoming") & Domain("date_start", "<=", today)
            | Domain("state", "in", ("current", "notice")) & Domain("date_stop", "<", today)
        )
        # A fixed-term lease that ends only by notice and got none runs on instead of
        # ending (a lease registered after it ended is taken to have ended rightly).
        continuing = leases.filtered(
            lambda lease: (
                lease.state in ("upcoming", "current")
                and lease.date_end
                and lease.date_end < today
                and lease.needs_notice
            )
        )
        held = continuing._continue_until_further_notice()
        held.state = "current"
        (leases - held)._update_states(today)
        self.search(
            Domain("state", "in", ("upcoming", "current"))
            & Domain("date_end", ">=", today)
            & Domain("notice_reminder_date", "=", False)
        )._remind_notice_due(today)

    # ------------------------------------------------------------------ notice
    def _notice_rule(self):
        self.ensure_one()
        rule = self.env["housing.lease.notice.rule"].search(
            [("lease_type", "=", self.lease_type)], limit=1
        )
        if not rule:
            raise UserError(
                self.env._(
                    "No notice rule is configured for the lease type of %(lease)s.", lease=self.name
                )
            )
        return rule

    def get_earliest_termination_date(self, notice_date):
        """Earliest termination for a notice given on ``notice_date`` under the lease type's
        notice rule; never before the start of the lease, and a fixed-term lease ends on its
        end date at the latest - unless it ends only by notice and the notice comes after
        the last day for it: then it runs on and the notice period counts from the notice
        (Jordabalken 12 kap. 3 §). ``notice_date``: a date or 'YYYY-MM-DD'."""
        self.ensure_one()
        notice_date = date_argument(self.env, notice_date, "notice_date")
        termination = self._notice_rule()._termination_date(notice_date)
        if self.date_end and not self._notice_is_late(notice_date):
            termination = min(termination, self.date_end)
        return max(termination, self.date_start)

    def _notice_is_late(self, notice_date):
        """A notice after the last day for it on a lease that ends only by notice."""
        self.ensure_one()
        return self.needs_notice and notice_date > self.notice_due_date

    def _get_notice_termination_date(
        self, notice_date, preferred_move_out_date=None, termination_date=None
    ):
        """The termination date give_notice sets for these arguments (dates), or the
        UserError it raises about the lease and the dates; shown to a tenant before they
        confirm their notice."""
        self.ensure_one()
        if self.state not in ("upcoming", "current"):
            raise UserError(self.env._("Notice can only be given on an upcoming or current lease."))
        earliest = self.get_earliest_termination_date(notice_date)
        termination = termination_date or max(earliest, preferred_move_out_date or earliest)
        if termination < self.date_start:
            raise UserError(self.env._("A lease cannot end before it starts."))
        if self.date_end and termination > self.date_end and not self._notice_is_late(notice_date):
            raise UserError(
                self.env._(
                    "Lease %(lease)s ends on %(date)s at the latest (its end date).",
                    lease=self.name,
                    date=self.date_end,
                )
            )
        return termination

    def give_notice(
        self,
        notice_date,
        given_by="tenant",
        preferred_move_out_date=None,
        termination_date=None,
        override_reason=None,
    ):
        """Record a notice (uppsägning) and set the termination date, which is returned.

        Without an explicit ``termination_date`` the lease ends on the preferred move-out
        date or the earliest date the notice rule allows, whichever is later. A termination
        date earlier than the rule allows needs the housing manager group and an
        ``override_reason``. The daily cron ends the lease after the termination date.
        Dates may be given as 'YYYY-MM-DD' (JSON-2).
        """
        self.ensure_one()
        notice_date = date_argument(self.env, notice_date, "notice_date")
        preferred_move_out_date = date_argument(
            self.env, preferred_move_out_date, "preferred_move_out_date"
        )
        termination_date = date_argument(self.env, termination_date, "termination_date")
        termination = self._get_notice_termination_date(
            notice_date, preferred_move_out_date, termination_date
        )
        earliest = self.get_earliest_termination_date(notice_date)
        is_override = termination < earliest
        if is_override and not self.env.user.has_group("housing_base.group_housing_manager"):
            raise UserError(
                self.env._(
                    "The earliest termination date under the notice rule is %(date)s; only a "
                    "housing manager can agree on an earlier date.",
                    date=earliest,
                )
            )
        if is_override and not (override_reason or "").strip():
            raise UserError(
                self.env._("Give a reason for terminating before %(date)s.", date=earliest)
            )
        self.write(
            {
                "state": "notice",
                "notice_given_by": given_by,
                "notice_date": notice_date,
                "preferred_move_out_date": preferred_move_out_date,
                "termination_date": termination,
                "notice_override_reason": override_reason if is_override else False,
            }
        )
        self.message_post(
            body=self.env._(
                "Notice given by the %(who)s on %(notice)s; the lease ends on %(end)s.",
                who=dict(self._fields["notice_given_by"]._description_selection(self.env))[
                    given_by
                ],
                notice=notice_date,
                end=termination,
            )
        )
        if given_by == "tenant":
            # The landlord confirms a tenant's notice in writing, from the company also
            # when the tenant gave it in the portal (as the superuser: without a company
            # address the sender falls back to the current user).
            company = self.company_id or self.env.company
            template = self.env.ref("housing_lease.mail_template_notice_receipt")
            template.with_user(SUPERUSER_ID).send_mail(
                self.id,
                email_values={
                    "author_id": company.partner_id.id,
                    "email_from": company.email_formatted,
                },
            )
        if self.env.user.share:
            # Given by the tenant themselves (portal, or an integration acting for them):
            # staff plan the move-out and the letting.
            self._schedule_notice_activity(
                termination,
                self.env._(
                    "The tenant gave notice on lease %(lease)s; it ends on %(end)s.",
                    lease=self.name,
                    end=termination,
                ),
                "housing_lease.mail_activity_type_notice_received",
            )
        return termination

    def action_withdraw_notice(self):
        """Withdraw the notice (återkallad uppsägning): the lease runs on as if no notice
        had been given, unless the rental object has been let again meanwhile."""
        if any(lease.state != "notice" for lease in self):
            raise UserError(self.env._("Only a notice on a lease under notice can be withdrawn."))
        self._ensure_no_overlap(ignore_notice=True)
        today = stockholm_today()
        no_notice = dict.fromkeys(
            (
                "notice_given_by",
                "notice_date",
                "preferred_move_out_date",
                "termination_date",
                "notice_override_reason",
            ),
            False,
        )
        upcoming = self.filtered(lambda lease: lease.date_start > today)
        upcoming.write({**no_notice, "state": "upcoming"})
        (self - upcoming).write({**no_notice, "state": "current"})
        self._update_states(today)
        for lease in self:
            lease.message_post(body=self.env._("The notice was withdrawn."))
        return True
