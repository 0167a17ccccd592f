"""A database from before the letting engine (housing_letting) keeps its parking queue.

Installs the parking queue, the API and the portal with their demo data from the last
commit before housing_letting (a git worktree), then upgrades housing_parking_queue with
the code of this checkout, as an administrator would, and compares the data: every
listing, application, offer with its ranking snapshot, queue membership, policy and
message is still there with its id, under the engine's models."""

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MODULES = "housing_parking_queue,housing_api,housing_portal"
# (what, old table, new table, columns compared)
TABLES = [
    ("listings", "housing_parking_listing", "housing_listing", "id, rental_object_id, state, rule"),
    (
        "applications",
        "housing_parking_application",
        "housing_application",
        "id, listing_id, partner_id, state, application_type, priority, priority_reason, rank",
    ),
    (
        "offers",
        "housing_parking_offer",
        "housing_offer",
        "id, listing_id, application_id, state, deadline, ranking_snapshot::text",
    ),
    (
        "memberships",
        "housing_queue_membership",
        "housing_queue_membership",
        "id, partner_id, queue_type, queue_start_date, create_date",
    ),
    (
        "policies",
        "housing_parking_policy",
        "housing_letting_policy",
        "id, rule, publication_days, offer_business_days, offer_template_id",
    ),
]
OLD_MODELS = ("housing.parking.listing", "housing.parking.application", "housing.parking.offer")
NEW_MODELS = ("housing.listing", "housing.application", "housing.offer")


def _git(*args):
    return subprocess.run(
        ["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def _before_letting():
    """The last commit without housing_letting (HEAD while it is not committed yet)."""
    added = _git("log", "--diff-filter=A", "--format=%H", "--", "addons/housing_letting")
    if not added:
        return "HEAD"
    before = f"{added.splitlines()[-1]}^"
    if subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", before]).returncode:
        pytest.fail(
            "The commit before housing_letting is not in this clone (a shallow clone?): "
            "clone the whole history (actions/checkout: fetch-depth: 0)."
        )
    return before


def _odoo(args, addons, database, *options, log):
    odoo = os.environ.get("ODOO_BIN") or shutil.which("odoo") or shutil.which("odoo-bin")
    args = shlex.split(args)
    position = args.index("--addons-path") + 1
    args[position] = args[position].replace(str(REPO / "addons"), str(addons))
    command = [odoo, *args, "-d", database, "--stop-after-init", "--workers", "0", *options]
    with open(log, "w") as output:
        result = subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, check=False)
    text = Path(log).read_text()
    assert result.returncode == 0, text[-3000:]
    problems = [
        line
        for line in text.splitlines()
        if " ERROR " in line
        or " CRITICAL " in line
        or (" WARNING " in line and ".housing_" in line)
    ]
    assert not problems, "\n".join(problems)


def _psql(database, query):
    import psycopg2  # noqa: PLC0415 - only this test talks to PostgreSQL directly

    args = shlex.split(os.environ["HOUSING_ODOO_ARGS"])
    kwargs = {"dbname": database}
    if "--db_host" in args:
        kwargs["host"] = args[args.index("--db_host") + 1]
    if "--db_user" in args:
        kwargs["user"] = args[args.index("--db_user") + 1]
    with psycopg2.connect(**kwargs) as connection, connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchall() if cursor.description else None


def _snapshot(database, new_layout):
    return {
        what: _psql(database, f"SELECT {columns} FROM {new if new_layout else old} ORDER BY id")
        for what, old, new, columns in TABLES
    } | {
        "messages": _psql(
            database,
            "SELECT id, res_id, body FROM mail_message WHERE model IN ({}) ORDER BY id".format(
                ", ".join(f"'{model}'" for model in (NEW_MODELS if new_layout else OLD_MODELS))
            ),
        )
    }


@pytest.fixture
def old_database(tmp_path):
    database = os.environ.get("HOUSING_MIGRATION_DB") or (
        f"{os.environ.get('HOUSING_TEST_DB', 'housing_test')}_letmig"
    )
    odoo_args = os.environ.get("HOUSING_ODOO_ARGS")
    if odoo_args is None:
        pytest.fail("Run the suite-level tests through bin/test (HOUSING_ODOO_ARGS is not set).")
    worktree = tmp_path / "before"
    _git("worktree", "add", "--detach", str(worktree), _before_letting())
    subprocess.run(["dropdb", "--if-exists", *_pg_options(odoo_args), database], check=True)
    try:
        _odoo(
            odoo_args,
            worktree / "addons",
            database,
            "-i",
            MODULES,
            "--with-demo",
            log=tmp_path / "install.log",
        )
        yield database, odoo_args, tmp_path
    finally:
        _git("worktree", "remove", "--force", str(worktree))
        subprocess.run(["dropdb", "--if-exists", *_pg_options(odoo_args), database], check=True)


def _pg_options(odoo_args):
    args = shlex.split(odoo_args)
    options = []
    for odoo_option, pg_option in (("--db_host", "-h"), ("--db_user", "-U"), ("--db_port", "-p")):
        if odoo_option in args:
            options += [pg_option, args[args.index(odoo_option) + 1]]
    return options


def test_upgrade_keeps_the_parking_queue(old_database):
    database, odoo_args, tmp_path = old_database
    before = _snapshot(database, new_layout=False)
    assert before["listings"] and before["applications"] and before["offers"]
    assert before["memberships"] and before["messages"]

    _odoo(
        odoo_args, REPO / "addons", database, "-u", "housing_parking_queue", log=tmp_path / "up.log"
    )

    after = _snapshot(database, new_layout=True)
    assert after == before
    assert _psql(
        database,
        "SELECT DISTINCT category FROM housing_listing UNION SELECT category FROM housing_offer",
    ) == [("parking",)]
    # The policies moved from the parking queue send the engine's own e-mails too (the
    # columns are made before the engine's templates exist).
    assert _psql(
        database,
        "SELECT count(*) FROM housing_letting_policy WHERE viewing_invitation_template_id "
        "IS NULL OR keep_alive_reminder_template_id IS NULL OR refusal_reset_template_id IS "
        "NULL OR keep_alive_lapsed_template_id IS NULL",
    ) == [(0,)]
    # No parking model is left but the parking queue's own.
    assert _psql(
        database, "SELECT model FROM ir_model WHERE model LIKE 'housing.parking.%' ORDER BY model"
    ) == [("housing.parking.listing.wizard",), ("housing.parking.property.group",)]
    modules = dict(
        _psql(database, "SELECT name, state FROM ir_module_module WHERE name LIKE 'housing_%'")
    )
    assert modules["housing_letting"] == "installed"
    # One queue cron, now the engine's.
    assert _psql(
        database,
        "SELECT module || '.' || name FROM ir_model_data WHERE model = 'ir.cron' "
        "AND res_id IN (SELECT c.id FROM ir_cron c JOIN ir_act_server s "
        "ON s.id = c.ir_actions_server_id WHERE s.code LIKE '%_cron_run_queue%')",
    ) == [("housing_letting.ir_cron_letting_queue",)]
