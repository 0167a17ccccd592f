import base64
import binascii
import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.housing_base.tools.dates import stockholm_today
from odoo.addons.housing_invoicing.tools import ocr

from ..tools import bgmax, camt054

BATCH_SIZE = 500
# A file of more payments than this is imported in the background, a batch at a time
# (each batch its own transaction): a request would outlast the server's time limit.
IMMEDIATE_LIMIT = 1000


class HousingPaymentImport(models.Model):
    """A payments file from Bankgirot or the bank, imported once: its statements and
    payments, and how many were matched to avier."""

    _name = "housing.payment.import"
    _description = "Payments file"
    _order = "create_date desc, id desc"

    name = fields.Char(string="File name", required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    file_format = fields.Selection(
        [("bgmax", "BGMax (Bankgirot)"), ("camt054", "camt.054 (ISO 20022)")],
        string="Format",
        required=True,
        readonly=True,
    )
    file_hash = fields.Char(string="SHA-256", required=True, readonly=True, copy=False)
    user_id = fields.Many2one(
        "res.users", string="Imported by", readonly=True, default=lambda self: self.env.user
    )
    statement_ids = fields.One2many(
        "account.bank.statement", "housing_import_id", string="Statements", readonly=True
    )
    line_ids = fields.One2many(
        "account.bank.statement.line", "housing_import_id", string="Payments", readonly=True
    )
    state = fields.Selection(
        [("queued", "Importing"), ("done", "Imported")],
        string="Status",
        default="done",
        required=True,
        readonly=True,
    )
    payment_count = fields.Integer(
        string="Payments in the file",
        readonly=True,
        help="What the file holds; while a large file is imported in the background, the "
        "payments imported so far are counted beside it.",
    )
    file_data = fields.Binary(
        string="File",
        attachment=True,
        readonly=True,
        groups="base.group_system",
        help="The file, kept only until its payments are imported (it holds payers' names "
        "and addresses).",
    )
    skipped_count = fields.Integer(
        string="Already imported",
        readonly=True,
        help="Payments of this file that an earlier file had already brought in.",
    )
    line_count = fields.Integer(string="Number of payments", compute="_compute_counts")
    matched_count = fields.Integer(string="Matched", compute="_compute_counts")
    open_count = fields.Integer(string="To handle", compute="_compute_counts")
    amount_total = fields.Monetary(string="Amount", compute="_compute_counts")
    amount_open = fields.Monetary(string="Not matched", compute="_compute_counts")

    _file_hash_unique = models.Constraint(
        "UNIQUE(company_id, file_hash)", "This file has already been imported."
    )

    def _compute_counts(self):
        groups = {
            (record.id, state): (count, amount, open_amount)
            for record, state, count, amount, open_amount in self.env[
                "account.bank.statement.line"
            ]._read_group(
                [("housing_import_id", "in", self.ids)],
                ["housing_import_id", "housing_match_state"],
                ["__count", "amount:sum", "housing_open_amount:sum"],
            )
        }
        for record in self:
            rows = [value for key, value in groups.items() if key[0] == record.id]
            record.line_count = sum(row[0] for row in rows)
            record.matched_count = groups.get((record.id, "matched"), (0, 0, 0))[0]
            record.open_count = record.line_count - record.matched_count
            record.amount_total = sum(row[1] for row in rows)
            record.amount_open = sum(row[2] for row in rows)

    @api.model
    def import_file(self, content, filename=""):
        """Import a BGMax or camt.054 file (``content`` base64-encoded, as JSON-2 sends
        it) into the company's bankgiro journal and match its payments to avier by OCR
        reference. Returns the id of the import; a file imported before is not imported
        again and its earlier import's id is returned."""
        if isinstance(content, str):
            try:
                content = base64.b64decode(content, validate=True)
            except (binascii.Error, ValueError):
                raise UserError(self.env._("The file content is not base64-encoded.")) from None
        return self._import_file(content, filename).id

    def _import_file(self, data, filename=""):
        """The import of the file ``data`` (bytes); see :meth:`import_file`. A file of
        more than ``IMMEDIATE_LIMIT`` payments is checked now and imported in the
        background (the import is returned with the status *Importing*)."""
        self.check_access("create")
        company = self.env.company
        file_hash = hashlib.sha256(data).hexdigest()
        existing = self.search([("company_id", "=", company.id), ("file_hash", "=", file_hash)])
        if existing:
            return existing
        file_format, statements = self._parse(data, filename)
        # The journal and the company's bankgiro are read as the import's own set-up: the
        # access right checked above is what allows the import.
        journal = self._payment_journal(company.sudo(), statements)
        payment_count = sum(len(statement.lines) for statement in statements)
        queued = payment_count > IMMEDIATE_LIMIT
        record = self.sudo().create(
            {
                "name": filename or file_hash[:12],
                "company_id": company.id,
                "file_format": file_format,
                "file_hash": file_hash,
                "user_id": self.env.user.id,
                "payment_count": payment_count,
                "state": "queued" if queued else "done",
                "file_data": base64.b64encode(data) if queued else False,
            }
        )
        if queued:
            self.env.ref("housing_payment.ir_cron_housing_payment_import").sudo()._trigger()
        else:
            record._create_statements(journal, statements)
        return record.sudo(self.env.su)

    @api.model
    def _cron_import_queued(self):
        """Import the files waiting in the background, a batch of payments at a time,
        each batch committed on its own: a run that stops resumes where it was (the
        payments imported are known by their keys)."""
        for record in self.search([("state", "=", "queued")], order="id"):
            if not record._import_queued():
                return

    def _import_queued(self):
        """Import this waiting file; False when the run's time is up before the end."""
        self.ensure_one()
        data = base64.b64decode(self.file_data)
        __, statements = self._parse(data, self.name)
        company = self.company_id
        journal = self.with_company(company)._payment_journal(company, statements)
        if not self.with_company(company)._create_statements(journal, statements, commit=True):
            return False
        self.write({"state": "done", "file_data": False})
        self.env["ir.cron"]._commit_progress()
        return True

    @api.model
    def _parse(self, data, filename):
        head = data.lstrip()[:64]
        try:
            if head.startswith(b"01BGMAX"):
                return "bgmax", bgmax.statements(data)
            if head.startswith(b"<"):
                return "camt054", camt054.parse(data)
        except (bgmax.BgmaxError, camt054.Camt054Error) as error:
            reason = error.message._translate(self.env.lang)
            if getattr(error, "line", None):
                raise UserError(
                    self.env._(
                        "%(file)s could not be imported: line %(line)s: %(reason)s.",
                        file=filename or self.env._("The file"),
                        line=error.line,
                        reason=reason,
                    )
                ) from None
            raise UserError(
                self.env._(
                    "%(file)s could not be imported: %(reason)s.",
                    file=filename or self.env._("The file"),
                    reason=reason,
                )
            ) from None
        raise UserError(
            self.env._(
                "%(file)s is neither a BGMax file from Bankgirot nor a camt.054 file.",
                file=filename or self.env._("The file"),
            )
        )

    @api.model
    def _payment_journal(self, company, statements):
        """The company's bankgiro journal, checked against the account each statement of
        the file is for."""
        journal = company.housing_payment_journal_id
        if not journal:
            raise UserError(
                self.env._(
                    "%(company)s has no bankgiro payments journal: choose it in the company's "
                    "Rent avier settings.",
                    company=company.name,
                )
            )
        bankgiro = company.housing_bankgiro and ocr.bankgiro_digits(company.housing_bankgiro)
        iban = (journal.bank_account_id.sanitized_acc_number or "").upper()
        for statement in statements:
            if statement.bankgiro and statement.bankgiro.lstrip("0") != (bankgiro or "").lstrip(
                "0"
            ):
                raise UserError(
                    self.env._(
                        "The file is for bankgiro %(file)s, not for the company's bankgiro "
                        "%(company)s.",
                        file=statement.bankgiro,
                        company=company.housing_bankgiro or "-",
                    )
                )
            if not statement.bankgiro and statement.iban.upper() != iban:
                raise UserError(
                    self.env._(
                        "The file is for account %(file)s, not for the account of the journal "
                        "%(journal)s.",
                        file=statement.iban or "-",
                        journal=journal.display_name,
                    )
                )
            if statement.currency != company.currency_id.name:
                raise UserError(
                    self.env._(
                        "The file has payments in %(currency)s; the company keeps its books in "
                        "%(company)s.",
                        currency=statement.currency,
                        company=company.currency_id.name,
                    )
                )
        return journal

    def _create_statements(self, journal, statements, commit=False):
        """A bank statement per statement of the file, its payments created and matched
        in batches: per batch one look-up of the payments already imported, one of the
        avier of all its references, one creation and one reconciliation plan. With
        ``commit`` each batch is committed on its own and the statements this import
        made before are continued; returns False when the run's time was up first."""
        self.ensure_one()
        StLine = self.env["account.bank.statement.line"].sudo().with_company(self.company_id)
        record = self.sudo()
        remaining = sum(len(data.lines) for data in statements)
        for data in statements:
            statement = record.statement_ids.filtered(
                lambda st, data=data: (st.name, st.date) == (data.name, data.date)
            ) or self.env["account.bank.statement"].sudo().create(
                {"name": data.name, "date": data.date, "housing_import_id": self.id}
            )
            for start in range(0, len(data.lines), BATCH_SIZE):
                batch = data.lines[start : start + BATCH_SIZE]
                remaining -= len(batch)
                known = StLine.search_fetch(
                    [("housing_import_key", "in", [line.key for line in batch])],
                    ["housing_import_key", "housing_import_id"],
                )
                known_keys = set(known.mapped("housing_import_key"))
                batch = [line for line in batch if line.key not in known_keys]
                if elsewhere := len(known.filtered(lambda line: line.housing_import_id != record)):
                    record.skipped_count += elsewhere
                if batch:
                    references = {line.reference for line in batch if line.reference}
                    items = StLine._housing_find_avier(references, self.company_id)
                    st_lines = StLine.create(
                        [self._line_values(journal, statement, line, items) for line in batch]
                    )
                    StLine._housing_reconcile(st_lines, items)
                if commit:
                    time_left = self.env["ir.cron"]._commit_progress(
                        len(batch), remaining=remaining
                    )
                    self.env.invalidate_all()
                    if not time_left and remaining:
                        return False
            if statement.line_ids:
                statement.balance_end_real = statement.balance_start + sum(
                    statement.line_ids.mapped("amount")
                )
            else:
                statement.unlink()
        return True

    def _line_values(self, journal, statement, line, items_by_reference):
        values = {
            "statement_id": statement.id,
            "journal_id": journal.id,
            "date": line.date,
            "amount": float(line.amount),
            "payment_ref": " ".join(filter(None, (line.reference, line.payer_name))) or "/",
            "partner_name": line.payer_name or False,
            "narration": line.note or False,
            "housing_import_id": self.id,
            "housing_import_key": line.key,
            "housing_reference": line.reference or False,
        }
        items = items_by_reference.get(line.reference)
        if items:
            # The payment is the avi's contact's, on their receivable account.
            values["partner_id"] = items.partner_id[:1].id
            values["counterpart_account_id"] = items.account_id[:1].id
        return values

    @api.model
    def _demo_import(self):
        """Demo data: a BGMax file from Bankgirot paying this month's demo avier: the
        first in full, the second in part, the third with too much, and a payment with
        an OCR number of no avi."""
        company = self.env.company
        company._housing_payment_setup()
        avier = self.env["account.move"].search(
            [
                ("company_id", "=", company.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("housing_period", "!=", False),
            ],
            order="housing_period, id",
            limit=3,
        )
        if not company.housing_bankgiro or len(avier) < 3:
            return
        amounts = (
            avier[0].amount_residual,
            round(avier[1].amount_residual / 2),
            avier[2].amount_residual + 500,
        )
        payments = [
            (avi.payment_reference, amount, avi.partner_id.name.upper())
            for avi, amount in zip(avier, amounts, strict=True)
        ]
        payments.append((ocr.make_reference("999999"), 1250, "OKÄND BETALARE"))
        today = stockholm_today()
        data = bgmax.write(
            ocr.bankgiro_digits(company.housing_bankgiro),
            [(today, "00001", payments)],
            fields.Datetime.now(),
        )
        self._import_file(data, f"BGMAX_{today:%Y%m%d}.txt")

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "housing_payment.action_housing_payment_lines"
        )
        action["domain"] = [("housing_import_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
