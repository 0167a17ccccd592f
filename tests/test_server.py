"""The server bin/test installed answers over HTTP and exposes the housing models."""

import requests


def test_health(odoo_server):
    reply = requests.get(f"{odoo_server['url']}/web/health", timeout=5)
    assert reply.status_code == 200
    assert reply.json()["status"] == "pass"


def test_housing_modules_installed(jsonrpc):
    uid = jsonrpc.login("admin", "admin")
    assert uid
    modules = jsonrpc.execute(
        uid,
        "admin",
        "ir.module.module",
        "search_read",
        [("name", "=like", "housing_%")],
        fields=["name", "state"],
    )
    assert modules, "no housing module installed"
    assert {m["state"] for m in modules} == {"installed"}


def test_wrong_password_is_refused(jsonrpc):
    assert jsonrpc.login("admin", "not-the-password") is False


def test_housing_contact_over_jsonrpc(jsonrpc):
    uid = jsonrpc.login("admin", "admin")
    partner_id = jsonrpc.execute(
        uid,
        "admin",
        "res.partner",
        "create",
        {"name": "API-kund", "is_housing_contact": True, "personal_number": "9001010017"},
    )
    try:
        [partner] = jsonrpc.execute(
            uid,
            "admin",
            "res.partner",
            "read",
            [partner_id],
            fields=["customer_number", "personal_number"],
        )
        assert partner["personal_number"] == "19900101-0017"
        assert partner["customer_number"].startswith("P")
    finally:
        jsonrpc.execute(uid, "admin", "res.partner", "unlink", [partner_id])
