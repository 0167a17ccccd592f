#!/usr/bin/env python3
"""Benchmark: the letting engine with one listing of many applicants (issue 21).

Run from the repository root (same Odoo and PostgreSQL as bin/test; the embedded cluster
in .local/ is started if it is not running, and left running):

    python3 bench/letting_ranking.py                       # 50,000 applicants
    python3 bench/letting_ranking.py --applicants 5000 --keep-db
    python3 bench/letting_ranking.py --profile rank        # cProfile one step (top 30)

Options: --applicants (50,000 contacts applying for one listing), --with-leases (how many
of them hold a home lease, which a scored parking listing needs: all by default; a fifth
of those hold a parking lease too), --db (scratch database,
default bench_letting), --profile STEP, --tracemalloc (peak Python memory of each step;
slower, so the seconds are not comparable with a run without it), --steps (some of
them, in order: a later step needs those before it, e.g. rank,first_offer_round).

The data set is made in SQL (INSERT ... SELECT generate_series, cloning one contact,
membership, home, lease and application made by the ORM), in well under a minute for
50,000 applicants: the ORM would take a quarter of an hour. Then, in this order, each a
function of STEPS (a step gets the shared ``ctx`` and may add to it):

1. ``apply``: one more contact applies while the listing holds every application;
2. ``rank``: rank the listing (facts, verdicts, sort, stored ranks, the staff table not
   built), and a listing of a tenth of the applicants: the queries must not grow; then
   the same listing again (every rank already stored: nothing written);
3. ``listing_page``: what the portal page reads for one applicant (their applications
   with their stored place, the listings, their eligibility, the number of applicants);
4. ``viewing_round``: with a viewing round in the policy, end the publication and invite
   the first ten (ranking, the audit of every applicant, ten invitations and e-mails);
   the round is then ended and the policy set back for the next step;
5. ``first_offer_round``: end the publication and offer the listing (ranking, the audit
   round of every applicant, the offer, its e-mail);
6. ``accept``: the offer is accepted (lease, everybody else told by e-mail).

A new step is a function ``step_<name>(ctx)`` returning ``timed(...)[1]`` (or a list of
them), added to STEPS in the place it runs.

Figures: seconds, SQL queries and the peak resident memory of the process after each
step (and the peak Python memory with --tracemalloc). Printed and saved to
bench/results/ (not committed).
"""

import argparse
import subprocess
import sys
import time

from benchlib import fresh_database, odoo_shell, project_env, psql, save_result, shell_result

SCRIPT = r"""
import cProfile, io, json, os, pstats, resource, time, tracemalloc
from datetime import date, timedelta
from odoo import Command
from stdnum import luhn
from odoo.tools import SQL

APPLICANTS = int(os.environ["BENCH_APPLICANTS"])
WITH_LEASES = int(os.environ["BENCH_WITH_LEASES"])
PROFILE = os.environ.get("BENCH_PROFILE")
TRACEMALLOC = bool(os.environ.get("BENCH_TRACEMALLOC"))
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_notrack=True))
cr = env.cr
today = date.today()


def personal_number(serial):
    digits = f"800101{serial:03d}"
    return f"19800101-{serial:03d}{luhn.calc_check_digit(digits)}"


def clone(model, template, source, overrides):
    # INSERT one row per row of ``source`` (SQL giving columns i and the ones the
    # overrides use) copying ``template`` (a record) but for ``overrides`` {column: SQL
    # expression}; returns the number of rows.
    table = env[model]._table
    cr.execute(SQL(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name <> 'id' ORDER BY ordinal_position", table))
    columns = [row[0] for row in cr.fetchall()]
    values = [overrides.get(column, f't."{column}"') for column in columns]
    names = ", ".join('"%s"' % column for column in columns)
    cr.execute(
        f'INSERT INTO "{table}" ({names}) SELECT {", ".join(values)} '
        f'FROM "{table}" t, ({source}) src WHERE t.id = {template.id}'
    )
    return cr.rowcount


def build():
    area = env["housing.residential.area"].create({"code": "BQ", "name": "Bänkområde"})
    prop = env["housing.property"].create(
        {"code": "80000", "name": "BÄNKGÅRDEN 1", "residential_area_id": area.id})
    Object = env["housing.rental.object"]
    spaces = Object.create(
        [{"code": f"800-P-{n:03d}", "object_type": "parking", "parking_type": "outdoor",
          "property_id": prop.id, "base_rent": 400} for n in range(4)])
    home = Object.create({"code": "800-H-000000", "object_type": "residence",
                          "property_id": prop.id, "base_rent": 6000})
    template = env["res.partner"].create(
        {"name": "Köande 0", "is_housing_contact": True, "street": "Kögatan 1",
         "zip": "722 11", "city": "Västerås", "personal_number": personal_number(1)})
    lease = env["housing.lease"].create(
        {"rental_object_id": home.id, "date_start": date(2020, 1, 1),
         "tenant_line_ids": [Command.create({"partner_id": template.id})]})
    lease.action_confirm()
    membership = env["housing.queue.membership"].sudo().with_context(
        housing_queue_correction=True).create(
        {"partner_id": template.id, "queue_type": "parking_internal",
         "queue_start_date": today - timedelta(days=4000)})
    Listing = env["housing.listing"].with_context(default_category="parking")
    big, small = (Listing.create({"rental_object_id": space.id,
                                  "date_from": today - timedelta(14),
                                  "date_to": today + timedelta(1), "vacant_from": today})
                  for space in spaces[:2])
    Application = env["housing.application"].with_context(housing_letting_apply=True)
    application = Application.create({"listing_id": big.id, "partner_id": template.id,
                                      "application_type": "additional"})
    env.flush_all()
    n = APPLICANTS - 1
    clone("res.partner", template, f"SELECT i FROM generate_series(1, {n}) i", {
        "name": "'Köande ' || i", "complete_name": "'Köande ' || i",
        "customer_number": "'B' || lpad(i::text, 7, '0')",
        # Unique and well formed; the ORM's check is not run on SQL inserts.
        "personal_number": "to_char(date '1930-01-01' + i / 900, 'YYYYMMDD') || '-' "
                           "|| lpad((i % 900 + 100)::text, 3, '0') || (i % 10)",
        "street": "'Kögatan ' || i",
    })
    cr.execute("CREATE TEMP TABLE bench_partner AS SELECT substr(customer_number, 2)::int AS i, "
               "id FROM res_partner WHERE customer_number ~ '^B[0-9]{7}$'")
    cr.execute("UPDATE res_partner p SET commercial_partner_id = p.id FROM bench_partner b "
               "WHERE p.id = b.id")
    clone("housing.queue.membership", membership, "SELECT i, id FROM bench_partner", {
        "partner_id": "src.id",
        "queue_start_date": f"date '{today}' - (i * 7919 % 5500)",
    })
    clone("housing.application", application, "SELECT i, id FROM bench_partner", {
        "partner_id": "src.id",
        "application_type": "CASE WHEN i % 3 = 0 THEN 'replace' ELSE 'additional' END",
        "create_date": "t.create_date + i * interval '1 second'",
    })
    # A tenth of them apply for the small listing too.
    clone("housing.application", application,
          "SELECT i, id FROM bench_partner WHERE i % 10 = 0", {
              "partner_id": "src.id", "listing_id": str(small.id)})
    # Homes and home leases of the first ones (a fifth of those with a parking lease too:
    # priority 2 instead of 1).
    leased = min(WITH_LEASES, n)
    clone("housing.rental.object", home, f"SELECT i FROM generate_series(1, {leased}) i",
          {"code": "'800-H-' || lpad(i::text, 6, '0')"})
    clone("housing.rental.object", spaces[0],
          f"SELECT i FROM generate_series(1, {leased // 5}) i",
          {"code": "'800-Q-' || lpad(i::text, 6, '0')"})
    cr.execute("CREATE TEMP TABLE bench_object AS SELECT substr(code, 7)::int AS i, code, id, "
               "object_type FROM housing_rental_object WHERE code ~ '^800-[HQ]-[0-9]{6}$' "
               "AND code <> '800-H-000000'")
    clone("housing.lease", lease,
          "SELECT o.i, o.code, o.object_type, b.id AS partner_id, o.id AS object_id "
          "FROM bench_object o JOIN bench_partner b ON b.i = o.i",
          {"rental_object_id": "src.object_id", "name": "'BENCH-' || src.code",
           "partner_id": "src.partner_id",
           "lease_type": "CASE WHEN src.object_type = 'parking' THEN 'parking' "
                         "ELSE t.lease_type END"})
    cr.execute("INSERT INTO housing_lease_res_partner_rel (housing_lease_id, res_partner_id) "
               "SELECT id, partner_id FROM housing_lease WHERE starts_with(name, 'BENCH-')")
    clone("housing.lease.tenant", lease.tenant_line_ids[:1],
          "SELECT id AS lease_id, partner_id FROM housing_lease WHERE starts_with(name, 'BENCH-')",
          {"lease_id": "src.lease_id", "partner_id": "src.partner_id"})
    cr.execute("ANALYZE")
    env.invalidate_all()
    cr.commit()
    return big, small


def rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def timed(label, func):
    env.flush_all()
    env.invalidate_all()
    profiled = PROFILE and label.startswith(tuple(PROFILE.split(",")))
    profiler = cProfile.Profile() if profiled else None
    if TRACEMALLOC:
        tracemalloc.start()
    queries = cr.sql_log_count
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    result = func()
    env.flush_all()
    if profiler:
        profiler.disable()
    step = {"step": label, "seconds": round(time.perf_counter() - started, 3),
            "queries": cr.sql_log_count - queries, "peak_rss_mb": rss_mb()}
    if TRACEMALLOC:
        step["peak_python_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        step["profile"] = out.getvalue()
    cr.commit()
    return result, step


# ---------------------------------------------------------------- steps
def step_apply(ctx):
    newcomer = env["res.partner"].create(
        {"name": "Sen Köande", "is_housing_contact": True, "street": "Kögatan 2",
         "zip": "722 11", "city": "Västerås", "personal_number": personal_number(2)})
    home = env["housing.rental.object"].create(
        {"code": "800-H-999999", "object_type": "residence",
         "property_id": ctx["big"].property_id.id, "base_rent": 6000})
    env["housing.lease"].create(
        {"rental_object_id": home.id, "date_start": date(2020, 1, 1),
         "tenant_line_ids": [Command.create({"partner_id": newcomer.id})]}).action_confirm()
    cr.commit()
    ctx["newcomer"] = newcomer
    return timed(f"apply, {len(ctx['big'].application_ids)} applications before",
                 lambda: ctx["big"].apply(newcomer, "additional"))[1]


def step_rank(ctx):
    small = ctx["small"]
    _, step_small = timed(f"rank, {len(small.application_ids)} applicants", small._rank)
    big = ctx["big"]
    _, step = timed(f"rank, {len(big.application_ids)} applicants", big._rank)
    # The nightly ranking again: the stored ranks are those already, nothing is written.
    _, again = timed(f"rank again, {len(big.application_ids)} (unchanged)", big._rank)
    return [step_small, step, again]


def step_listing_page(ctx):
    # One applicant in the middle of the ranking looks at the parking page as themselves.
    app = env["housing.application"].search(
        [("listing_id", "=", ctx["big"].id), ("rank", ">=", APPLICANTS // 2)],
        order="rank", limit=1)
    user = env["res.users"].create({
        "name": app.partner_id.name, "login": "bench_applicant",
        "partner_id": app.partner_id.id,
        "group_ids": [Command.set(env.ref("base.group_portal").ids)]})
    cr.commit()
    uenv = env(user=user)

    def page():
        applications = uenv["housing.application"].search([("category", "=", "parking")])
        listings = uenv["housing.listing"].search(
            [("category", "=", "parking"), ("state", "=", "published")])
        listings._get_eligibility(user.partner_id)
        return [(a.listing_id.sudo().application_count, a.rank) for a in applications]

    places, step = timed("listing page, own place", page)
    step["own_place"] = places
    return step


def step_viewing_round(ctx):
    # The parking policy with a viewing round for this step only: the publication ends,
    # the first ten are invited (ranking, the audit of every applicant, ten invitations
    # and their e-mails). The round is then ended, and the next step offers as usual.
    big = ctx["big"]
    policy = env.ref("housing_parking_queue.policy_scored")
    policy.write({"viewing_round": True, "viewing_invitations": 10})
    big.write({"state": "ready"})
    cr.commit()
    _, step = timed(f"viewing round, {len(big.application_ids)} applicants",
                    big._start_offer_rounds)
    step["invited"] = len(big.viewing_ids.invitation_ids)
    big.viewing_ids._cancel()
    policy.write({"viewing_round": False})
    cr.commit()
    return step


def step_first_offer_round(ctx):
    big = ctx["big"]
    big.write({"state": "ready"})
    cr.commit()
    offers, step = timed(f"first offer round, {len(big.application_ids)} applicants",
                         big._start_offer_rounds)
    ctx["offer"] = offers
    return step


def step_accept(ctx):
    offer = ctx["offer"]
    others = len(offer.listing_id.application_ids) - 1
    return timed(f"accept, {others} others told", offer.action_accept)[1]


STEPS = {
    "apply": step_apply,
    "rank": step_rank,
    "listing_page": step_listing_page,
    "viewing_round": step_viewing_round,
    "first_offer_round": step_first_offer_round,
    "accept": step_accept,
}

started = time.perf_counter()
big, small = build()
results = {"data": {"applicants": len(big.application_ids),
                    "build_seconds": round(time.perf_counter() - started, 1),
                    "leases": env["housing.lease"].search_count([])}}
ctx = {"big": big, "small": small}
steps = []
for name in (os.environ.get("BENCH_STEPS") or ",".join(STEPS)).split(","):
    step = STEPS[name](ctx)
    steps.extend(step if isinstance(step, list) else [step])
results["steps"] = steps
print("BENCH_RESULT=" + json.dumps(results, default=str))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_letting")
    parser.add_argument("--applicants", type=int, default=50000)
    parser.add_argument("--with-leases", type=int, default=50000)
    parser.add_argument(
        "--profile", metavar="STEPS", help="cProfile the steps whose label starts so: rank,accept"
    )
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument(
        "--steps", help="comma-separated steps to run, in order (default: all), e.g. apply,rank"
    )
    parser.add_argument("--keep-db", action="store_true")
    options = parser.parse_args()

    odoo, args = project_env()
    fresh_database(odoo, args, options.db, "housing_parking_queue")
    print("Generating the data set and measuring ...", flush=True)
    started = time.monotonic()
    try:
        out = odoo_shell(
            odoo,
            args,
            options.db,
            SCRIPT,
            {
                "BENCH_APPLICANTS": str(options.applicants),
                "BENCH_WITH_LEASES": str(options.with_leases),
                "BENCH_PROFILE": options.profile or "",
                "BENCH_TRACEMALLOC": "1" if options.tracemalloc else "",
                "BENCH_STEPS": options.steps or "",
            },
        )
    except subprocess.CalledProcessError as error:
        print(error.stdout[-3000:], error.stderr[-3000:], file=sys.stderr)
        raise
    result = shell_result(out)
    print(f"  done in {time.monotonic() - started:.0f} s\n")
    print("Data set: " + ", ".join(f"{k} {v}" for k, v in result["data"].items()))
    print(f"\n{'step':45} {'seconds':>8} {'queries':>8} {'peak RSS MB':>12}")
    for step in result["steps"]:
        memory = f"{step['peak_rss_mb']:12d}"
        if "peak_python_mb" in step:
            memory += f" (Python {step['peak_python_mb']} MB)"
        print(f"{step['step']:45} {step['seconds']:8.2f} {step['queries']:8d} {memory}")
    for step in result["steps"]:
        if "profile" in step:
            print(f"\nProfile of {step['step']}:\n{step.pop('profile')}")
    save_result("letting_ranking", result)
    if not options.keep_db:
        psql(args, f'DROP DATABASE IF EXISTS "{options.db}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
