import logging
from collections import defaultdict
from dataclasses import dataclass, field

from babel.dates import format_date
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.tools import SQL

from odoo.addons.housing_base.tools.business_days import add_business_days
from odoo.addons.housing_base.tools.dates import stockholm_today

from ..tools import periods

_logger = logging.getLogger(__name__)

BILLABLE_STATES = ("upcoming", "current", "notice")
# Contacts per batch of the monthly run: one transaction each when run by the cron.
BATCH_SIZE = 500
# How far back the run looks for months whose rent changed after they were billed.
RETROACTIVE_MONTHS = 24
# The rent kind of the base rent (and the differences) of a lease, by lease type.
LEASE_TYPE_KINDS = {"parking": "parking", "garage": "parking", "storage": "storage"}
# Business days to pay a period billed after its due date (a lease registered late).
LATE_PAYMENT_DAYS = 10


@dataclass
class Avi:
    """One avi (or credit note) the run is about to create for a contact."""

    partner: object
    move_type: str = "out_invoice"
    months: set = field(default_factory=set)
    lines: list = field(default_factory=list)  # invoice line values
    rows: list = field(default_factory=list)  # billing record values

    @property
    def total(self):
        return sum(line["price_unit"] for line in self.lines)


class HousingInvoiceBilling(models.Model):
    """One lease and month on one avi: what was billed for it. A lease is billed once
    per month (a unique index); later corrections of that month are differences."""

    _name = "housing.invoice.billing"
    _description = "Billed rent month"
    _order = "period desc, lease_id, id"
    _rec_name = "lease_id"

    lease_id = fields.Many2one(
        "housing.lease", required=True, index=True, ondelete="restrict", readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Avi recipient", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one(related="move_id.company_id", store=True)
    currency_id = fields.Many2one(related="move_id.currency_id")
    period = fields.Date(string="Month", required=True, readonly=True)
    billing_type = fields.Selection(
        [("rent", "Rent"), ("difference", "Difference")],
        string="Type",
        required=True,
        default="rent",
        readonly=True,
    )
    amount = fields.Monetary(
        readonly=True, help="Rent billed for the month, without VAT; credited amounts are negative."
    )
    sequence = fields.Integer(
        default=0,
        readonly=True,
        help="0 for the month's rent, then 1, 2, ... for each later difference: two runs "
        "that compute the same difference at once cannot both record it.",
    )
    move_id = fields.Many2one(
        "account.move", string="Avi", required=True, index=True, ondelete="cascade", readonly=True
    )

    _rent_once = models.UniqueIndex(
        "(lease_id, period) WHERE billing_type = 'rent'",
        "This lease has already been billed for this month.",
    )
    _sequence_once = models.UniqueIndex(
        "(lease_id, period, sequence)",
        "This month of the lease has just been billed by another run.",
    )
    _period_is_month = models.Constraint(
        "CHECK(EXTRACT(DAY FROM period) = 1)", "A billed period starts on the first of a month."
    )
    _lease_period_index = models.Index("(lease_id, period)")

    # ------------------------------------------------------------------ the run
    @api.model
    def _run(
        self,
        period,
        company=None,
        invoice_date=None,
        batch_size=BATCH_SIZE,
        commit=False,
        with_differences=True,
    ):
        """Bill ``period`` (a month) for every contact of ``company``: one avi per contact
        for all their leases, plus the differences of months already billed. Returns the
        avier and credit notes created.

        Contacts are taken in batches of ``batch_size`` with a fixed number of queries
        each; with ``commit`` every batch is committed on its own, so a run that stops
        half-way resumes with the contacts it had not reached (billed months are never
        billed twice)."""
        company = company or self.env.company
        company._housing_check_invoicing_setup()
        period = periods.month_start(period)
        invoice_date = invoice_date or stockholm_today()
        partner_ids = self._partners_to_bill(period, company, with_differences)
        moves = self.env["account.move"]
        for start in range(0, len(partner_ids), batch_size):
            batch = partner_ids[start : start + batch_size]
            avier = self._prepare_avier(period, company, batch, invoice_date, with_differences)
            moves |= self._create_avier(avier, period, company, invoice_date)
            if commit:
                self.env["ir.cron"]._commit_progress(
                    len(batch), remaining=len(partner_ids) - start - len(batch)
                )
                self.env.invalidate_all()
        _logger.info(
            "Rent run %s for %s: %s contacts looked at, %s avier and credit notes",
            period,
            company.name,
            len(partner_ids),
            len(moves),
        )
        return moves

    @api.model
    def _preview(self, period, company=None, invoice_date=None, with_differences=True):
        """What :meth:`_run` would create, as a list of :class:`Avi`, creating nothing."""
        company = company or self.env.company
        company._housing_check_invoicing_setup()
        period = periods.month_start(period)
        invoice_date = invoice_date or stockholm_today()
        partner_ids = self._partners_to_bill(period, company, with_differences)
        avier = []
        for start in range(0, len(partner_ids), BATCH_SIZE):
            avier += self._prepare_avier(
                period,
                company,
                partner_ids[start : start + BATCH_SIZE],
                invoice_date,
                with_differences,
            )
        return avier

    @api.model
    def _partners_to_bill(self, period, company, with_differences):
        """Ids of the contacts that may get something in this run (one query): those with
        a lease running in the period (its quarter for quarterly leases) that is not yet
        billed for the period, and, for differences, those with months billed lately."""
        self.env.flush_all()
        quarter = periods.quarter_months(period)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT lease.billing_partner_id
                  FROM housing_lease lease
                 WHERE lease.company_id = %(company)s
                   AND lease.billing_partner_id IS NOT NULL
                   AND (
                        (lease.state IN %(states)s
                         AND lease.date_start <= %(horizon)s
                         AND (lease.date_stop IS NULL OR lease.date_stop >= %(first)s)
                         AND NOT EXISTS (
                             SELECT 1 FROM housing_invoice_billing billed
                              WHERE billed.lease_id = lease.id
                                AND billed.period = %(period)s
                                AND billed.billing_type = 'rent'))
                        OR (%(differences)s AND EXISTS (
                             SELECT 1 FROM housing_invoice_billing billed
                              WHERE billed.lease_id = lease.id
                                AND billed.period >= %(window)s))
                   )
                 ORDER BY 1
                """,
                company=company.id,
                states=BILLABLE_STATES,
                horizon=periods.month_end(quarter[-1]),
                first=min(quarter[0], period),
                period=period,
                differences=with_differences,
                window=period - relativedelta(months=RETROACTIVE_MONTHS),
            )
        )
        return [row[0] for row in rows]

    @api.model
    def _prepare_avier(self, period, company, partner_ids, invoice_date, with_differences):
        """The avier of a batch of contacts, read with a fixed number of queries."""
        window = period - relativedelta(months=RETROACTIVE_MONTHS)
        quarter = periods.quarter_months(period)
        leases = self.env["housing.lease"].search_fetch(
            [
                ("company_id", "=", company.id),
                ("billing_partner_id", "in", partner_ids),
                # Ended and cancelled leases too: months billed for them are credited.
                ("state", "in", (*BILLABLE_STATES, "ended", "cancelled")),
                "|",
                ("date_stop", "=", False),
                ("date_stop", ">=", window),
            ],
            [
                "name",
                "state",
                "date_start",
                "date_stop",
                "billing_frequency",
                "billing_partner_id",
                "fiscal_position_id",
                "rental_object_id",
                "lease_type",
            ],
            order="billing_partner_id, date_start, id",
        )
        if not leases:
            return []
        leases.rental_object_id.fetch(["code"])
        lines_by_lease = defaultdict(list)
        for line in self.env["housing.lease.rent.line"].search_fetch(
            [
                ("lease_id", "in", leases.ids),
                ("date_from", "<=", periods.month_end(quarter[-1])),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", window),
            ],
            ["lease_id", "kind", "name", "amount", "tax_rate", "date_from", "date_to"],
        ):
            lines_by_lease[line.lease_id.id].append(line)
        billed, rent_billed = defaultdict(lambda: defaultdict(float)), set()
        records = defaultdict(int)  # billing records per lease and month so far
        for lease, month, billing_type, amount, count in self._read_group(
            [("lease_id", "in", leases.ids), ("period", ">=", window)],
            ["lease_id", "period:day", "billing_type"],
            ["amount:sum", "__count"],
        ):
            billed[lease.id][month] += amount
            records[lease.id, month] += count
            if billing_type == "rent":
                rent_billed.add((lease.id, month))

        labels = _Labels(self.env, company)
        avier = {}
        pending = {}
        for lease in leases:
            partner = lease.billing_partner_id
            avi = avier.setdefault(partner.id, Avi(partner))
            lines = lines_by_lease[lease.id]
            months = quarter if lease.billing_frequency == "quarterly" else [period]
            for month in months:
                if (
                    lease.state not in BILLABLE_STATES
                    or (lease.id, month) in rent_billed
                    or lease.date_start > periods.month_end(month)
                    or (lease.date_stop and lease.date_stop < month)
                ):
                    continue
                month_lines = self._month_lines(lease, lines, month)
                if not month_lines:
                    continue
                avi.months.add(month)
                for line, amount, days, month_days in month_lines:
                    avi.lines.append(
                        labels.invoice_line(lease, line, amount, month, days, month_days)
                    )
                avi.rows.append(
                    {
                        "lease_id": lease.id,
                        "partner_id": partner.id,
                        "period": month,
                        "billing_type": "rent",
                        "amount": sum(amount for _line, amount, _d, _m in month_lines),
                    }
                )
            if not with_differences:
                continue
            for month, amount in billed[lease.id].items():
                expected = sum(
                    amount for _line, amount, _d, _m in self._month_lines(lease, lines, month)
                )
                difference = round(expected - amount, 2)
                if not difference:
                    continue
                ended = lease.state == "cancelled" or bool(
                    lease.date_stop and lease.date_stop < periods.month_end(month)
                )
                pending.setdefault(partner.id, []).append(
                    (lease, month, difference, ended and difference < 0, records[lease.id, month])
                )
        renting = {
            lease.billing_partner_id.id
            for lease in leases
            if lease.state in BILLABLE_STATES and (not lease.date_stop or lease.date_stop >= period)
        }
        result = []
        for partner_id, avi in avier.items():
            result += self._place_differences(
                avi, pending.get(partner_id, []), company, labels, partner_id in renting
            )
        return result

    def _month_lines(self, lease, lines, month):
        """(rent line, amount, days, days of month) for the rent lines of ``lease`` valid
        in ``month``, pro rata for the days both the line and the lease run (none for a
        cancelled lease)."""
        result = []
        if lease.state == "cancelled":
            return result
        for line in lines:
            days, month_days = periods.covered_days(
                month, (line.date_from, line.date_to), (lease.date_start, lease.date_stop)
            )
            if days and line.amount:
                result.append(
                    (line, periods.prorated(line.amount, days, month_days), days, month_days)
                )
        return result

    def _place_differences(self, avi, differences, company, labels, still_renting):
        """The avier of one contact: the regular avi, with the differences of months
        already billed on it or on an avi of their own (per the company's setting, or when
        the contact rents nothing more), and a credit note for months billed after a lease
        ended."""
        result = [avi] if avi.lines else []
        credit_notes = Avi(avi.partner, move_type="out_refund")
        separate = Avi(avi.partner)
        for lease, month, difference, is_credit, sequence in sorted(
            differences, key=lambda item: (item[1], item[0].id)
        ):
            target = credit_notes if is_credit else separate
            target.lines.append(labels.difference_line(lease, month, difference, is_credit))
            target.rows.append(
                {
                    "lease_id": lease.id,
                    "partner_id": avi.partner.id,
                    "period": month,
                    "billing_type": "difference",
                    "sequence": sequence,
                    "amount": difference,
                }
            )
        if separate.lines:
            if (
                company.housing_retroactive_mode == "next"
                and avi.lines
                and avi.total + separate.total >= 0
            ):
                avi.lines += separate.lines
                avi.rows += separate.rows
            elif company.housing_retroactive_mode == "separate" or not still_renting:
                result.append(separate)
            # else: kept for the contact's next avi (nothing is recorded, so the next
            # run finds the same difference again)
        if credit_notes.lines:
            result.append(credit_notes)
        for other in result:
            if other.total < 0:
                other.move_type = "out_refund"
            if other.move_type == "out_refund":
                for line in other.lines:
                    line["price_unit"] = -line["price_unit"]
        return result

    @api.model
    def _create_avier(self, avier, period, company, invoice_date):
        """Create and post the avier of a batch, with their billing records (which make
        a second run, or a concurrent one, bill nothing twice)."""
        if not avier:
            return self.env["account.move"]
        journal = company.housing_invoice_journal_id
        labels = _Labels(self.env, company)  # the avi's language, not the user's
        origin = labels.env._("Rent %(month)s", month=labels.month(period))
        move_values = []
        for avi in avier:
            first = min(avi.months or {period})
            due = periods.due_date(first)
            if due < invoice_date:
                due = add_business_days(invoice_date, LATE_PAYMENT_DAYS)
            values = {
                "move_type": avi.move_type,
                "partner_id": avi.partner.id,
                "journal_id": journal.id,
                "company_id": company.id,
                "invoice_date": invoice_date,
                "housing_period": period,
                "invoice_origin": origin,
                # The lines carry each lease's own taxes and accounts (a commercial lease
                # with VAT and a parking space without may share an avi), and the due date
                # is the one of the rent, not of a payment term.
                "fiscal_position_id": False,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [Command.create(line) for line in avi.lines],
            }
            if avi.move_type == "out_invoice":
                values["invoice_date_due"] = due
            move_values.append(values)
        # No "created" note in each avi's chatter: the billing records say where it came from.
        moves = self.env["account.move"].with_context(mail_create_nolog=True).create(move_values)
        self.create(
            [
                {**row, "move_id": move.id}
                for avi, move in zip(avier, moves, strict=True)
                for row in avi.rows
            ]
        )
        self.env.flush_all()
        moves.action_post()
        return moves

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_run(self):
        """Daily: bill next month once it is due within the company's days ahead (the run
        is repeated every day until the month starts, billing only what is new), and bill
        leases registered too late for this month's run."""
        today = stockholm_today()
        companies = self.env["res.company"].search([("housing_invoice_journal_id", "!=", False)])
        for company in companies:
            this_month = periods.month_start(today)
            self.with_company(company)._run(
                this_month, company, today, commit=True, with_differences=False
            )
            next_month = this_month + relativedelta(months=1)
            send_from = periods.due_date(next_month) - relativedelta(
                days=company.housing_invoice_days_ahead
            )
            if today >= send_from:
                self.with_company(company)._run(next_month, company, today, commit=True)

    @api.model
    def _demo_run(self):
        """Demo data: the avier of this month and the next for the demo company."""
        today = stockholm_today()
        company = self.env.company
        premises = self.env.ref("housing_lease.lease_bygg", raise_if_not_found=False)
        if premises and company.housing_vat_fiscal_position_id:
            premises.fiscal_position_id = company.housing_vat_fiscal_position_id
        if company.housing_invoice_journal_id:
            for month in (periods.month_start(today), periods.month_end(today) + periods.DAY):
                self._run(month, invoice_date=today)


class _Labels:
    """Swedish texts of the avi lines (the language of the avi, like the contract)."""

    def __init__(self, env, company):
        self.lang = env["res.lang"]._get_code("sv_SE") or env.lang or "en_US"
        self.env = env(context=dict(env.context, lang=self.lang))
        self.company = company
        self.kinds = dict(
            self.env["housing.lease.rent.line"]._fields["kind"]._description_selection(self.env)
        )
        self.exempt_tax = company.housing_exempt_tax_id

    def month(self, day):
        return format_date(day, "LLLL yyyy", locale=self.lang)

    def _line(self, lease, kind, name, amount, tax_rate=0):
        """An avi line of ``kind`` with its income account (the base rent of a parking or
        storage lease is parking or storage income) and taxes, through the lease's fiscal
        position (or the company's VAT fiscal position for a rent line with a VAT rate)."""
        if kind == "base":
            kind = LEASE_TYPE_KINDS.get(lease.lease_type, kind)
        position = lease.fiscal_position_id
        if not position and tax_rate:
            position = self.company.housing_vat_fiscal_position_id
        values = {
            "name": name,
            "quantity": 1,
            "price_unit": amount,
            "tax_ids": [Command.set(position.map_tax(self.exempt_tax).ids)],
        }
        account = self.company._housing_kind_account(kind)
        if account:  # otherwise the journal's income account
            values["account_id"] = position.map_account(account).id
        return values

    def invoice_line(self, lease, line, amount, month, days, month_days):
        what = line.name or self.kinds[line.kind]
        if days < month_days:
            name = self.env._(
                "%(what)s %(object)s, %(month)s (%(days)s of %(month_days)s days)",
                what=what,
                object=lease.rental_object_id.code,
                month=self.month(month),
                days=days,
                month_days=month_days,
            )
        else:
            name = self.env._(
                "%(what)s %(object)s, %(month)s",
                what=what,
                object=lease.rental_object_id.code,
                month=self.month(month),
            )
        return self._line(lease, line.kind, name, amount, line.tax_rate)

    def difference_line(self, lease, month, difference, is_credit):
        if is_credit and lease.state == "cancelled":
            name = self.env._(
                "Credit %(object)s, %(month)s: the lease was cancelled",
                object=lease.rental_object_id.code,
                month=self.month(month),
            )
        elif is_credit:
            name = self.env._(
                "Credit %(object)s, %(month)s: the lease ended on %(date)s",
                object=lease.rental_object_id.code,
                month=self.month(month),
                date=format_date(lease.date_stop, "d MMMM yyyy", locale=self.lang),
            )
        else:
            name = self.env._(
                "Retroactive rent change %(object)s, %(month)s",
                object=lease.rental_object_id.code,
                month=self.month(month),
            )
        return self._line(lease, "base", name, difference)
