#!/usr/bin/env python3
"""Benchmark: parking queue offer rounds, with time and SQL query counts as figures.

Run from the repository root (same Odoo and PostgreSQL as bin/test; the embedded cluster
in .local/ is started if it is not running, and left running):

    python3 bench/parking_offer_round.py              # build the data set, measure, drop it
    python3 bench/parking_offer_round.py --keep-db    # keep the scratch database afterwards

Options: --applicants (5000 tenants with a home, all applying for one listing),
--listings (500 listings for the nightly run, --per-listing 20 applicants each),
--db (scratch database, default bench_parking).

The data set: 10 residential areas (3 of them residents-only), 100 properties, one home
per tenant with a current lease, a fifth of the tenants with one parking lease and a
twentieth with two, queue memberships with start dates over 15 years, and parking spaces
for the listings. Measured:

1. one offer round over a listing with all applicants (ranking every applicant, storing
   the ranking, making the offer with its snapshot, queueing the e-mail), and the same
   over a listing with a fifth of them: the query count must not grow with applicants;
2. accepting that offer (lease, assigned-to-other for everyone else and their e-mails);
3. the nightly cron over the listings whose publication ended (one offer each).

Results are printed and saved to bench/results/ (not committed).
"""

import argparse
import sys

from benchlib import drop_database, fresh_database, project_env, run_script, save_result

SCRIPT = r"""
import json, os, random, time
from datetime import date, timedelta
from stdnum import luhn
from odoo import Command

random.seed(11)
APPLICANTS = int(os.environ["BENCH_APPLICANTS"])
LISTINGS = int(os.environ["BENCH_LISTINGS"])
PER_LISTING = int(os.environ["BENCH_PER_LISTING"])
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_notrack=True))
cr = env.cr
today = date.today()

def timed(label, func):
    env.flush_all()
    env.invalidate_all()
    queries = cr.sql_log_count
    started = time.perf_counter()
    result = func()
    env.flush_all()
    return result, {"step": label, "seconds": round(time.perf_counter() - started, 3),
                    "queries": cr.sql_log_count - queries}

# ---------------------------------------------------------------- data set
areas = env["housing.residential.area"].create(
    [{"code": f"Q{i}", "name": f"Köområde {i}", "parking_residents_only": i < 3}
     for i in range(10)]
)
props = env["housing.property"].create(
    [{"code": f"7{i:04d}", "name": f"KÖGÅRDEN {i}", "residential_area_id": areas[i % 10].id}
     for i in range(100)]
)
Object = env["housing.rental.object"]
homes = Object.create(
    [{"code": f"7{i % 100:02d}-{i:05d}", "object_type": "residence",
      "property_id": props[i % 100].id, "base_rent": 6000} for i in range(APPLICANTS)]
)
spaces_needed = APPLICANTS // 5 + APPLICANTS // 10 + LISTINGS + 2
spaces = Object.create(
    [{"code": f"7{i % 100:02d}-P{i:05d}", "object_type": "parking", "parking_type": "outdoor",
      "property_id": props[i % 100].id, "base_rent": 400} for i in range(spaces_needed)]
)
def personal_number(i):
    # Applying needs an identified contact: a valid personnummer, different for each.
    birth = date(1930, 1, 1) + timedelta(days=i // 1000)
    digits = f"{birth:%y%m%d}{i % 1000:03d}"
    return f"{birth:%Y}{digits[2:]}{luhn.calc_check_digit(digits)}"

tenants = env["res.partner"].create(
    [{"name": f"Köande {i}", "is_housing_contact": True, "street": f"Kögatan {i}",
      "zip": "722 11", "city": "Västerås", "personal_number": personal_number(i)}
     for i in range(APPLICANTS)]
)
Lease = env["housing.lease"]
lease_vals = [
    {"rental_object_id": home.id, "date_start": date(2020, 1, 1),
     "tenant_line_ids": [Command.create({"partner_id": tenant.id})]}
    for home, tenant in zip(homes, tenants)
]
free_spaces = iter(spaces)
for i, tenant in enumerate(tenants):
    for _ in range(2 if i % 20 == 0 else 1 if i % 5 == 0 else 0):
        lease_vals.append(
            {"rental_object_id": next(free_spaces).id, "date_start": date(2021, 1, 1),
             "tenant_line_ids": [Command.create({"partner_id": tenant.id})]}
        )
for start in range(0, len(lease_vals), 1000):
    Lease.create(lease_vals[start:start + 1000]).action_confirm()
env["housing.queue.membership"].create(
    [{"partner_id": t.id, "queue_start_date": today - timedelta(days=random.randint(0, 5500))}
     for t in tenants]
)
Listing = env["housing.listing"]
Application = env["housing.application"].with_context(housing_letting_apply=True)
remaining = list(free_spaces)

def listing_with(space, partners):
    listing = Listing.create({"rental_object_id": space.id, "date_from": today - timedelta(14),
                              "date_to": today - timedelta(1), "vacant_from": today})
    Application.create([{"listing_id": listing.id, "partner_id": p.id,
                         "application_type": random.choice(("replace", "additional"))}
                        for p in partners])
    return listing

# Listings in ordinary areas (3 to 9), so that most applicants are rankable.
ordinary = [s for s in remaining if s.residential_area_id.code not in ("Q0", "Q1", "Q2")]
big = listing_with(ordinary[0], tenants)
small = listing_with(ordinary[1], tenants[: len(tenants) // 5])
nightly = Listing.browse()
for space in (ordinary[2:] + [s for s in remaining if s not in ordinary])[:LISTINGS]:
    nightly |= listing_with(space, random.sample(list(tenants), PER_LISTING))
cr.commit()
results = {"data": {
    "rental_objects": Object.search_count([]), "leases": Lease.search_count([]),
    "applicants_big_listing": len(big.application_ids),
    "applicants_small_listing": len(small.application_ids),
    "nightly_listings": len(nightly), "nightly_applications": PER_LISTING * len(nightly)}}
steps = []

# ---------------------------------------------------------------- measurements
(big | small).write({"state": "ready"})
cr.commit()
# The smaller listing first: the first round also warms Odoo's caches.
_, step = timed(f"offer round, {len(small.application_ids)} applicants",
                lambda: small._start_offer_rounds())
steps.append(step)
offer, step = timed(f"offer round, {len(big.application_ids)} applicants",
                    lambda: big._start_offer_rounds())
steps.append(step)
cr.commit()
lease, step = timed(f"accept, {len(big.application_ids) - 1} others told",
                    lambda: offer.action_accept())
steps.append(step)
cr.commit()
offers_before = env["housing.offer"].search_count([])
_, step = timed(f"nightly cron, {len(nightly)} listings", lambda: Listing._cron_run_queue())
step["offers_made"] = env["housing.offer"].search_count([]) - offers_before
step["queries_per_listing"] = round(step["queries"] / max(len(nightly), 1), 1)
steps.append(step)
cr.commit()
results["steps"] = steps
print("BENCH_RESULT=" + json.dumps(results))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_parking")
    parser.add_argument("--applicants", type=int, default=5000)
    parser.add_argument("--listings", type=int, default=500)
    parser.add_argument("--per-listing", type=int, default=20)
    parser.add_argument("--keep-db", action="store_true")
    options = parser.parse_args()

    odoo, args = project_env()
    fresh_database(odoo, args, options.db, "housing_parking_queue")
    env = {
        "BENCH_APPLICANTS": str(options.applicants),
        "BENCH_LISTINGS": str(options.listings),
        "BENCH_PER_LISTING": str(options.per_listing),
    }
    result = run_script(odoo, args, options.db, "Making the data set and measuring", SCRIPT, env)
    print("\nData set: " + ", ".join(f"{k} {v}" for k, v in result["data"].items()))
    print(f"\n{'step':45} {'seconds':>8} {'queries':>8}")
    for step in result["steps"]:
        print(f"{step['step']:45} {step['seconds']:8.2f} {step['queries']:8d}")
    nightly = result["steps"][-1]
    print(
        f"\nnightly: {nightly['offers_made']} offers, "
        f"{nightly['queries_per_listing']} queries per listing"
    )
    save_result("parking_offer_round", result)
    if not options.keep_db:
        drop_database(args, options.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
