#!/usr/bin/env python3
"""Benchmark: the monthly rent run (avier), with time, SQL queries per avi and memory.

Run from the repository root (same Odoo and PostgreSQL as bin/test; the embedded cluster
in .local/ is started if it is not running, and left running):

    python3 bench/rent_invoicing.py              # build the data set, measure, drop it
    python3 bench/rent_invoicing.py --keep-db    # keep the scratch database afterwards

Options: --contacts (12000 tenants, each with a home), --leases (20000 leases in all: the
homes, then parking spaces and storage rooms for the first tenants), --batch (contacts
per batch and transaction, default 500), --db (scratch database, default bench_rent).

The data set: a company on the Swedish chart (BAS) with the rent accounts, 50 properties,
one home per contact (a tenth with a co-tenant), the remaining leases parking spaces and
storage rooms of the first contacts (samavisering puts them on the home's avi), a twentieth
of the homes starting in the billed month (pro rata). Measured, each in a fresh process so
that its peak memory is the run's own:

1. the monthly run of a month nobody was billed for (committing every batch, as the cron);
2. the same month again: nothing new is created;
3. a retroactive rent change of every home from the month before, then the next month:
   each avi carries the difference for the month already billed.

Results are printed and saved to bench/results/ (not committed).
"""

import argparse

from benchlib import (
    SWEDISH_COMPANY,
    drop_database,
    fresh_database,
    measure_steps,
    project_env,
    run_script,
    save_result,
)

BUILD = (
    SWEDISH_COMPANY
    + r"""
import json, os
from datetime import date
from odoo import Command

CONTACTS = int(os.environ["BENCH_CONTACTS"])
LEASES = int(os.environ["BENCH_LEASES"])
area = env["housing.residential.area"].create({"code": "BEN", "name": "Bänkområde"})
props = env["housing.property"].create(
    [{"code": f"8{i:04d}", "name": f"HYRESGÅRDEN {i}", "residential_area_id": area.id}
     for i in range(50)]
)
Object = env["housing.rental.object"]
others = LEASES - CONTACTS
kinds = ["residence"] * CONTACTS + ["parking" if i % 4 else "storage" for i in range(others)]
objects = Object.create(
    [{"code": f"8{i % 50:02d}-{i:06d}", "object_type": kind, "property_id": props[i % 50].id,
      "base_rent": {"residence": 6200, "parking": 450, "storage": 150}[kind],
      **({"parking_type": "outdoor"} if kind == "parking" else {})}
     for i, kind in enumerate(kinds)]
)
tenants = env["res.partner"].create(
    [{"name": f"Hyresgäst {i}", "is_housing_contact": True, "street": f"Hyresvägen {i}",
      "zip": "722 11", "city": "Västerås"} for i in range(CONTACTS + CONTACTS // 10)]
)
Lease = env["housing.lease"]
values = []
for i, rental_object in enumerate(objects):
    tenant = tenants[i if i < CONTACTS else (i - CONTACTS) % CONTACTS]
    lines = [Command.create({"partner_id": tenant.id, "role": "main"})]
    if i < CONTACTS and i % 10 == 0:
        lines.append(Command.create({"partner_id": tenants[CONTACTS + i // 10].id, "role": "co"}))
    start = date(2027, 1, 15) if i < CONTACTS and i % 20 == 7 else date(2024, 1, 1)
    values.append({"rental_object_id": rental_object.id, "date_start": start,
                   "tenant_line_ids": lines})
for start in range(0, len(values), 1000):
    Lease.create(values[start:start + 1000]).action_confirm()
    env.cr.commit()
    env.invalidate_all()
print("BENCH_RESULT=" + json.dumps({
    "contacts": len({v["tenant_line_ids"][0][2]["partner_id"] for v in values}),
    "leases": Lease.search_count([]), "rent_lines": env["housing.lease.rent.line"].search_count([]),
    "co_tenants": CONTACTS // 10}))
"""
)

RUN = r"""
import json, os, resource, time
from datetime import date, timedelta

PERIOD = date.fromisoformat(os.environ["BENCH_PERIOD"])
BATCH = int(os.environ["BENCH_BATCH"])
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_notrack=True))
if os.environ.get("BENCH_RENT_CHANGE"):
    # What the yearly rent change does to every home, effective the month already billed.
    day = date.fromisoformat(os.environ["BENCH_RENT_CHANGE"])
    RentLine = env["housing.lease.rent.line"]
    lines = RentLine.search([("lease_id.lease_type", "=", "residence"), ("date_to", "=", False)])
    later = lines.filtered(lambda line: line.date_from >= day)
    for line in later:
        line.amount += 250
    closed = lines - later
    new = [{"lease_id": l.lease_id.id, "kind": l.kind, "name": l.name, "amount": l.amount + 250,
            "date_from": day} for l in closed]
    closed.date_to = day - timedelta(days=1)
    RentLine.create(new)
    env.cr.commit()
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cr = env.cr
queries = cr.sql_log_count
started = time.perf_counter()
moves = env["housing.invoice.billing"]._run(PERIOD, env.company, PERIOD - timedelta(days=20),
                                            batch_size=BATCH, commit=True)
seconds = time.perf_counter() - started
queries = cr.sql_log_count - queries
rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
lines = env["account.move.line"].search_count(
    [("move_id", "in", moves.ids), ("display_type", "=", "product")])
print("BENCH_RESULT=" + json.dumps({
    "seconds": round(seconds, 1), "queries": queries, "avier": len(moves),
    "invoice_lines": lines,
    "queries_per_avi": round(queries / len(moves), 1) if moves else None,
    "ms_per_avi": round(1000 * seconds / len(moves), 1) if moves else None,
    "rss_before_mb": rss_before // 1024, "peak_rss_mb": rss_after // 1024}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_rent")
    parser.add_argument("--contacts", type=int, default=12000)
    parser.add_argument("--leases", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--reuse-db", action="store_true", help="measure on the data set kept by --keep-db"
    )
    options = parser.parse_args()

    odoo, args = project_env()
    if options.reuse_db:
        measure(odoo, args, options, {"reused": options.db})
        return
    fresh_database(odoo, args, options.db, "housing_invoicing")
    env = {"BENCH_CONTACTS": str(options.contacts), "BENCH_LEASES": str(options.leases)}
    data = run_script(odoo, args, options.db, "Generating the data set", BUILD, env)
    print(f"  {data}", flush=True)
    measure(odoo, args, options, data)


def measure(odoo, args, options, data):
    steps = measure_steps(
        odoo,
        args,
        options.db,
        RUN,
        [
            (label, {"BENCH_PERIOD": period, "BENCH_BATCH": str(options.batch), **extra})
            for label, period, extra in (
                ("monthly run, January (pro rata for new leases)", "2027-01-01", {}),
                ("same month again (nothing new)", "2027-01-01", {}),
                (
                    "February after a rent change from January",
                    "2027-02-01",
                    {"BENCH_RENT_CHANGE": "2027-01-01"},
                ),
            )
        ],
    )

    print(f"\n{'step':48} {'s':>7} {'avier':>6} {'lines':>7} {'q/avi':>6} {'peak MB':>8}")
    for step in steps:
        print(
            f"{step['step']:48} {step['seconds']:7.1f} {step['avier']:6d} "
            f"{step['invoice_lines']:7d} {step['queries_per_avi'] or 0:6} {step['peak_rss_mb']:8d}"
        )
    save_result("rent_invoicing", {"data": data, "steps": steps})
    if not options.keep_db:
        drop_database(args, options.db)


if __name__ == "__main__":
    main()
