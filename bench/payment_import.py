#!/usr/bin/env python3
"""Benchmark: importing and matching a BGMax file of 12,000 payments (housing_payment),
with time, SQL queries (in all and per batch) and peak memory.

Run from the repository root (same Odoo and PostgreSQL as bin/test; the embedded cluster
in .local/ is started if it is not running, and left running):

    python3 bench/payment_import.py              # build the data set, measure, drop it
    python3 bench/payment_import.py --keep-db    # keep the scratch database afterwards

Options: --payments (12000: as many avier, one per tenant, and one payment each),
--db (scratch database, default bench_payment), --reuse-db (measure again on the data set
kept by --keep-db: the database is copied afresh from ``<db>_data``, the data set as built,
before anything was imported).

The data set: a company on the Swedish chart (BAS) with its bankgiro and bank journal,
one posted avi of 6,200 kr per tenant with its OCR number. The BGMax file has four
deposits; of the payments 80 % pay their avi exactly, 10 % in part (3,000 kr), 5 % too
much (7,000 kr) and 5 % carry an OCR number of no avi. Measured, each in a fresh process
so that its peak memory is the step's own:

1. the import of the file: statements, payments, matching (batches of 500 payments; a
   file of more than 1,000 payments is imported as the cron does it, a batch per
   transaction);
2. the same file again: nothing is created.

Results are printed and saved to bench/results/ (not committed).
"""

import argparse

from benchlib import (
    REPO,
    SWEDISH_COMPANY,
    drop_database,
    fresh_database,
    measure_steps,
    project_env,
    psql,
    run_script,
    save_result,
)

BUILD = (
    SWEDISH_COMPANY
    + r"""
import json, os
from datetime import date, datetime
from odoo import Command
from odoo.addons.housing_invoicing.tools import ocr
from odoo.addons.housing_payment.tools import bgmax

PAYMENTS = int(os.environ["BENCH_PAYMENTS"])
company._housing_payment_setup()
tenants = env["res.partner"].create(
    [{"name": f"Hyresgäst {i}", "is_housing_contact": True} for i in range(PAYMENTS)]
)
env.cr.commit()
references = [ocr.make_reference(f"{i + 1:08d}") for i in range(PAYMENTS)]
Move = env["account.move"]
for start in range(0, PAYMENTS, 500):
    Move.create([
        {"move_type": "out_invoice", "journal_id": company.housing_invoice_journal_id.id,
         "partner_id": tenants[i].id, "invoice_date": date(2027, 1, 1),
         "invoice_date_due": date(2027, 1, 29), "housing_period": date(2027, 2, 1),
         "payment_reference": references[i],
         "invoice_line_ids": [Command.create({
             "name": "Grundhyra februari 2027", "quantity": 1, "price_unit": 6200,
             "account_id": company.housing_account_base_id.id,
             "tax_ids": [Command.set(company.housing_exempt_tax_id.ids)]})]}
        for i in range(start, min(start + 500, PAYMENTS))
    ]).action_post()
    env.cr.commit()
    env.invalidate_all()
payments = []
for i, reference in enumerate(references):
    kind = i % 20
    if kind < 16:
        payments.append((reference, 6200, f"HYRESGÄST {i}"))
    elif kind < 18:
        payments.append((reference, 3000, f"HYRESGÄST {i}"))
    elif kind == 18:
        payments.append((reference, 7000, f"HYRESGÄST {i}"))
    else:
        payments.append((ocr.make_reference(f"9{i:08d}"), 6200, "OKÄND"))
quarter = -(-PAYMENTS // 4)
deposits = [(date(2027, 1, 25 + n), f"{n + 1:05d}", payments[n * quarter:(n + 1) * quarter])
            for n in range(4)]
data = bgmax.write("50501055", deposits, datetime(2027, 1, 29, 6, 0))
path = os.environ["BENCH_FILE"]
with open(path, "wb") as file:
    file.write(data)
print("BENCH_RESULT=" + json.dumps({
    "avier": Move.search_count([("move_type", "=", "out_invoice"), ("state", "=", "posted")]),
    "payments": len(payments), "file_bytes": len(data)}))
"""
)

RUN = r"""
import json, os, resource, time

env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_notrack=True))
StLine = type(env["account.bank.statement.line"])
cr = env.cr
marks = []
times = []
find = StLine._housing_find_avier
reconcile = StLine._housing_reconcile
own = []


def _housing_find_avier(self, references, company):
    # Called once at the start of each batch, after its look-up of known payments.
    marks.append(cr.sql_log_count - 1)
    times.append(time.perf_counter())
    before = cr.sql_log_count
    result = find(self, references, company)
    own.append(cr.sql_log_count - before)
    return result


def _housing_reconcile(self, st_lines, avier):
    before = cr.sql_log_count
    result = reconcile(self, st_lines, avier)
    own.append(cr.sql_log_count - before)
    return result


StLine._housing_find_avier = _housing_find_avier
StLine._housing_reconcile = _housing_reconcile
with open(os.environ["BENCH_FILE"], "rb") as file:
    data = file.read()
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
queries = cr.sql_log_count
started = time.perf_counter()
record = env["housing.payment.import"]._import_file(data, "BGMAX_20270129.txt")
queued = record.state == "queued"
if queued:
    # What the cron does with a large file: a batch per transaction.
    env["housing.payment.import"]._cron_import_queued()
env.flush_all()
seconds = time.perf_counter() - started
end = cr.sql_log_count
queries = end - queries
rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
env.cr.commit()
per_batch = [b - a for a, b in zip(marks, [*marks[1:], end])]
seconds_per_batch = [
    round(b - a, 1) for a, b in zip(times, [*times[1:], started + seconds])
]
lines = env["account.bank.statement.line"].search([("housing_import_id", "=", record.id)])
states = {}
for line in lines:
    states[line.housing_match_state] = states.get(line.housing_match_state, 0) + 1
avier = env["account.move"].search([("move_type", "=", "out_invoice")])
paid = {}
for avi in avier:
    paid[avi.payment_state] = paid.get(avi.payment_state, 0) + 1
print("BENCH_RESULT=" + json.dumps({
    "seconds": round(seconds, 1), "queries": queries, "payments": len(lines),
    "batches": len(marks), "in_background": queued,
    "queries_per_batch": [min(per_batch), max(per_batch)] if per_batch else None,
    "queries_by_batch": per_batch,
    "own_queries_per_batch": [min(own), max(own)] if own else None,
    "seconds_per_batch": seconds_per_batch,
    "ms_per_payment": round(1000 * seconds / len(lines), 1) if len(lines) else None,
    "queries_per_payment": round(queries / len(lines), 1) if len(lines) else None,
    "lines_by_state": states, "avier_by_payment_state": paid,
    "rss_before_mb": rss_before // 1024, "peak_rss_mb": rss_after // 1024}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_payment")
    parser.add_argument("--payments", type=int, default=12000)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--reuse-db", action="store_true", help="measure on the data set kept by --keep-db"
    )
    options = parser.parse_args()
    options.file = REPO / "bench" / "results" / f"{options.db}.bgmax"
    options.file.parent.mkdir(exist_ok=True)

    odoo, args = project_env()
    template = f"{options.db}_data"
    if options.reuse_db:
        drop_database(args, options.db)
        psql(args, f'CREATE DATABASE "{options.db}" TEMPLATE "{template}"')
        measure(odoo, args, options, {"reused": template})
        return
    drop_database(args, template)
    fresh_database(odoo, args, options.db, "housing_payment")
    env = {"BENCH_PAYMENTS": str(options.payments), "BENCH_FILE": str(options.file)}
    data = run_script(odoo, args, options.db, "Generating the data set", BUILD, env)
    print(f"  {data}", flush=True)
    if options.keep_db:
        psql(args, f'CREATE DATABASE "{template}" TEMPLATE "{options.db}"')
    measure(odoo, args, options, data)


def measure(odoo, args, options, data):
    env = {"BENCH_FILE": str(options.file)}
    labels = ("import and match the BGMax file", "the same file again (nothing new)")
    steps = measure_steps(odoo, args, options.db, RUN, [(label, env) for label in labels])

    print(f"\n{'step':40} {'s':>7} {'payments':>8} {'queries':>8} {'q/batch':>12} {'peak MB':>8}")
    for step in steps:
        print(
            f"{step['step']:40} {step['seconds']:7.1f} {step['payments']:8d} "
            f"{step['queries']:8d} {step['queries_per_batch']!s:>12} {step['peak_rss_mb']:8d}"
        )
    save_result("payment_import", {"data": data, "steps": steps})
    if not options.keep_db:
        drop_database(args, options.db)
        options.file.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
