import logging

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import Command, api, fields, models
from odoo.fields import Domain

from odoo.addons.housing_base.tools.business_days import add_business_days
from odoo.addons.housing_base.tools.dates import stockholm_today
from odoo.addons.housing_invoicing.models.housing_invoice_billing import LATE_PAYMENT_DAYS
from odoo.addons.housing_invoicing.tools import periods

from ..tools import deadlines

_logger = logging.getLogger(__name__)

# Avier per transaction when the cron runs the steps.
BATCH_SIZE = 200


class HousingDunningEntry(models.Model):
    """A dunning step taken for an avi: the reminder sent, the fee billed with it and
    the interest and amount unpaid on that day. Each step is taken once per avi."""

    _name = "housing.dunning.entry"
    _description = "Reminder"
    _order = "date desc, id desc"

    move_id = fields.Many2one(
        "account.move", string="Avi", required=True, index=True, ondelete="cascade", readonly=True
    )
    step_id = fields.Many2one(
        "housing.dunning.step", required=True, index=True, ondelete="restrict", readonly=True
    )
    partner_id = fields.Many2one(related="move_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="move_id.company_id", store=True)
    currency_id = fields.Many2one(related="move_id.currency_id")
    date = fields.Date(required=True, readonly=True)
    amount_unpaid = fields.Monetary(readonly=True, help="Rent still unpaid on the day of the step.")
    interest = fields.Monetary(
        string="Interest to date", readonly=True, help="Late-payment interest accrued by then."
    )
    fee_move_id = fields.Many2one(
        "account.move", string="Reminder fee", readonly=True, ondelete="set null"
    )
    fee_amount = fields.Monetary(related="fee_move_id.amount_total", string="Fee")
    due_date = fields.Date(related="move_id.invoice_date_due", string="Due date")
    pay_by = fields.Date(
        string="Pay by",
        readonly=True,
        help="The day the reminder asks the tenant to pay by.",
    )

    _step_once = models.Constraint(
        "UNIQUE(move_id, step_id)", "This dunning step was already taken for this avi."
    )

    def _compute_display_name(self):
        for entry in self:
            entry.display_name = f"{entry.step_id.name} - {entry.move_id.name}"

    def _letter_lang(self):
        """Letters are Swedish (a Swedish lease is a Swedish document) when Swedish is
        active, otherwise in the tenant's language."""
        return self.env["res.lang"]._get_code("sv_SE") or self.partner_id.lang or self.env.lang

    # ------------------------------------------------------------------ the run
    @api.model
    def _open_avier_domain(self, company, today):
        """Overdue rent avier not yet at a debt collection agency."""
        return self.env["account.move"]._housing_overdue_domain(company, today) & Domain(
            "housing_collection_date", "=", False
        )

    @api.model
    def _step_due(self, move, steps, today):
        """The dunning step to take for ``move`` on ``today``, or None: the latest step
        whose day has come, unless it or a later one was taken already."""
        if not move._housing_is_late_on(today):
            return None
        kinds = move._housing_kinds()
        last_day = deadlines.last_day_to_pay(move.invoice_date_due)
        due = [
            step
            for step in steps
            if step._applies_to(kinds)
            and deadlines.next_business_day(last_day + deadlines.DAY * step.days_after_due) <= today
        ]
        if not due:
            return None
        step = due[-1]
        taken = move.housing_dunning_entry_ids.step_id
        if any(other.days_after_due >= step.days_after_due for other in taken):
            return None
        return step

    @api.model
    def _preview(self, company, today):
        """[(avi, step)] that a run on ``today`` would take."""
        Move = self.env["account.move"].sudo()
        steps = self.env["housing.dunning.step"].sudo().search([("company_id", "=", company.id)])
        result = []
        for move in Move.search(self._open_avier_domain(company, today), order="id"):
            step = self._step_due(move, steps, today)
            if step:
                result.append((move, step))
        return result

    @api.model
    def _run(self, company, today, commit=False):
        """Take the due dunning steps of the company's unpaid avier on ``today``. Each
        avi in a savepoint of its own: a step taken meanwhile by another run (the unique
        constraint) skips that avi and keeps the others. With ``commit`` (the cron), one
        transaction per batch. Returns the reminders created."""
        entries = self.browse()
        todo = self._preview(company, today)
        for start in range(0, len(todo), BATCH_SIZE):
            for move, step in todo[start : start + BATCH_SIZE]:
                try:
                    with self.env.cr.savepoint():
                        entries |= self._take_step(move, step, today)
                except IntegrityError:
                    _logger.info("Dunning step %s of %s was taken by another run", step.id, move.id)
            if commit:
                self.env["ir.cron"]._commit_progress(
                    len(todo[start : start + BATCH_SIZE]),
                    remaining=max(len(todo) - start - BATCH_SIZE, 0),
                )
        return entries

    @api.model
    def _take_step(self, move, step, today):
        company = move.company_id
        entry = self.sudo().create(
            {
                "move_id": move.id,
                "step_id": step.id,
                "date": today,
                "amount_unpaid": move._housing_residual_on(today),
                "interest": move._housing_interest_on(today),
                "pay_by": add_business_days(today, LATE_PAYMENT_DAYS),
            }
        )
        self.env.flush_all()  # the unique constraint, inside the savepoint
        if step.charge_fee and company._housing_may_charge_reminder_fee(move):
            entry.fee_move_id = entry._create_fee_move()
        lang = entry._letter_lang()
        entry = entry.with_context(lang=lang)
        body = entry.env._(
            "%(step)s for avi %(avi)s (due %(due)s, unpaid %(amount)s).",
            step=step.with_context(lang=lang).name,
            avi=move.name,
            due=move.invoice_date_due,
            amount=entry._format_amount(entry.amount_unpaid),
        )
        if entry.fee_move_id:
            body += " " + entry.env._(
                "Reminder fee %(fee)s billed on %(invoice)s.",
                fee=entry._format_amount(entry.fee_move_id.amount_total),
                invoice=entry.fee_move_id.name,
            )
        entry._log(body)
        if step.mail_template_id:
            step.mail_template_id.sudo().send_mail(entry.id)
        return entry

    def _format_amount(self, amount):
        return self.currency_id.format(amount)

    def _log(self, body):
        """Log on the avi's leases and the contact (no protected data in ``body``)."""
        self.ensure_one()
        for record in (*self.move_id._housing_leases(), self.partner_id.sudo()):
            record.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    def _create_fee_move(self):
        """The reminder fee as an avi of its own, with its own OCR reference."""
        self.ensure_one()
        company = self.company_id
        move = self.move_id
        name = self.with_context(lang=self._letter_lang()).env._(
            "Reminder fee, avi %(avi)s", avi=move.name
        )
        line = {
            "name": name,
            "quantity": 1,
            "price_unit": company.housing_reminder_fee,
            # A reminder fee is compensation for a cost, not a supply: no VAT.
            "tax_ids": [Command.clear()],
        }
        if company.housing_account_charge_id:
            line["account_id"] = company.housing_account_charge_id.id
        fee = (
            self.env["account.move"]
            .sudo()
            .with_context(mail_create_nolog=True)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": move.partner_id.id,
                    "journal_id": (company.housing_invoice_journal_id or move.journal_id).id,
                    "company_id": company.id,
                    "invoice_date": self.date,
                    "invoice_date_due": self.pay_by,
                    "invoice_payment_term_id": False,
                    "fiscal_position_id": False,
                    "invoice_origin": move.name,
                    "housing_fee_origin_id": move.id,
                    "invoice_line_ids": [Command.create(line)],
                }
            )
        )
        fee.action_post()
        return fee

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_run(self):
        """Daily, on the Stockholm day: the dunning steps, then the forfeiture rules."""
        today = stockholm_today()
        companies = self.env["res.company"].search([("housing_invoice_journal_id", "!=", False)])
        for company in companies:
            self.with_company(company)._run(company, today, commit=True)
            self.env["housing.lease.forfeiture"].with_company(company)._run(
                company, today, commit=True
            )

    @api.model
    def _demo_arrears(self):
        """Demo data: Anna Andersson did not pay last month's avi and got the reminder;
        her lease is forfeitable."""
        company = self.env.company
        lease = self.env.ref("housing_lease.lease_anna", raise_if_not_found=False)
        if not (lease and company.housing_invoice_journal_id):
            return
        company.housing_reminder_fee_agreed = True
        Billing = self.env["housing.invoice.billing"]
        period = periods.month_start(stockholm_today()) - relativedelta(months=1)
        avier = Billing._prepare_avier(
            period, company, lease.partner_id.ids, period - relativedelta(days=20), False
        )
        move = Billing._create_avier(avier, period, company, period - relativedelta(days=20))
        step = self.env.ref("housing_dunning.dunning_step_reminder")
        last_day = deadlines.last_day_to_pay(move.invoice_date_due)
        day = deadlines.next_business_day(last_day + deadlines.DAY * step.days_after_due)
        self._take_step(move, step, day)
        self.env["housing.lease.forfeiture"]._run(company, stockholm_today())
