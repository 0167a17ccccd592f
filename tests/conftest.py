"""Suite-level tests: start a real Odoo server on 127.0.0.1 against the database that
bin/test has just installed and tested, and drive it over HTTP like an integrator.

Run them through ``bin/test`` (which sets HOUSING_TEST_DB and HOUSING_ODOO_ARGS)."""

import os
import re
import shlex
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests


def _allowed_skips():
    """Test ids that may skip, from tests/allowed-skips.txt ("<id> <reason>" per line)."""
    lines = Path(__file__).with_name("allowed-skips.txt").read_text().splitlines()
    return {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}


def pytest_configure(config):
    config.housing_skips = []
    config.housing_warnings = []


# A WARNING (or worse) that a housing module logs is a defect, in the servers' logs too.
HOUSING_WARNING = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) \S+ odoo\.addons\.housing_")


def stop_server(config, process, log):
    """Stop an Odoo server started by a fixture and keep its housing warnings."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if log.exists():
        config.housing_warnings += [
            line for line in log.read_text().splitlines() if HOUSING_WARNING.match(line)
        ]


def pytest_runtest_logreport(report):
    if report.skipped:
        report.config.housing_skips.append(report)


def pytest_sessionfinish(session, exitstatus):
    """A skipped test fails the run unless tests/allowed-skips.txt lists it with its reason:
    a test that cannot run (a missing package, browser or server) is not a passed test."""
    allowed = _allowed_skips()
    unexpected = [r.nodeid for r in session.config.housing_skips if r.nodeid not in allowed]
    if (unexpected or session.config.housing_warnings) and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    session.config.housing_unexpected_skips = unexpected


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for line in config.housing_warnings:
        terminalreporter.write_line(f"FAILED: a housing module logged: {line}", red=True)
    unexpected = getattr(config, "housing_unexpected_skips", [])
    if unexpected:
        terminalreporter.write_line(
            "FAILED: skipped tests not listed in tests/allowed-skips.txt: " + ", ".join(unexpected),
            red=True,
        )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(log, *options):
    """Start Odoo on the database bin/test installed, on 127.0.0.1 and a free port, with
    these extra command-line options; returns the process, its URL and the database."""
    database = os.environ.get("HOUSING_TEST_DB")
    odoo_args = os.environ.get("HOUSING_ODOO_ARGS")
    if not database or odoo_args is None:
        pytest.fail("Run the suite-level tests through bin/test (HOUSING_TEST_DB is not set).")
    odoo = os.environ.get("ODOO_BIN") or shutil.which("odoo") or shutil.which("odoo-bin")
    port = _free_port()
    command = [
        odoo,
        *shlex.split(odoo_args),
        *("-d", database, "--db-filter", f"^{database}$"),
        *("--http-interface", "127.0.0.1", "--http-port", str(port)),
        *options,
        *("--logfile", str(log)),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}", database


def wait_until_up(process, log, url, timeout=90):
    """Wait until ``url`` answers 200; fail with the server's log if it exits or stalls."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            pytest.fail(f"Odoo exited with {process.returncode}: {log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{url} did not answer within {timeout} s: {log.read_text()[-3000:]}")
        time.sleep(0.3)


@pytest.fixture(scope="session")
def odoo_server(tmp_path_factory, pytestconfig):
    """Base URL and database of a running Odoo server with the housing suite installed."""
    log = tmp_path_factory.mktemp("odoo") / "server.log"
    # Prefork with two workers, as in production: what one worker process remembers (login
    # cool-downs, caches, rate limits) does not protect the other.
    process, url, database = start_server(
        log,
        *("--workers", "2", "--max-cron-threads", "0"),
        *("--gevent-port", str(_free_port())),
    )
    try:
        wait_until_up(process, log, f"{url}/web/health")
        yield {"url": url, "db": database}
    finally:
        stop_server(pytestconfig, process, log)


class JsonRpc:
    """Minimal JSON-RPC client (the /jsonrpc endpoint Odoo 19 still serves)."""

    def __init__(self, url, db):
        self.url, self.db = url, db
        self._id = 0

    def call(self, service, method, *args):
        self._id += 1
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": list(args)},
            "id": self._id,
        }
        reply = requests.post(f"{self.url}/jsonrpc", json=payload, timeout=30).json()
        if "error" in reply:
            raise RuntimeError(reply["error"]["data"]["message"])
        return reply["result"]

    def login(self, login, password):
        return self.call("common", "login", self.db, login, password)

    def execute(self, uid, password, model, method, *args, **kwargs):
        return self.call(
            "object", "execute_kw", self.db, uid, password, model, method, list(args), kwargs
        )


@pytest.fixture(scope="session")
def jsonrpc(odoo_server):
    return JsonRpc(odoo_server["url"], odoo_server["db"])
