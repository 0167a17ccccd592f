"""Production mode: Odoo started with --workers (prefork) serves the housing suite.

A prefork server runs HTTP worker processes, a cron worker and the evented (gevent)
process that holds the websocket connections of the web client. The websocket process
used to crash-loop on start (``pkg_resources.DistributionNotFound: zope.interface``), which
only shows with --workers; this test starts the server that way, logs in, opens a
websocket and stops the server again."""

import json
import os
import re

import pytest
import requests
import websocket
from conftest import _free_port, start_server, stop_server, wait_until_up


@pytest.fixture(scope="module")
def prefork_server(tmp_path_factory, pytestconfig):
    log = tmp_path_factory.mktemp("prefork") / "server.log"
    gevent_port = _free_port()
    process, url, database = start_server(
        log,
        *("--gevent-port", str(gevent_port), "--workers", "2", "--max-cron-threads", "1"),
        *("--limit-time-real", "120"),
    )
    server = {
        "url": url,
        "ws_url": f"ws://127.0.0.1:{gevent_port}/websocket",
        "origin": f"http://127.0.0.1:{gevent_port}",
        "db": database,
        "log": log,
        "process": process,
    }
    try:
        wait_until_up(process, log, f"{url}/web/health")
        wait_until_up(process, log, f"http://127.0.0.1:{gevent_port}/websocket/health")
        yield server
    finally:
        stop_server(pytestconfig, process, log)


def _log_lines(server, text):
    return [line for line in server["log"].read_text().splitlines() if text in line]


def test_health(prefork_server):
    reply = requests.get(f"{prefork_server['url']}/web/health", timeout=10)
    assert reply.status_code == 200
    assert reply.json() == {"status": "pass"}


def test_login_and_web_client(prefork_server):
    session = requests.Session()
    reply = session.post(
        f"{prefork_server['url']}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"db": prefork_server["db"], "login": "admin", "password": "admin"},
        },
        timeout=30,
    ).json()
    assert "error" not in reply, reply
    assert reply["result"]["uid"]
    page = session.get(f"{prefork_server['url']}/odoo", timeout=60)
    assert page.status_code == 200
    assert "odoo.__session_info__" in page.text or "session_info" in page.text
    prefork_server["session_id"] = session.cookies["session_id"]


def test_websocket(prefork_server):
    """The web client's websocket connects on the evented port, subscribes and answers a
    ping; the evented process started once (no crash loop)."""
    cookie = f"session_id={prefork_server.get('session_id', '')}"
    ws = websocket.create_connection(
        prefork_server["ws_url"], origin=prefork_server["origin"], cookie=cookie, timeout=15
    )
    try:
        ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}}))
        ws.ping("housing")
        # The server may send notifications before the pong.
        for _frame in range(20):
            opcode, frame = ws.recv_data_frame(control_frame=True)
            if opcode == websocket.ABNF.OPCODE_PONG:
                break
        assert opcode == websocket.ABNF.OPCODE_PONG
        assert frame.data == b"housing"
    finally:
        ws.close()
    assert len(_log_lines(prefork_server, "Evented Service (longpolling) running on")) == 1
    assert not _log_lines(prefork_server, "DistributionNotFound")


def test_workers_and_cron_worker(prefork_server):
    """Two HTTP workers and a cron worker, all still running after the requests above."""
    workers = {}
    for line in _log_lines(prefork_server, "odoo.service.server: Worker "):
        kind, pid = re.search(r"Worker (\w+) \((\d+)\) alive", line).groups()
        workers.setdefault(kind, []).append(int(pid))
    assert len(workers.get("WorkerHTTP", [])) == 2, workers
    assert len(workers.get("WorkerCron", [])) == 1, workers
    for pid in workers["WorkerHTTP"] + workers["WorkerCron"]:
        os.kill(pid, 0)  # raises ProcessLookupError when the worker is gone
    assert prefork_server["process"].poll() is None
    assert not _log_lines(prefork_server, "Traceback")
