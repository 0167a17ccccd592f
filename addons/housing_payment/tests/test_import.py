import base64
from datetime import date, datetime
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..models import housing_payment_import as payment_import
from ..tools import bgmax
from .common import (
    DEDUCTION,
    EXACT,
    INVALID,
    OVER,
    PARTIAL,
    UNKNOWN,
    HousingPaymentCase,
    sample,
    truncated,
)


@tagged("housing_payment", "post_install", "-at_install")
class TestPaymentImport(HousingPaymentCase):
    def assert_matched(self, record):
        """The sample files' payments, matched by OCR number."""
        self.assertEqual(self.avi_exact.payment_state, "paid")
        self.assertEqual(self.line(record, EXACT).housing_match_state, "matched")
        self.assertEqual(self.line(record, EXACT).housing_avi_ids, self.avi_exact)
        # 3,000 and 3,200 of 9,000: the rest stays open on the avi.
        self.assertEqual(self.avi_partial.payment_state, "partial")
        self.assertEqual(self.avi_partial.amount_residual, 2800)
        # 7,000 for 6,200: paid, and 800 stays an open credit of the tenant for staff.
        self.assertEqual(self.avi_over.payment_state, "paid")
        over = self.line(record, OVER)
        self.assertEqual((over.housing_match_state, over.housing_open_amount), ("overpaid", 800))
        self.assertEqual(over.partner_id, self.co_tenant)
        for reference, amount in ((UNKNOWN, 1500), (DEDUCTION, -500)):
            line = self.line(record, reference)
            self.assertEqual(line.housing_match_state, "unmatched")
            self.assertEqual(line.housing_open_amount, amount)
            self.assertFalse(line.partner_id)
        self.assertEqual(record.line_count, 7)
        self.assertEqual(record.matched_count, 3)
        self.assertEqual(record.open_count, 4)
        self.assertEqual(record.amount_open, 1500 + 900 - 500 + 800)
        queue = self.StLine.search(
            [("housing_import_id", "=", record.id), ("housing_match_state", "!=", "matched")]
        )
        self.assertEqual(len(queue), 4)

    def test_bgmax_sample(self):
        record = self.import_sample("bgmax_sample.txt")
        self.assertEqual(record.file_format, "bgmax")
        self.assertEqual(len(record.statement_ids), 2)
        self.assertEqual(record.statement_ids.journal_id, self.journal)
        self.assertEqual(
            sorted(record.statement_ids.mapped("balance_end_real")), sorted([18100.0, 21300.0])
        )
        self.assert_matched(record)
        self.assertEqual(self.line(record, INVALID).housing_match_state, "unmatched")
        partial = self.line(record, PARTIAL, 3000)
        self.assertEqual(partial.narration and "Resten betalar" in str(partial.narration), True)
        self.assertEqual(partial.partner_name, "BERTIL BERGSTRÖM")

    def test_camt054_sample(self):
        record = self.import_sample("camt054_sample.xml")
        self.assertEqual(record.file_format, "camt054")
        self.assertEqual(len(record.statement_ids), 1)
        self.assert_matched(record)
        invalid = record.line_ids.filtered(lambda line: not line.partner_id and line.amount == 900)
        self.assertEqual(invalid.housing_match_state, "unmatched")

    def test_reimport_creates_nothing(self):
        first = self.import_sample("bgmax_sample.txt")
        lines = self.StLine.search_count([])
        again = self.import_sample("bgmax_sample.txt")
        self.assertEqual(again, first)
        self.assertEqual(self.StLine.search_count([]), lines)
        self.assertEqual(self.avi_partial.amount_residual, 2800)
        # Another file with a payment already imported: only the new one is added.
        data = sample("bgmax_sample.txt").replace(
            b"0120260130053012345678P", b"0120260131000000000000P"
        )
        overlapping = self.Import._import_file(data, "copy.txt")
        self.assertNotEqual(overlapping, first)
        self.assertEqual(overlapping.skipped_count, 7)
        self.assertFalse(overlapping.line_ids)
        self.assertFalse(overlapping.statement_ids)
        self.assertEqual(self.StLine.search_count([]), lines)

    def test_bad_files_leave_nothing(self):
        lines = self.StLine.search_count([])
        cases = [
            (b"hello", "neither a BGMax file from Bankgirot nor a camt.054 file"),
            (truncated(), "line 20: the file has no end record (70)"),
            (
                sample("bgmax_sample.txt").replace(b"0050501055", b"0009912346"),
                "The file is for bankgiro 9912346, not for the company's bankgiro 5050-1055.",
            ),
        ]
        for data, message in cases:
            with self.subTest(message), self.assertRaises(UserError) as caught:
                self.Import._import_file(data, "x.txt")
            self.assertIn(message, str(caught.exception))
        self.assertEqual(self.StLine.search_count([]), lines)
        self.assertFalse(self.Import.search([]))
        with self.assertRaisesRegex(UserError, "not base64-encoded"):
            self.Import.import_file("%%%", "x.txt")

    def test_no_journal(self):
        self.company.housing_payment_journal_id = False
        with self.assertRaisesRegex(UserError, "has no bankgiro payments journal"):
            self.import_sample("bgmax_sample.txt")

    def test_match_by_hand(self):
        record = self.import_sample("bgmax_sample.txt")
        unknown = self.line(record, UNKNOWN)
        wizard = Form(
            self.env["housing.payment.match.wizard"].with_context(
                default_statement_line_id=unknown.id
            )
        )
        wizard.move_id = self.avi_partial
        wizard.save().action_match()
        self.assertEqual(unknown.housing_match_state, "matched")
        self.assertEqual(unknown.partner_id, self.other_tenant)
        self.assertEqual(unknown.housing_avi_ids, self.avi_partial)
        self.assertEqual(self.avi_partial.amount_residual, 1300)
        # The surplus of an overpayment goes to another avi of the tenant.
        later = self.make_avi(self.co_tenant, 6200, "202600010625", due=date(2026, 2, 27))
        over = self.line(record, OVER)
        over._housing_match(later)
        self.assertEqual(over.housing_match_state, "matched")
        self.assertEqual(later.amount_residual, 5400)
        with self.assertRaisesRegex(UserError, "already matched in full"):
            over._housing_match(self.avi_partial)

    def test_import_wizard(self):
        wizard = self.env["housing.payment.import.wizard"].create(
            {
                "data_file": base64.b64encode(sample("bgmax_sample.txt")),
                "filename": "BGMAX.txt",
            }
        )
        action = wizard.action_import()
        record = self.Import.browse(action["res_id"])
        self.assertEqual(record.name, "BGMAX.txt")
        self.assertEqual(record.line_count, 7)

    def test_batches(self):
        """Payments over several batches, two for one avi in different batches."""
        payments = [("", 1, "")] * 600
        payments[0] = (PARTIAL, 4000, "")
        payments[599] = (PARTIAL, 5000, "")
        data = bgmax.write("50501055", [(date(2026, 1, 30), "00001", payments)], datetime.now())
        record = self.Import._import_file(data, "big.txt")
        self.assertEqual(record.line_count, 600)
        self.assertEqual(self.avi_partial.payment_state, "paid")
        self.assertEqual(record.open_count, 598)

    def test_large_file_in_the_background(self):
        """A file of more payments than a request may take is checked at once and
        imported in the background, a batch per transaction; a run whose time is up
        stops after a batch and the next one goes on from there."""
        self.import_sample("bgmax_sample.txt")
        payments = [(UNKNOWN, 100 + i, f"BETALARE {i}") for i in range(10)]
        payments[8] = (PARTIAL, 2800, "ANNA")
        deposits = [
            (date(2026, 1, 30), "00001", payments[:6]),
            (date(2026, 2, 2), "00002", payments[6:]),
        ]
        data = bgmax.write("50501055", deposits, datetime(2026, 2, 2, 6, 0))
        Cron = type(self.env["ir.cron"])
        with (
            patch.object(payment_import, "IMMEDIATE_LIMIT", 5),
            patch.object(payment_import, "BATCH_SIZE", 4),
        ):
            record = self.Import._import_file(data, "BGMAX_stor.txt")
            self.assertEqual((record.state, record.payment_count), ("queued", 10))
            self.assertFalse(record.line_ids)
            self.assertTrue(record.sudo().file_data)
            self.assertEqual(self.Import._import_file(data, "igen.txt"), record)
            with patch.object(Cron, "_commit_progress", lambda *a, **k: 0):
                self.Import._cron_import_queued()
            self.assertEqual((record.state, record.line_count), ("queued", 4))
            self.assertEqual(self.avi_partial.payment_state, "partial")
            with patch.object(Cron, "_commit_progress", lambda *a, **k: 60):
                self.Import._cron_import_queued()
        self.assertEqual((record.state, record.line_count), ("done", 10))
        self.assertFalse(record.sudo().file_data, "the payers' names are not kept")
        self.assertEqual(len(record.statement_ids), 2)
        self.assertEqual(
            [st.balance_end_real - st.balance_start for st in record.statement_ids.sorted("date")],
            [sum(p[1] for p in payments[:6]), sum(p[1] for p in payments[6:])],
        )
        self.assertEqual(self.avi_partial.payment_state, "paid")
        self.assertEqual(record.skipped_count, 0)

    def test_payments_numbered_one_after_the_other(self):
        """The journal entries of a file's payments get the journal's numbers one after
        the other, across the new year and after an entry made by hand, and no gap is
        flagged; a payment costs the same queries whatever the size of its batch (the
        numbering format is looked up once per journal and date, not per entry)."""
        manual = self.StLine.create(
            {"journal_id": self.journal.id, "date": date(2026, 1, 29), "amount": 10,
             "payment_ref": "Insättning"}
        )  # fmt: skip
        counts = []
        for size in (10, 40):
            payments = [(UNKNOWN, 100 + i, f"BETALARE {size} {i}") for i in range(size)]
            deposits = [
                (date(2025, 12, 30), f"{size:05d}", payments[: size // 2]),
                (date(2026, 1, 2), f"{size + 1:05d}", payments[size // 2 :]),
            ]
            data = bgmax.write("50501055", deposits, datetime(2026, 1, 2, 6, 0))
            before = self.env.cr.sql_log_count
            self.Import._import_file(data, f"BGMAX_{size}.txt")
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        moves = self.env["account.move"].search(
            [("journal_id", "=", self.journal.id)], order="sequence_prefix, sequence_number"
        )
        self.assertEqual(len(moves), 1 + 10 + 40)
        self.assertEqual(len(set(moves.mapped("name"))), len(moves))
        for prefix in set(moves.mapped("sequence_prefix")):
            numbers = moves.filtered(lambda m, p=prefix: m.sequence_prefix == p).mapped(
                "sequence_number"
            )
            self.assertEqual(numbers, list(range(1, len(numbers) + 1)), prefix)
        self.assertEqual(len(set(moves.mapped("sequence_prefix"))), 2, "2025 and 2026")
        self.assertTrue(all(move._sequence_matches_date() for move in moves))
        self.assertLess(manual.move_id.sequence_number, moves[-1].sequence_number + 1)
        self.assertFalse(moves.filtered("made_sequence_gap"))
        self.assertFalse(self.journal.has_sequence_holes)
        per_payment = (counts[1] - counts[0]) / 30
        self.assertLess(per_payment, 10, f"{per_payment:.1f} queries per payment")

    def test_avier_of_a_batch_in_one_query(self):
        """The look-up of the avier does not grow with the payments of a batch."""
        counts = []
        for references in ([EXACT], [EXACT, PARTIAL, OVER, UNKNOWN, INVALID, DEDUCTION]):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            items = self.StLine._housing_find_avier(references, self.company)
            partners = {reference: lines.partner_id for reference, lines in items.items()}
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(partners[EXACT], self.tenant)
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(
            set(items), {EXACT, PARTIAL, OVER}, "no look-up of a reference failing the check"
        )

    def test_a_payment_key_is_unique(self):
        """Two imports at the same time of files with the same payment: the database
        refuses the second line (the import it belongs to is rolled back as a whole)."""
        record = self.import_sample("bgmax_sample.txt")
        line = self.line(record, EXACT)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.StLine.create(
                    {
                        "journal_id": self.journal.id,
                        "amount": 1,
                        "payment_ref": "x",
                        "housing_import_key": line.housing_import_key,
                    }
                )
