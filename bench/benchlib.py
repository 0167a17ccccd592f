"""What the benchmarks share: the Odoo and PostgreSQL that bin/test uses."""

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


PSQL = ["psql"]

# The start of a script that makes a data set in ``odoo shell``: the ORM without tracking
# and chatter, the company in Sweden with its bankgiro and the Swedish chart (BAS).
SWEDISH_COMPANY = r"""
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_notrack=True))
company = env.company
company.write({"country_id": env.ref("base.se").id, "housing_bankgiro": "5050-1055"})
env["account.chart.template"].try_loading("se", company, install_demo=False)
"""


def project_env():
    """Odoo binary and its arguments (addons path, the checkout's data directory, database
    connection) the way bin/test finds them."""
    script = (
        f"source {shlex.quote(str(REPO / 'bin/_common.sh'))}; find_odoo; ensure_postgres; "
        'printf "%s\\n" "$ODOO_BIN" "$PSQL" "${ODOO_ARGS[@]}" "${DB_ARGS[@]}"'
    )
    out = subprocess.run(["bash", "-c", script], check=True, capture_output=True, text=True)
    odoo, PSQL[0], *args = out.stdout.splitlines()
    return odoo, args


def psql(db_args, sql, db="postgres"):
    """Rows of ``sql`` as lists of strings, on the server Odoo uses."""
    env = dict(os.environ)
    for option, variable in (("--db_host", "PGHOST"), ("--db_port", "PGPORT")):
        if option in db_args:
            env[variable] = db_args[db_args.index(option) + 1]
    if "--db_user" in db_args:
        env["PGUSER"] = db_args[db_args.index("--db_user") + 1]
    out = subprocess.run(
        [*PSQL, "-X", "-q", "-At", "-F", "\t", "-d", db, "-c", sql],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return [line.split("\t") for line in out.splitlines()]


def odoo_shell(odoo, args, db, script, env=None):
    """Run ``script`` in ``odoo shell`` on ``db``; returns its standard output."""
    return subprocess.run(
        [odoo, "shell", *args, "-d", db, "--log-level=warn", "--no-http"],
        input=script,
        env=dict(os.environ, **(env or {})),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def drop_database(args, db):
    """Drop the scratch database ``db`` if it exists (also while connected to)."""
    psql(args, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def fresh_database(odoo, args, db, modules):
    """Drop ``db`` and install ``modules`` (comma-separated) into a new one."""
    drop_database(args, db)
    print(f"Installing {modules} into {db} ...", flush=True)
    subprocess.run(
        [odoo, *args, "-d", db, "-i", modules, "--stop-after-init", "--log-level=warn"],
        check=True,
    )


def shell_result(out):
    """The BENCH_RESULT=<json> line a benchmark's shell script printed, decoded."""
    return json.loads(
        next(line.split("=", 1)[1] for line in out.splitlines() if line.startswith("BENCH_RESULT="))
    )


def run_script(odoo, args, db, label, script, env=None):
    """Say ``label``, run ``script`` in ``odoo shell`` on ``db`` and say how long it took;
    returns what it printed as BENCH_RESULT (see shell_result). When the script fails,
    the end of its output is printed before the error is raised."""
    print(f"{label} ...", flush=True)
    started = time.monotonic()
    try:
        out = odoo_shell(odoo, args, db, script, env)
    except subprocess.CalledProcessError as error:
        print(error.stdout[-3000:], error.stderr[-3000:], file=sys.stderr)
        raise
    print(f"  done in {time.monotonic() - started:.0f} s", flush=True)
    return shell_result(out)


def measure_steps(odoo, args, db, script, steps):
    """Run ``script`` on ``db`` once for each of ``steps`` ((label, environment) pairs),
    each in a fresh process so that its peak memory is the step's own; returns their
    results, each with its label as "step"."""
    results = []
    for label, env in steps:
        step = {"step": label, **run_script(odoo, args, db, f"Measuring: {label}", script, env)}
        print(f"  {step}", flush=True)
        results.append(step)
    return results


def save_result(name, result):
    """Save ``result`` as bench/results/<name>-<time>.json (not committed)."""
    results_dir = REPO / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    path = results_dir / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=2))
    print(f"Saved {path.relative_to(REPO)}")
