#!/usr/bin/env python3
"""Benchmark: the housing API's main lookups, v1 endpoints side by side with the same
lookup through Odoo's plain JSON-2 search_read.

Run from the repository root (same Odoo and PostgreSQL as bin/test; the embedded cluster
in .local/ is started if it is not running, and left running):

    python3 bench/api_lookups.py                  # build the data set, measure, drop it
    python3 bench/api_lookups.py --keep-db        # keep the scratch database afterwards
    python3 bench/api_lookups.py --reuse-db       # measure again on a kept database

Options: --objects (20000 rental objects, each with a lease and a tenant), --requests
(per lookup and concurrency, default 400), --workers (Odoo HTTP worker processes, default
0: the threaded server bin/test uses), --db (scratch database, default bench_api).

It installs housing_api (and the domain modules) into the scratch database, generates the
data set with the ORM (areas, properties, buildings, entrances, rental objects, contacts,
current leases with rent lines), issues an API key for an integration user, starts Odoo on
127.0.0.1 and measures requests per second and p50/p95 latency at 1 and 8 concurrent
clients (each client a keep-alive HTTP session). Results are printed as a table and saved
to bench/results/ (not committed).
"""

import argparse
import concurrent.futures
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import requests
from benchlib import REPO, drop_database, fresh_database, project_env, psql, run_script, save_result

API = "/api/housing/v1"

GENERATE = r"""
import json, os
from datetime import date
from odoo import Command

N = int(os.environ["BENCH_OBJECTS"])
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
district = env["housing.district"].create({"code": "B", "name": "Bänk"})
areas = env["housing.residential.area"].create(
    [{"code": f"B{i:02d}", "name": f"Område {i}", "district_id": district.id} for i in range(10)]
)
props = env["housing.property"].create(
    [
        {"code": f"8{i:04d}", "name": f"BÄNKEN {i}", "residential_area_id": areas[i % 10].id}
        for i in range(N // 100)
    ]
)
buildings = env["housing.building"].create(
    [
        {"code": f"{p.code}-{n:02d}", "name": f"Hus {n}", "property_id": p.id}
        for p in props
        for n in (1, 2)
    ]
)
stairs = env["housing.staircase"].create(
    [
        {"code": f"{b.code}-{n}", "name": f"Uppgång {n}", "building_id": b.id,
         "street": f"Bänkgatan {b.id}{n}"}
        for b in buildings
        for n in range(1, 6)
    ]
)
objects = env["housing.rental.object"]
for start in range(0, N, 2000):
    vals = []
    for i in range(start, min(start + 2000, N)):
        stair = stairs[i % len(stairs)]
        parking = i % 4 == 3
        vals.append({
            "code": f"8{i // 1000:02d}-{i % 1000:03d}-{'P' if parking else '01'}-{i:05d}",
            "object_type": "parking" if parking else "residence",
            "staircase_id": stair.id,
            "street": stair.street,
            "parking_type": "outdoor" if parking else False,
            "room_code": False if parking else f"{1 + i % 4}RK",
            "area": 0 if parking else 30 + i % 70,
            "base_rent": 500 if parking else 4000 + (i % 70) * 60,
        })
    objects |= objects.create(vals)
    env.cr.commit()
partners = env["res.partner"]
for start in range(0, N, 2000):
    partners |= partners.create(
        [{"name": f"Hyresgäst {i}", "is_housing_contact": True}
         for i in range(start, min(start + 2000, N))]
    )
    env.cr.commit()
for start in range(0, N, 1000):
    vals = []
    for i in range(start, min(start + 1000, N)):
        obj = objects[i]
        begin = date(2015 + i % 10, 1 + i % 12, 1)
        vals.append({
            "rental_object_id": obj.id,
            "date_start": begin,
            "state": "current",
            "tenant_line_ids": [Command.create({"partner_id": partners[i].id, "role": "main"})],
            "rent_line_ids": [
                Command.create({"kind": "base", "amount": obj.base_rent, "date_from": begin})
            ],
        })
    env["housing.lease"].create(vals)
    env.cr.commit()
group = env.ref("housing_base.group_housing_integration")
user = env["res.users"].create(
    {"name": "Bänk", "login": "bench-api", "group_ids": [(4, group.id)]}
)
print("BENCH_RESULT=" + json.dumps({"key": user.housing_issue_api_key("benchmark")}))
env.cr.commit()
"""


def build(odoo, args, db, objects):
    fresh_database(odoo, args, db, "housing_api")
    label = f"Generating {objects} rental objects, contacts and leases"
    return run_script(odoo, args, db, label, GENERATE, {"BENCH_OBJECTS": str(objects)})["key"]


def start_server(odoo, args, db, workers):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tempfile.NamedTemporaryFile(prefix="bench-odoo-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [
            odoo,
            *args,
            "-d",
            db,
            f"--db-filter=^{db}$",
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            f"--workers={workers}",
            "--max-cron-threads=0",
            "--log-level=warn",
            f"--logfile={log.name}",
        ]
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/web/health", timeout=2).ok:
                return process, url
        except requests.ConnectionError:
            time.sleep(0.5)
    process.terminate()
    sys.exit(f"Odoo did not start, see {log.name}")


def lookups(db, key, sample):
    """name -> (v1 request, JSON-2 request) factories taking a random sample row."""
    # Both name the database: without it Odoo lists the server's databases (a connection
    # to "postgres") on every call that has no session.
    auth = {"Authorization": f"Bearer {key}", "X-Odoo-Database": db}
    json2 = auth
    object_fields = ["code", "name", "object_type", "status", "base_rent", "current_rent"]
    object_fields += ["vacant_from", "property_id", "building_id", "staircase_id"]
    lease_fields = ["name", "lease_type", "state", "rental_object_id", "partner_ids"]
    lease_fields += ["date_start", "date_end", "current_rent", "rent_line_ids"]
    contact_fields = ["customer_number", "name", "email", "phone", "street", "zip", "city"]

    def v1(path):
        return lambda row: ("GET", API + path.format(**row), auth, None)

    def search_read(model, domain, fields):
        def make(row):
            body = {
                "domain": [[f, op, v.format(**row)] for f, op, v in domain],
                "fields": fields,
            }
            return ("POST", f"/json/2/{model}/search_read", json2, body)

        return make

    return {
        "rental object by code": (
            v1("/rental-objects/{code}"),
            search_read("housing.rental.object", [("code", "=", "{code}")], object_fields),
        ),
        "lease by number": (
            v1("/leases/{lease}"),
            search_read("housing.lease", [("name", "=", "{lease}")], lease_fields),
        ),
        "leases of a contact": (
            v1("/leases?contact={customer}"),
            search_read(
                "housing.lease", [("partner_ids.customer_number", "=", "{customer}")], lease_fields
            ),
        ),
        "contact by customer number": (
            v1("/contacts/{customer}"),
            search_read("res.partner", [("customer_number", "=", "{customer}")], contact_fields),
        ),
    }


def measure(url, make_request, rows, total, clients):
    """(requests/s, p50 ms, p95 ms) of ``total`` requests spread over ``clients``."""
    local = threading.local()
    latencies = []

    def one(row):
        session = getattr(local, "session", None) or requests.Session()
        local.session = session
        method, path, headers, body = make_request(row)
        started = time.perf_counter()
        reply = session.request(method, url + path, headers=headers, json=body, timeout=60)
        elapsed = time.perf_counter() - started
        if reply.status_code != 200 or not reply.json():
            raise RuntimeError(f"{path}: {reply.status_code} {reply.text[:200]}")
        return elapsed

    picks = [random.choice(rows) for _ in range(total)]
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, picks[: clients * 5]))  # warm up sessions and caches
        started = time.perf_counter()
        latencies = list(pool.map(one, picks))
        wall = time.perf_counter() - started
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    return total / wall, statistics.median(latencies) * 1000, p95 * 1000


def sample_rows(db_args, db, count=2000):
    sql = (
        "SELECT o.code, l.name, p.customer_number FROM housing_lease l "
        "JOIN housing_rental_object o ON o.id = l.rental_object_id "
        "JOIN res_partner p ON p.id = l.partner_id "
        f"ORDER BY random() LIMIT {count}"
    )
    return [
        dict(zip(("code", "lease", "customer"), row, strict=True)) for row in psql(db_args, sql, db)
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_api")
    parser.add_argument("--objects", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--reuse-db", action="store_true")
    options = parser.parse_args()

    odoo, args = project_env()
    if options.reuse_db:
        key = (REPO / "bench" / "results" / f"{options.db}.key").read_text().strip()
    else:
        key = build(odoo, args, options.db, options.objects)
        (REPO / "bench" / "results").mkdir(exist_ok=True)
        (REPO / "bench" / "results" / f"{options.db}.key").write_text(key)
    random.seed(7)
    rows = sample_rows(args, options.db)
    [[objects, leases]] = psql(
        args,
        "SELECT (SELECT count(*) FROM housing_rental_object), (SELECT count(*) FROM housing_lease)",
        options.db,
    )
    process, url = start_server(odoo, args, options.db, options.workers)
    results = []
    try:
        for name, (v1, json2) in lookups(options.db, key, rows).items():
            for clients in (1, 8):
                for api, make in (("v1", v1), ("JSON-2 search_read", json2)):
                    rps, p50, p95 = measure(url, make, rows, options.requests, clients)
                    results.append(
                        {
                            "lookup": name,
                            "api": api,
                            "clients": clients,
                            "req_per_s": round(rps, 1),
                            "p50_ms": round(p50, 1),
                            "p95_ms": round(p95, 1),
                        }
                    )
                    print(
                        f"{name:28} {api:20} {clients} client(s): {rps:7.1f} req/s  "
                        f"p50 {p50:6.1f} ms  p95 {p95:6.1f} ms",
                        flush=True,
                    )
    finally:
        process.terminate()
        process.wait(timeout=30)
        if not (options.keep_db or options.reuse_db):
            drop_database(args, options.db)
    print()
    print(
        f"{objects} rental objects, {leases} leases; {options.requests} requests per row; "
        f"Odoo workers={options.workers}; {os.cpu_count()} CPUs"
    )
    print("| lookup | clients | v1 req/s | v1 p50 / p95 ms | JSON-2 req/s | JSON-2 p50 / p95 ms |")
    print("|---|---|---|---|---|---|")
    for name in dict.fromkeys(r["lookup"] for r in results):
        for clients in (1, 8):
            v1, j2 = (
                next(r for r in results if (r["lookup"], r["api"], r["clients"]) == key)
                for key in ((name, "v1", clients), (name, "JSON-2 search_read", clients))
            )
            print(
                f"| {name} | {clients} | {v1['req_per_s']} | {v1['p50_ms']} / {v1['p95_ms']} "
                f"| {j2['req_per_s']} | {j2['p50_ms']} / {j2['p95_ms']} |"
            )
    save_result("api_lookups", {"options": vars(options), "results": results})


if __name__ == "__main__":
    main()
