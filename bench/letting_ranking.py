#!/usr/bin/env python3
"""Benchmark: the letting engine with one listing of many applicants (issue 21).

Run from the repository root (same Odoo and PostgreSQL as bin/test; the embedded cluster
in .local/ is started if it is not running, and left running):

    python3 bench/letting_ranking.py                       # 50,000 parking applicants
    python3 bench/letting_ranking.py --category housing    # 50,000 home applicants
    python3 bench/letting_ranking.py --applicants 5000 --keep-db
    python3 bench/letting_ranking.py --profile rank        # cProfile one step (top 30)

Options: --category (parking, or housing: a home listing whose applicants have
application profiles, research §3.5), --applicants (50,000 contacts applying for one
listing), --with-leases (how many of them hold a home lease: all for parking, which a
scored parking listing needs, a fifth of those with a parking lease too; a fifth for
homes), --db (scratch database, default bench_letting), --profile STEP, --tracemalloc
(peak Python memory of each step; slower, so the seconds are not comparable with a run
without it), --steps (some of them, in order: a later step needs those before it, e.g.
rank,first_offer_round).

The data set is made in SQL (INSERT ... SELECT generate_series, cloning one contact,
membership, profile, home, lease and application made by the ORM), in well under a
minute for 50,000 applicants: the ORM would take a quarter of an hour. Then, in this
order, each a function of STEPS (a step gets the shared ``ctx`` and may add to it):

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
import sys

from benchlib import drop_database, fresh_database, project_env, run_script, save_result

SCRIPT = r"""
import cProfile, io, json, os, pstats, resource, time, tracemalloc
from datetime import date, timedelta
from odoo import Command
from stdnum import luhn
from odoo.tools import SQL

APPLICANTS = int(os.environ["BENCH_APPLICANTS"])
WITH_LEASES = int(os.environ["BENCH_WITH_LEASES"])
PROFILE = os.environ.get("BENCH_PROFILE")
CATEGORY = os.environ["BENCH_CATEGORY"]
QUEUE_TYPE = {"parking": "parking_internal", "housing": "housing"}[CATEGORY]
APPLICATION_TYPE = {"parking": "additional", "housing": False}[CATEGORY]
POLICY = {"parking": "housing_parking_queue.policy_scored",
          "housing": "housing_home_queue.policy_scored"}[CATEGORY]
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
    # The shared part of both data sets: an area, a property, the template contact with
    # a queue place, cloned into APPLICANTS contacts (table bench_partner: i, id).
    area = env["housing.residential.area"].create({"code": "BQ", "name": "Bänkområde"})
    prop = env["housing.property"].create(
        {"code": "80000", "name": "BÄNKGÅRDEN 1", "residential_area_id": area.id})
    home = env["housing.rental.object"].create(
        {"code": "800-H-000000", "object_type": "residence", "property_id": prop.id,
         "base_rent": 6000, "room_code": "3RK"})
    template = env["res.partner"].create(
        {"name": "Köande 0", "is_housing_contact": True, "street": "Kögatan 1",
         "zip": "722 11", "city": "Västerås", "personal_number": personal_number(1)})
    membership = env["housing.queue.membership"].sudo().with_context(
        housing_queue_correction=True).create(
        {"partner_id": template.id, "queue_type": QUEUE_TYPE,
         "queue_start_date": today - timedelta(days=4000)})
    env.flush_all()
    clone("res.partner", template, f"SELECT i FROM generate_series(1, {APPLICANTS - 1}) i", {
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
    return prop, home, template


def clone_applications(application, listings, types):
    # Every contact applies for listings[0] (``types``: SQL of the application type),
    # a tenth of them for listings[1] too.
    clone("housing.application", application, "SELECT i, id FROM bench_partner", {
        "partner_id": "src.id", "application_type": types,
        "create_date": "t.create_date + i * interval '1 second'",
    })
    clone("housing.application", application,
          "SELECT i, id FROM bench_partner WHERE i % 10 = 0", {
              "partner_id": "src.id", "listing_id": str(listings[1].id)})


def clone_leases(lease, leased, parking_space=None):
    # Homes and home leases of the first ``leased`` contacts (with ``parking_space``: a
    # fifth of those with a parking lease too).
    home = lease.rental_object_id
    clone("housing.rental.object", home, f"SELECT i FROM generate_series(1, {leased}) i",
          {"code": "'800-H-' || lpad(i::text, 6, '0')"})
    if parking_space:
        clone("housing.rental.object", parking_space,
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


def new_lease(home, partner):
    lease = env["housing.lease"].create(
        {"rental_object_id": home.id, "date_start": date(2020, 1, 1),
         "tenant_line_ids": [Command.create({"partner_id": partner.id})]})
    lease.action_confirm()
    return lease


def build_parking():
    # Two parking listings; every applicant holds a home lease (a scored parking listing
    # asks for one), a fifth of them a parking lease too (priority 2 instead of 1).
    prop, home, template = build()
    spaces = env["housing.rental.object"].create(
        [{"code": f"800-P-{n:03d}", "object_type": "parking", "parking_type": "outdoor",
          "property_id": prop.id, "base_rent": 400} for n in range(4)])
    lease = new_lease(home, template)
    listings = env["housing.listing"].with_context(default_category="parking").create(
        [{"rental_object_id": space.id, "date_from": today - timedelta(14),
          "date_to": today + timedelta(1), "vacant_from": today} for space in spaces[:2]])
    application = env["housing.application"].with_context(housing_letting_apply=True).create(
        {"listing_id": listings[0].id, "partner_id": template.id,
         "application_type": "additional"})
    env.flush_all()
    clone_applications(application, listings,
                       "CASE WHEN i % 3 = 0 THEN 'replace' ELSE 'additional' END")
    clone_leases(lease, min(WITH_LEASES, APPLICANTS - 1), spaces[0])
    return listings


def build_housing():
    # Two home listings (3 rooms and kitchen, up to five persons); every applicant has an
    # application profile: households of 1-6 persons (a sixth too many for the home), a
    # tenth with a reference under review, a twentieth not approved, a twenty-fifth
    # expired; WITH_LEASES of them rent a home already; 1 in 200 in a priority group; 1 in
    # 100 sent to debt collection last month.
    prop, home, template = build()
    homes = env["housing.rental.object"].create(
        [{"code": f"800-L-{n:03d}", "object_type": "residence", "property_id": prop.id,
          "base_rent": 9000, "room_code": "3RK"} for n in range(2)])
    listings = env["housing.listing"].with_context(default_category="housing").create(
        [{"rental_object_id": obj.id, "date_from": today - timedelta(14),
          "date_to": today + timedelta(1), "vacant_from": today} for obj in homes])
    Profile = env["housing.application.profile"]
    profile = Profile.save_application_profile(
        template, {"num_adults": 1, "housing_type": "RENTAL", "landlord": "Bostadsbolaget"})
    profile.with_context(housing_profile_by_applicant=False).reference_status = "APPROVED"
    application = env["housing.application"].with_context(housing_letting_apply=True).create(
        {"listing_id": listings[0].id, "partner_id": template.id})
    group = env["housing.priority.group"].create({"name": "Medicinsk förtur", "rank": 1})
    env["housing.priority.assignment"].create(
        {"partner_id": template.id, "group_id": group.id, "reason": "Bänk"})
    leased = min(WITH_LEASES, APPLICANTS - 1)
    lease = new_lease(home, template) if leased else None
    env.flush_all()
    clone_applications(application, listings, "NULL")
    clone("housing.application.profile", profile, "SELECT i, id FROM bench_partner", {
        "partner_id": "src.id",
        "num_adults": "1 + i % 2",
        "num_children": "i % 5",
        "reference_status": "CASE WHEN i % 20 = 0 THEN 'REJECTED' "
                            "WHEN i % 10 = 1 THEN 'PENDING' ELSE 'APPROVED' END",
        "reference_reason_rejected": "CASE WHEN i % 20 = 0 THEN 'LATE_RENT_PAYMENT' END",
        "reference_expires_at": f"CASE WHEN i % 20 = 0 THEN date '{today}' + 90 "
                                "ELSE t.reference_expires_at END",
        "expires_at": f"CASE WHEN i % 25 = 0 THEN timestamp '{today}' - interval '1 day' "
                      "ELSE t.expires_at END",
    })
    clone("housing.priority.assignment", env["housing.priority.assignment"].search([]),
          "SELECT i, id FROM bench_partner WHERE i % 200 = 0", {"partner_id": "src.id"})
    cr.execute(f"UPDATE res_partner p SET debt_collection_date = date '{today}' - 30 "
               "FROM bench_partner b WHERE p.id = b.id AND b.i % 100 = 0")
    if leased:
        clone_leases(lease, leased)
    return listings


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
    if CATEGORY == "parking":
        new_lease(env["housing.rental.object"].create(
            {"code": "800-H-999999", "object_type": "residence",
             "property_id": ctx["big"].property_id.id, "base_rent": 6000}), newcomer)
    else:
        env["housing.application.profile"].save_application_profile(
            newcomer, {"num_adults": 2, "housing_type": "LIVES_WITH_FAMILY"})
    cr.commit()
    ctx["newcomer"] = newcomer
    return timed(f"apply, {len(ctx['big'].application_ids)} applications before",
                 lambda: ctx["big"].apply(newcomer, APPLICATION_TYPE))[1]


def step_rank(ctx):
    small = ctx["small"]
    _, step_small = timed(f"rank, {len(small.application_ids)} applicants", small._rank)
    big = ctx["big"]
    _, step = timed(f"rank, {len(big.application_ids)} applicants", big._rank)
    # The nightly ranking again: the stored ranks are those already, nothing is written.
    _, again = timed(f"rank again, {len(big.application_ids)} (unchanged)", big._rank)
    return [step_small, step, again]


def step_listing_page(ctx):
    # One applicant in the middle of the ranking looks at the listings page as themselves.
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
        applications = uenv["housing.application"].search([("category", "=", CATEGORY)])
        listings = uenv["housing.listing"].search(
            [("category", "=", CATEGORY), ("state", "=", "published")])
        listings._get_eligibility(user.partner_id)
        return [(a.listing_id.sudo().application_count, a.rank) for a in applications]

    places, step = timed("listing page, own place", page)
    step["own_place"] = places
    return step


def step_viewing_round(ctx):
    # The policy with a viewing round for this step (the parking one has none): the
    # publication ends, the first ten are invited (ranking, the audit of every applicant,
    # ten invitations and their e-mails). The round is then ended, and the next step
    # offers without a viewing round.
    big = ctx["big"]
    policy = env.ref(POLICY)
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
    env.ref(POLICY).viewing_round = False
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
big, small = {"parking": build_parking, "housing": build_housing}[CATEGORY]()
cr.execute("ANALYZE")
env.invalidate_all()
cr.commit()
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
    parser.add_argument("--category", choices=("parking", "housing"), default="parking")
    parser.add_argument("--with-leases", type=int)
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
    if options.with_leases is None:
        # Research §3.5: 10,000 of 50,000 home applicants rent already; every parking
        # applicant needs a home lease.
        options.with_leases = (
            options.applicants // 5 if options.category == "housing" else options.applicants
        )
    fresh_database(
        odoo,
        args,
        options.db,
        {"parking": "housing_parking_queue", "housing": "housing_home_queue"}[options.category],
    )
    env = {
        "BENCH_APPLICANTS": str(options.applicants),
        "BENCH_CATEGORY": options.category,
        "BENCH_WITH_LEASES": str(options.with_leases),
        "BENCH_PROFILE": options.profile or "",
        "BENCH_TRACEMALLOC": "1" if options.tracemalloc else "",
        "BENCH_STEPS": options.steps or "",
    }
    result = run_script(odoo, args, options.db, "Making the data set and measuring", SCRIPT, env)
    print("\nData set: " + ", ".join(f"{k} {v}" for k, v in result["data"].items()))
    print(f"\n{'step':45} {'seconds':>8} {'queries':>8} {'peak RSS MB':>12}")
    for step in result["steps"]:
        memory = f"{step['peak_rss_mb']:12d}"
        if "peak_python_mb" in step:
            memory += f" (Python {step['peak_python_mb']} MB)"
        print(f"{step['step']:45} {step['seconds']:8.2f} {step['queries']:8d} {memory}")
    for step in result["steps"]:
        if "profile" in step:
            print(f"\nProfile of {step['step']}:\n{step.pop('profile')}")
    save_result(f"letting_ranking_{options.category}", result)
    if not options.keep_db:
        drop_database(args, options.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
