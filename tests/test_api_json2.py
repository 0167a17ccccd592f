"""Odoo's JSON-2 API (/json/2/<model>/<method>, bearer API key) on the housing models for
an integration user: reads work, writes are refused, other users' records stay out of
reach, bad keys and bodies get clear errors."""

import requests

pytest_plugins = ["conftest_api"]


def json2(housing_api, model, method, key=None, data=None, **params):
    headers = {"X-Odoo-Database": housing_api.db}
    if key is not False:
        headers["Authorization"] = f"Bearer {key or housing_api.key}"
    url = f"{housing_api.url}/json/2/{model}/{method}"
    if data is not None:
        headers["Content-Type"] = "application/json"
        return requests.post(url, data=data, headers=headers, timeout=30)
    return requests.post(url, json=params, headers=headers, timeout=30)


def test_search_read_rental_objects_and_leases(housing_api):
    reply = json2(
        housing_api,
        "housing.rental.object",
        "search_read",
        domain=[["code", "=", housing_api.residence_code]],
        fields=["code", "status", "current_rent", "property_id"],
    )
    assert reply.status_code == 200, reply.text
    [obj] = reply.json()
    assert (obj["status"], obj["current_rent"]) == ("leased", 7450)
    leases = json2(
        housing_api,
        "housing.lease",
        "search_read",
        domain=[["partner_ids", "in", [housing_api.tenant_id]]],
        fields=["name", "state", "current_rent"],
    ).json()
    assert [(lease["name"], lease["state"]) for lease in leases] == [
        (housing_api.lease_number, "current")
    ]


def test_writes_are_refused_and_change_nothing(housing_api):
    reply = json2(
        housing_api,
        "housing.rental.object",
        "write",
        ids=[housing_api.residence_id],
        vals={"base_rent": 1},
    )
    assert reply.status_code == 403, reply.text
    assert reply.json()["name"] == "odoo.exceptions.AccessError"
    reply = json2(housing_api, "housing.lease", "unlink", ids=[housing_api.lease_id])
    assert reply.status_code == 403, reply.text
    [obj] = housing_api.admin.call(
        "housing.rental.object", "read", [housing_api.residence_id], fields=["base_rent"]
    )
    [lease] = housing_api.admin.call(
        "housing.lease", "read", [housing_api.lease_id], fields=["state"]
    )
    assert (obj["base_rent"], lease["state"]) == (7450, "current")


def test_wrong_key_and_malformed_json(housing_api):
    reply = json2(housing_api, "housing.lease", "search", key="0" * 40, domain=[])
    assert reply.status_code == 401
    reply = json2(housing_api, "housing.lease", "search", key=False, domain=[])
    assert reply.status_code == 401
    reply = json2(housing_api, "housing.lease", "search", data='{"domain": [')
    assert reply.status_code == 400
    assert "could not parse the body as json" in reply.text


def test_webhook_subscriptions_are_private(housing_api):
    events = json2(
        housing_api, "housing.webhook.event", "search", domain=[["code", "=", "lease.created"]]
    ).json()
    created = json2(
        housing_api,
        "housing.webhook.subscription",
        "create",
        vals_list=[
            {
                "name": "Suite",
                "url": "https://hooks.example.org/suite",
                "event_ids": [[6, 0, events]],
            }
        ],
    )
    assert created.status_code == 200, created.text
    [subscription_id] = created.json()
    mine = json2(
        housing_api, "housing.webhook.subscription", "search_read", domain=[], fields=["secret"]
    )
    assert [s["id"] for s in mine.json()] == [subscription_id]
    assert len(mine.json()[0]["secret"]) == 64
    other = housing_api.other_key
    assert (
        json2(housing_api, "housing.webhook.subscription", "search", key=other, domain=[]).json()
        == []
    )
    reply = json2(
        housing_api,
        "housing.webhook.subscription",
        "read",
        key=other,
        ids=[subscription_id],
        fields=["secret"],
    )
    assert reply.status_code == 403
    reply = json2(
        housing_api,
        "housing.webhook.subscription",
        "write",
        key=other,
        ids=[subscription_id],
        vals={"url": "https://evil.example.org/"},
    )
    assert reply.status_code == 403
    [subscription] = housing_api.admin.call(
        "housing.webhook.subscription", "read", [subscription_id], fields=["url"]
    )
    assert subscription["url"] == "https://hooks.example.org/suite"


def test_integration_is_not_an_internal_user(housing_api):
    """Issue 14 item 2: an integration followed a service request (Maintenance's follower
    rule for internal users), then wrote and deleted it, and created requests directly
    past the tenant checks. It is a share user now: all of that is refused."""
    admin = housing_api.admin
    # Not admin.create: the fixture deletes the property's requests (delete_first).
    request_id = admin.call(
        "maintenance.request",
        "create",
        {
            "name": "Svit: droppande kran",
            "rental_object_id": housing_api.residence_id,
            "reporter_id": housing_api.tenant_id,
        },
    )
    [user] = admin.call("res.users", "read", [housing_api.user_id], fields=["partner_id", "share"])
    assert user["share"] is True
    partner_id = user["partner_id"][0]
    for method, params in (
        ("message_subscribe", {"partner_ids": [partner_id]}),
        ("message_post", {"body": "Intern anteckning", "subtype_xmlid": "mail.mt_note"}),
        ("write", {"vals": {"name": "Hackad"}}),
        ("unlink", {}),
    ):
        reply = json2(housing_api, "maintenance.request", method, ids=[request_id], **params)
        assert reply.status_code == 403, (method, reply.text)
    reply = json2(housing_api, "maintenance.request", "create", vals_list=[{"name": "Direkt"}])
    assert reply.status_code == 403, reply.text
    [row] = admin.call(
        "maintenance.request", "read", [request_id], fields=["name", "message_partner_ids"]
    )
    assert row["name"] == "Svit: droppande kran"
    assert partner_id not in row["message_partner_ids"]
    assert not admin.call("maintenance.request", "search", [("name", "=", "Direkt")])
