"""Skyddad identitet over a real server: a protected contact's identity number, home
address, phone and e-mail come out through no path for a housing user (web client RPC,
JSON-RPC, vCard, report) or an integration (JSON-2, the v1 API), while the Protected
identities privilege reads them and every such read reaches the access log."""

import secrets

import pytest
import requests
from conftest_api import _personal_number

pytest_plugins = ["conftest_api"]

STREET, PHONE, EMAIL = "Hemlighetsvägen 7", "0709876543", "gomd@example.se"


class Session:
    """A logged-in web client session (what the browser of a staff user does)."""

    def __init__(self, url, db, login, password):
        self.url, self.http = url, requests.Session()
        reply = self.http.post(
            f"{url}/web/session/authenticate",
            json={"params": {"db": db, "login": login, "password": password}},
            timeout=30,
        )
        assert reply.json().get("result", {}).get("uid"), reply.text

    def call(self, model, method, *args, **kwargs):
        reply = self.http.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}",
            json={"params": {"model": model, "method": method, "args": args, "kwargs": kwargs}},
            timeout=30,
        )
        return reply.json()

    def get(self, path):
        return self.http.get(self.url + path, timeout=30)


@pytest.fixture(scope="module")
def protected(housing_api):
    admin, sfx = housing_api.admin, housing_api.sfx

    def user(login, *groups):
        ids = [admin.xmlid("housing_base", group) for group in groups]
        password = secrets.token_urlsafe(12)
        user_id = admin.create(
            "res.users",
            {
                "name": login,
                "login": login,
                "password": password,
                "group_ids": [(4, group) for group in ids],
            },
        )
        return user_id, login, password

    staff = user(f"staff-{sfx}", "group_housing_user")
    privileged = user(f"skydd-{sfx}", "group_housing_protected_identity")
    dpo = user(f"dso-{sfx}", "group_housing_data_protection_officer")
    number = _personal_number()
    partner = admin.create(
        "res.partner",
        {
            "name": f"Gömd Person {sfx}",
            "is_housing_contact": True,
            "personal_number": number,
            "street": STREET,
            "phone": PHONE,
            "email": EMAIL,
        },
    )
    lease = admin.create(
        "housing.lease",
        {
            "rental_object_id": admin.create(
                "housing.rental.object",
                {
                    "code": f"{sfx}-001-01-0002",
                    "object_type": "residence",
                    "property_id": admin.call(
                        "housing.property", "search", [("code", "=", housing_api.property_code)]
                    )[0],
                    "street": "Svitgatan 3",
                    "base_rent": 6100,
                },
            ),
            "date_start": "2024-04-01",
            "tenant_line_ids": [(0, 0, {"partner_id": partner, "role": "main"})],
        },
    )
    admin.call("housing.lease", "action_confirm", [lease])
    [customer_number] = admin.call("res.partner", "read", [partner], fields=["customer_number"])
    session = Session(housing_api.url, housing_api.db, *privileged[1:])
    reply = session.call(
        "res.partner",
        "housing_protect_identity",
        [partner],
        "Beslut från Skatteverket",
        {"street": "Särskild postadress", "city": "Stockholm"},
    )
    assert reply.get("result") is True, reply
    dashed = f"{number[:8]}-{number[8:]}"
    secrets_ = (STREET, "Hemlighet", PHONE[1:], "987 65 43", EMAIL, number, dashed, number[2:8])
    try:
        yield {
            "partner": partner,
            "lease": lease,
            "number": dashed,
            "customer_number": customer_number["customer_number"],
            "staff": Session(housing_api.url, housing_api.db, *staff[1:]),
            "privileged": session,
            "dpo": Session(housing_api.url, housing_api.db, *dpo[1:]),
            "secrets": secrets_,
        }
    finally:
        # Lift again so that admin (not privileged) can see and delete the lease.
        session.call("res.partner", "housing_lift_protection", [partner], "Testet är klart")
        admin.call("housing.lease", "write", [lease], {"state": "cancelled"})


def no_secret(protected, value):
    text = str(value)
    leaked = [secret for secret in protected["secrets"] if secret in text]
    assert not leaked, f"{leaked} leaked in {text[:500]}"


def test_web_client_paths_of_a_housing_user(protected):
    staff, partner = protected["staff"], protected["partner"]
    fields = ["street", "phone", "email", "personal_number", "email_formatted",
              "contact_address", "contact_address_inline"]  # fmt: skip
    no_secret(protected, staff.call("res.partner", "read", [partner], fields))
    no_secret(
        protected,
        staff.call(
            "res.partner",
            "web_search_read",
            [("id", "=", partner)],
            {"display_name": {}, "street": {}},
            context={"show_address": True, "show_email": True},
        ),
    )
    for groupby in ("street", "phone", "email", "personal_number"):
        no_secret(
            protected,
            staff.call("res.partner", "formatted_read_group", [], [groupby], ["__count"]),
        )
    no_secret(protected, staff.call("res.partner", "export_data", [partner], fields))
    oracle = staff.call(
        "res.partner", "search_count", [("personal_number", "=", protected["number"])]
    )
    assert oracle.get("result") == 0, oracle
    vcard = staff.get(f"/web/partner/vcard?partner_ids={partner}")
    no_secret(protected, vcard.text)
    leases = staff.call("housing.lease", "search_count", [("partner_ids", "in", [partner])])
    assert leases.get("result") == 0, leases
    report = staff.get(f"/report/html/housing_lease.report_housing_lease/{protected['lease']}")
    assert report.status_code != 200 or "Svitgatan 3" not in report.text
    no_secret(protected, report.text)
    messages = staff.call(
        "mail.message",
        "search_read",
        [("model", "=", "res.partner"), ("res_id", "=", partner)],
        ["body", "email_from", "tracking_value_ids"],
    )
    no_secret(protected, messages)
    # The flag itself cannot be lifted by a housing user.
    refused = staff.call("res.partner", "write", [partner], {"protected_identity": False})
    assert refused.get("error"), refused


def test_integration_over_json2_jsonrpc_and_v1(housing_api, protected):
    def json2(model, method, **params):
        return requests.post(
            f"{housing_api.url}/json/2/{model}/{method}",
            json=params,
            headers={
                "Authorization": f"Bearer {housing_api.key}",
                "X-Odoo-Database": housing_api.db,
            },
            timeout=30,
        )

    partner = protected["partner"]
    no_secret(
        protected,
        json2(
            "res.partner",
            "read",
            ids=[partner],
            fields=["street", "phone", "email", "email_normalized", "contact_address_inline"],
        ).text,
    )
    no_secret(
        protected,
        json2("res.partner", "formatted_read_group", domain=[], groupby=["street"]).text,
    )
    count = json2("res.partner", "search_count", domain=[["street", "=like", "Hemlighet%"]])
    assert count.json() == 0
    register = json2("housing.protected.identity", "search_read", domain=[], fields=["street"])
    assert register.status_code == 403, register.text
    # JSON-RPC (deprecated in 19.0, still served): the API key works as the password.
    reply = requests.post(
        f"{housing_api.url}/jsonrpc",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [housing_api.db, housing_api.user_id, housing_api.key, "res.partner",
                         "search_read", [[["id", "=", partner]]],
                         {"fields": ["street", "phone", "email", "contact_address"]}],
            },
        },
        timeout=30,
    )  # fmt: skip
    assert reply.json().get("result"), reply.text
    no_secret(protected, reply.text)
    v1 = housing_api.v1
    leases = v1.get(f"/leases?contact={protected['customer_number']}")
    assert leases.status_code == 200 and leases.json()["data"] == [], leases.text
    contact = v1.get(f"/contacts/{protected['customer_number']}")
    assert contact.json()["data"]["address"]["city"] == "Stockholm"
    no_secret(protected, contact.text)
    lookup = v1.post("/contacts/lookup", json={"personal_number": protected["number"]})
    assert lookup.status_code == 404, lookup.text


def test_privileged_reads_are_logged_for_the_dpo(protected):
    partner = protected["partner"]
    privileged = protected["privileged"]
    reply = privileged.call(
        "housing.protected.identity",
        "search_read",
        [("partner_id", "=", partner)],
        ["street", "personal_number"],
    )
    [row] = reply["result"]
    assert (row["street"], row["personal_number"]) == (STREET, protected["number"])
    log = protected["dpo"].call(
        "housing.protected.identity.log",
        "search_read",
        [("partner_id", "=", partner)],
        ["action", "field_names", "user_id", "reason"],
    )["result"]
    actions = [entry["action"] for entry in log]
    assert "protect" in actions and "read" in actions, log
    read = next(entry for entry in log if entry["action"] == "read")
    assert read["field_names"] == "personal_number, street"
    assert read["user_id"][1].startswith("skydd-")
    denied = privileged.call("housing.protected.identity.log", "search_read", [], ["action"])
    assert denied.get("error"), denied
