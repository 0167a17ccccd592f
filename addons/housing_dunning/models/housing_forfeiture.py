import logging

from psycopg2 import IntegrityError

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.housing_base.tools.business_days import add_business_days
from odoo.addons.housing_base.tools.dates import stockholm_today

from ..tools import deadlines
from .housing_dunning_step import LEASE_TYPE_KINDS

_logger = logging.getLogger(__name__)

# Lease states in which unpaid rent can forfeit the lease.
ACTIVE_LEASE_STATES = ("current", "notice")
OPEN_STATES = ("forfeitable", "notice", "terminated")


class HousingLeaseForfeiture(models.Model):
    """Unpaid rent that forfeits a lease (förverkande, Jordabalken 12 kap. 42-44 §§):
    from the day the lease is forfeitable, through the termination and the weeks in
    which the tenant keeps the lease by paying (återvinningsfrist), to the outcome."""

    _name = "housing.lease.forfeiture"
    _description = "Forfeiture of a lease for unpaid rent"
    _order = "forfeitable_date desc, id desc"
    _rec_name = "lease_id"

    lease_id = fields.Many2one(
        "housing.lease", required=True, index=True, ondelete="cascade", readonly=True
    )
    move_id = fields.Many2one(
        "account.move", string="Avi", required=True, index=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one(related="move_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="lease_id.company_id", store=True)
    currency_id = fields.Many2one(related="move_id.currency_id")
    kind = fields.Selection(
        [("residence", "Residence"), ("premises", "Premises")], required=True, readonly=True
    )
    due_date = fields.Date(related="move_id.invoice_date_due")
    amount_unpaid = fields.Monetary(
        string="Rent unpaid",
        compute="_compute_amount_unpaid",
        help="What is unpaid of the avi today.",
    )
    forfeitable_date = fields.Date(
        string="Forfeitable from",
        required=True,
        readonly=True,
        help="The day after one week (premises: two weekdays) from the due date.",
    )
    state = fields.Selection(
        [
            ("forfeitable", "Forfeitable"),
            ("lapsed", "Paid before termination"),
            ("notice", "Terminated, time to pay"),
            ("regained", "Paid in time: the lease continues"),
            ("terminated", "Termination stands"),
        ],
        default="forfeitable",
        required=True,
        readonly=True,
        index=True,
    )
    notice_date = fields.Date(
        string="Terminated on", readonly=True, help="The day the termination letter was sent."
    )
    notified_date = fields.Date(
        string="Tenant notified on",
        help="The day the tenant was notified of the termination (delgivning). Proposed from "
        "the company's delivery days; record the actual day when it is known.",
    )
    regain_deadline = fields.Date(
        string="Last day to pay",
        compute="_compute_regain_deadline",
        store=True,
        help="Three weeks (premises: two weeks) from the day the tenant was notified "
        "(Jordabalken 12 kap. 44 §), or the next business day.",
    )
    social_services_date = fields.Date(
        string="Socialnämnden notified on",
        readonly=True,
        help="Residences only (Jordabalken 12 kap. 44 §).",
    )
    outcome_date = fields.Date(readonly=True)

    _lease_avi_unique = models.Constraint(
        "UNIQUE(lease_id, move_id)", "This avi already forfeits this lease."
    )

    @api.depends("notified_date", "kind")
    def _compute_regain_deadline(self):
        for case in self:
            case.regain_deadline = case.notified_date and deadlines.regain_deadline(
                case.notified_date, case.kind
            )

    def _compute_amount_unpaid(self):
        today = stockholm_today()
        for case in self:
            case.amount_unpaid = case.move_id.sudo()._housing_residual_on(today)

    # ------------------------------------------------------------------ the run
    @api.model
    def _run(self, company, today, commit=False):
        """Open the cases of leases forfeitable on ``today`` and close those whose rent
        was paid or whose time to pay ran out. Returns the cases opened or changed."""
        cases = self._open_cases(company, today)
        # All of them, also those a manager without the protected identities privilege
        # does not see: their state follows the payments all the same.
        for case in self.sudo().search(
            [("company_id", "=", company.id), ("state", "in", OPEN_STATES)], order="id"
        ):
            with self.env.cr.savepoint():
                if case._update_state(today):
                    cases |= case
        if commit:
            self.env["ir.cron"]._commit_progress(len(cases))
        return cases

    @api.model
    def _open_cases(self, company, today):
        Move = self.env["account.move"].sudo()
        moves = Move.search(Move._housing_overdue_domain(company, today), order="id")
        existing = {
            (case.lease_id.id, case.move_id.id)
            for case in self.sudo().search([("move_id", "in", moves.ids)])
        }
        cases = self.browse()
        for move in moves:
            if move._housing_residual_on(today) <= 0:
                continue
            for lease in move._housing_leases():
                kind = LEASE_TYPE_KINDS.get(lease.lease_type)
                if kind not in ("residence", "premises") or lease.state not in ACTIVE_LEASE_STATES:
                    continue  # a parking space is no lägenhet under Jordabalken 12 kap.
                start = deadlines.forfeitable_from(move.invoice_date_due, kind)
                if today < start or (lease.id, move.id) in existing:
                    continue
                try:
                    with self.env.cr.savepoint():
                        case = self.sudo().create(
                            {
                                "lease_id": lease.id,
                                "move_id": move.id,
                                "kind": kind,
                                "forfeitable_date": start,
                            }
                        )
                        self.env.flush_all()  # the unique constraint, inside the savepoint
                        case._log(
                            case._env_lang()._(
                                "The rent of avi %(avi)s, due %(due)s, is unpaid: the lease is "
                                "forfeitable from %(date)s (Jordabalken 12 kap. 42 §). The "
                                "company may terminate it.",
                                avi=move.name,
                                due=move.invoice_date_due,
                                date=start,
                            )
                        )
                        cases |= case
                except IntegrityError:
                    _logger.info("Lease %s was found forfeitable by another run", lease.id)
        return cases

    def _update_state(self, today):
        """Close the case when the rent was paid or the time to pay ran out. Returns
        whether the state changed."""
        self.ensure_one()
        move = self.move_id.sudo()
        env = self._env_lang()
        if self.state == "forfeitable":
            if move._housing_residual_on(today) > 0:
                return False
            return self._set_outcome(
                "lapsed",
                today,
                env._(
                    "Avi %(avi)s was paid before the lease was terminated: the lease is no "
                    "longer forfeitable for it (Jordabalken 12 kap. 43 §).",
                    avi=move.name,
                ),
            )
        deadline = self.regain_deadline
        if move._housing_residual_on(deadline) <= 0:
            if self.state == "regained":
                return False
            return self._set_outcome(
                "regained",
                today,
                env._(
                    "The rent of avi %(avi)s was paid by %(deadline)s, the last day to pay: "
                    "the tenant keeps the lease (Jordabalken 12 kap. 44 §).",
                    avi=move.name,
                    deadline=deadline,
                ),
            )
        if self.state == "notice" and today > deadline:
            self._set_outcome(
                "terminated",
                today,
                env._(
                    "The rent of avi %(avi)s was not paid by %(deadline)s, the last day to "
                    "pay: the termination stands.",
                    avi=move.name,
                    deadline=deadline,
                ),
            )
            self.lease_id.sudo()._schedule_notice_activity(
                today,
                env._(
                    "The termination of lease %(lease)s for unpaid rent stands: apply to "
                    "Kronofogden for eviction.",
                    lease=self.lease_id.name,
                ),
            )
            return True
        return False

    def _set_outcome(self, state, today, body):
        """Close the case in ``state`` and log ``body`` on the lease and the contact."""
        self.write({"state": state, "outcome_date": today})
        self._log(body)
        return True

    # ------------------------------------------------------------------ staff actions
    def action_terminate(self):
        """Terminate the lease for the unpaid rent (uppsägning på grund av förverkande)
        and print the termination letter."""
        today = stockholm_today()
        for case in self:
            if case.state != "forfeitable":
                raise UserError(
                    self.env._("Only a forfeitable lease can be terminated for unpaid rent.")
                )
            if case.move_id.sudo()._housing_residual_on(today) <= 0:
                raise UserError(
                    self.env._(
                        "Avi %(avi)s is paid: the lease can no longer be terminated for it "
                        "(Jordabalken 12 kap. 43 §).",
                        avi=case.move_id.name,
                    )
                )
            delivery = case.company_id.housing_notice_delivery_days
            case.write(
                {
                    "state": "notice",
                    "notice_date": today,
                    "notified_date": add_business_days(today, delivery),
                }
            )
            case._log(
                case._env_lang()._(
                    "Lease terminated for the unpaid rent of avi %(avi)s. If the tenant is "
                    "notified on %(notified)s, the last day to pay and keep the lease is "
                    "%(deadline)s.",
                    avi=case.move_id.name,
                    notified=case.notified_date,
                    deadline=case.regain_deadline,
                )
            )
        return self.env.ref("housing_dunning.action_report_forfeiture_notice").report_action(self)

    def action_notify_social_services(self):
        """Print the notification to socialnämnden (residences only) and record it."""
        self._check_social_services()
        today = stockholm_today()
        for case in self.filtered(lambda case: not case.social_services_date):
            case.social_services_date = today
            case._log(
                case._env_lang()._(
                    "Socialnämnden was notified of the termination of the lease "
                    "(Jordabalken 12 kap. 44 §)."
                )
            )
        return self.env.ref("housing_dunning.action_report_social_services").report_action(self)

    def _check_social_services(self):
        for case in self:
            if case.kind != "residence":
                raise UserError(
                    self.env._(
                        "Socialnämnden is notified only when a residence is terminated; "
                        "lease %(lease)s is for premises.",
                        lease=case.lease_id.name,
                    )
                )
            if case.state not in ("notice", "terminated", "regained"):
                raise UserError(
                    self.env._(
                        "Lease %(lease)s has not been terminated for unpaid rent.",
                        lease=case.lease_id.name,
                    )
                )

    def write(self, vals):
        changes_notified = "notified_date" in vals and "state" not in vals
        if changes_notified and any(case.state != "notice" for case in self):
            raise UserError(
                self.env._(
                    "The day of notification can only be changed while the tenant has time to pay."
                )
            )
        result = super().write(vals)
        if changes_notified:
            for case in self:
                case._log(
                    case._env_lang()._(
                        "The tenant was notified of the termination on %(notified)s: the last "
                        "day to pay and keep the lease is %(deadline)s.",
                        notified=case.notified_date,
                        deadline=case.regain_deadline,
                    )
                )
        return result

    # ------------------------------------------------------------------ helpers
    def _letter_lang(self):
        return self.env["res.lang"]._get_code("sv_SE") or self.partner_id.lang or self.env.lang

    def _env_lang(self):
        return self.with_context(lang=self._letter_lang()).env

    def _log(self, body):
        """Log on the lease and the contact (no protected data in ``body``)."""
        self.ensure_one()
        for record in (self.lease_id, self.partner_id):
            record.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
