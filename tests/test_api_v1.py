"""The purpose-built endpoints /api/housing/v1 driven over HTTP as an integrator would:
lookups, fault reports, idempotency, and every kind of bad request getting a clear error
and changing nothing."""

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

pytest_plugins = ["conftest_api"]


def _error(response, status, code):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    return error


@pytest.fixture(scope="module")
def document(housing_api):
    reply = requests.get(f"{housing_api.url}/api/housing/v1/openapi.json", timeout=10)
    assert reply.status_code == 200
    return reply.json()


@pytest.fixture(scope="module")
def conforms(document):
    """conforms(data, "Lease"): ``data`` matches the OpenAPI document's schema."""
    validator = pytest.importorskip("openapi_schema_validator")

    def check(data, schema_name):
        schema = {
            "$ref": f"#/components/schemas/{schema_name}",
            "components": document["components"],
        }
        validator.validate(data, schema, cls=validator.OAS31Validator)

    return check


def _report(housing_api, **values):
    return {
        "customer_number": housing_api.tenant_number,
        "title": "Element kallt i sovrummet",
        "rental_object_code": housing_api.residence_code,
        "category": "building",
        **values,
    }


def _requests_count(housing_api):
    return housing_api.admin.count(
        "maintenance.request", [("reporter_id", "=", housing_api.tenant_id)]
    )


# ---------------------------------------------------------------------- lookups


def test_contact_by_customer_number_and_personal_number(housing_api, conforms):
    contact = housing_api.v1.get(f"/contacts/{housing_api.tenant_number}").json()["data"]
    conforms(contact, "Contact")
    assert contact["name"] == "Sara Svit"
    short = housing_api.personal_number[2:]
    found = housing_api.v1.post("/contacts/lookup", {"personal_number": short})
    assert found.status_code == 200, found.text
    assert found.json()["data"]["customer_number"] == housing_api.tenant_number


def test_rental_object_with_status_and_rent(housing_api, conforms):
    obj = housing_api.v1.get(f"/rental-objects/{housing_api.residence_code}").json()["data"]
    conforms(obj, "RentalObject")
    assert (obj["status"], obj["current_rent"]) == ("leased", 7450)
    assert obj["current_lease"]["number"] == housing_api.lease_number
    parking = housing_api.v1.get(f"/rental-objects/{housing_api.parking_code}").json()["data"]
    assert (parking["status"], parking["current_rent"]) == ("vacant", 450)
    listed = housing_api.v1.get(
        f"/rental-objects?property={housing_api.property_code}&status=vacant"
    )
    assert [o["code"] for o in listed.json()["data"]] == [housing_api.parking_code]


def test_property_tree(housing_api, conforms):
    prop = housing_api.v1.get(f"/properties/{housing_api.property_code}").json()["data"]
    conforms(prop, "Property")
    assert [b["code"] for b in prop["buildings"]] == [housing_api.building_code]
    assert prop["buildings"][0]["staircases"][0]["name"] == "Uppgång A"
    building = housing_api.v1.get(f"/buildings/{housing_api.building_code}").json()["data"]
    assert building["property"]["code"] == housing_api.property_code


def test_leases_by_contact_object_and_number(housing_api, conforms):
    by_contact = housing_api.v1.get(f"/leases?contact={housing_api.tenant_number}").json()
    assert [lease["number"] for lease in by_contact["data"]] == [housing_api.lease_number]
    conforms(by_contact["pagination"], "Pagination")
    by_object = housing_api.v1.get(f"/leases?rental_object={housing_api.residence_code}").json()
    assert by_object["data"] == by_contact["data"]
    lease = housing_api.v1.get(f"/leases/{housing_api.lease_number}").json()["data"]
    conforms(lease, "Lease")
    assert lease["state"] == "current"
    assert lease["tenants"][0]["customer_number"] == housing_api.tenant_number


def test_pagination_and_sync(housing_api):
    first = housing_api.v1.get("/rental-objects?limit=1&modified_since=2000-01-01T00:00:00Z").json()
    assert len(first["data"]) == 1
    assert first["pagination"]["has_more"] is True
    cursor = first["pagination"]["next_cursor"]
    second = housing_api.v1.get(f"/rental-objects?limit=1&cursor={cursor}").json()
    assert second["data"][0]["id"] != first["data"][0]["id"]
    future = housing_api.v1.get("/rental-objects?modified_since=2999-01-01").json()
    assert (future["data"], future["tombstones"]) == ([], [])
    assert future["pagination"]["has_more"] is False


# ---------------------------------------------------------------------- fault reports


def test_report_follow_and_close_a_fault(housing_api, conforms):
    created = housing_api.v1.post("/service-requests", _report(housing_api))
    assert created.status_code == 201, created.text
    request = created.json()["data"]
    conforms(request, "ServiceRequest")
    assert request["origin"] == "api"
    assert request["lease"]["number"] == housing_api.lease_number
    path = f"/service-requests/{request['id']}"
    message = housing_api.v1.post(
        f"{path}/messages", {"customer_number": housing_api.tenant_number, "body": "Hemma efter 16"}
    )
    assert message.status_code == 201, message.text
    conforms(message.json()["data"], "Message")
    messages = housing_api.v1.get(f"{path}/messages").json()["data"]
    assert "Hemma efter 16" in [m["body"] for m in messages]
    listed = housing_api.v1.get(f"/service-requests?contact={housing_api.tenant_number}").json()
    assert request["id"] in [r["id"] for r in listed["data"]]
    closed = housing_api.v1.post(
        f"{path}/close-request", {"customer_number": housing_api.tenant_number, "reason": "Fixat"}
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["data"]["close_requested"] is True


def test_idempotency_key(housing_api):
    before = _requests_count(housing_api)
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    body = _report(housing_api, title="Ventilationen brummar")
    first = housing_api.v1.post("/service-requests", body, headers=headers)
    again = housing_api.v1.post("/service-requests", body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotency-Replayed"] == "true"
    assert again.json() == first.json()
    _error(
        housing_api.v1.post("/service-requests", {**body, "title": "Annat"}, headers=headers),
        409,
        "idempotency_conflict",
    )
    assert _requests_count(housing_api) == before + 1


def test_concurrent_retries_with_one_key_create_once(housing_api):
    """A client that retries before the first answer came back: the requests meet in
    the database, the later ones wait and replay the first answer."""
    before = _requests_count(housing_api)
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    body = _report(housing_api, title="Dörren till förrådet kärvar")
    with ThreadPoolExecutor(4) as pool:
        replies = list(
            pool.map(
                lambda _i: housing_api.v1.post("/service-requests", body, headers=headers),
                range(4),
            )
        )
    assert [reply.status_code for reply in replies] == [201] * 4, [r.text for r in replies]
    assert len({reply.json()["data"]["id"] for reply in replies}) == 1
    assert sum(reply.headers.get("Idempotency-Replayed") == "true" for reply in replies) == 3
    assert _requests_count(housing_api) == before + 1


# ---------------------------------------------------------------------- bad requests


def test_bad_requests_get_clear_errors_and_change_nothing(housing_api):
    v1 = housing_api.v1
    before = _requests_count(housing_api)
    body = _report(housing_api, title="Ska inte sparas")
    _error(v1.post("/service-requests", body, key=False), 401, "unauthorized")
    _error(v1.post("/service-requests", body, key="0" * 40), 401, "unauthorized")
    _error(v1.post("/service-requests", body, key=housing_api.outsider_key), 403, "forbidden")
    _error(
        v1.request(
            "POST",
            "/service-requests",
            data='{"customer_number": "P1", "title": ',
            headers={"Content-Type": "application/json"},
        ),
        400,
        "malformed_json",
    )
    _error(
        v1.request(
            "POST",
            "/service-requests",
            data=json.dumps(body),
            headers={"Content-Type": "text/plain"},
        ),
        415,
        "unsupported_media_type",
    )
    error = _error(
        v1.post("/service-requests", {**body, "description": "x" * 100_000}),
        413,
        "payload_too_large",
    )
    assert error["details"]["limit_bytes"] == 65536
    error = _error(v1.post("/service-requests", {**body, "urgent": True}), 400, "validation_error")
    assert "urgent" in error["details"]["fields"]
    # The parking space is not the tenant's: the domain module refuses.
    error = _error(
        v1.post("/service-requests", {**body, "rental_object_code": housing_api.parking_code}),
        400,
        "validation_error",
    )
    assert "lease" in error["message"]
    _error(v1.post("/service-requests", {**body, "customer_number": "P000000"}), 404, "not_found")
    _error(v1.get("/rental-objects/NO-SUCH-0001"), 404, "not_found")
    _error(v1.get("/no-such-endpoint"), 404, "not_found")
    _error(v1.request("DELETE", f"/leases/{housing_api.lease_number}"), 405, "method_not_allowed")
    _error(v1.get("/leases?limit=1000"), 400, "validation_error")
    assert _requests_count(housing_api) == before


def test_other_tenants_requests_are_off_limits(housing_api):
    created = housing_api.v1.post("/service-requests", _report(housing_api, title="Droppande kran"))
    request_id = created.json()["data"]["id"]
    [before] = housing_api.admin.call(
        "maintenance.request", "read", [request_id], fields=["message_ids", "close_requested"]
    )
    neighbour = housing_api.neighbour_number
    _error(
        housing_api.v1.post(
            f"/service-requests/{request_id}/messages",
            {"customer_number": neighbour, "body": "Hej"},
        ),
        403,
        "forbidden",
    )
    _error(
        housing_api.v1.post(
            f"/service-requests/{request_id}/close-request",
            {"customer_number": neighbour, "reason": "Inte min"},
        ),
        403,
        "forbidden",
    )
    [after] = housing_api.admin.call(
        "maintenance.request", "read", [request_id], fields=["message_ids", "close_requested"]
    )
    assert after == before


def test_openapi_document_lists_what_the_server_answers(housing_api, document):
    assert document["openapi"].startswith("3.")
    # Every documented list endpoint (one that pages: it takes a limit) answers 200 with
    # this key.
    lists = []
    for path, operations in document["paths"].items():
        if "{" in path or "get" not in operations or operations["get"]["tags"] == ["Meta"]:
            continue
        if "limit" not in {param.get("name") for param in operations["get"].get("parameters", [])}:
            continue
        reply = housing_api.v1.get(path + "?limit=1")
        assert reply.status_code == 200, (path, reply.text)
        assert set(reply.json()) == {"data", "pagination"}, path
        lists.append(path)
    assert {"/listings", "/contacts", "/leases", "/offers"} <= set(lists), lists


# ---------------------------------------------------------------------- parking queue


def test_parking_apply_offer_accept(housing_api, conforms):
    admin, v1 = housing_api.admin, housing_api.v1
    [parking_id] = admin.call(
        "housing.rental.object", "search", [("code", "=", housing_api.parking_code)]
    )
    admin.delete_first.append(("housing.lease", [("rental_object_id", "=", parking_id)]))
    listing_id = admin.create(
        "housing.listing",
        {"rental_object_id": parking_id, "date_from": "2026-01-01", "date_to": "2026-01-15"},
    )
    listings = v1.get(f"/parking/listings?contact={housing_api.tenant_number}").json()["data"]
    [listing] = [row for row in listings if row["id"] == listing_id]
    conforms(listing, "ParkingListing")
    assert listing["eligibility"]["additional"]["eligible"] is True
    path = f"/parking/listings/{listing_id}/applications"
    refused = v1.post(
        path, {"customer_number": housing_api.neighbour_number, "application_type": "additional"}
    )
    assert _error(refused, 409, "not_tenant")
    applied = v1.post(
        path, {"customer_number": housing_api.tenant_number, "application_type": "additional"}
    )
    assert applied.status_code == 201, applied.text
    conforms(applied.json()["data"], "ParkingApplication")

    # Staff end the publication and offer the space (the cron would do it at night).
    admin.call("housing.listing", "action_start_offer_round", [listing_id])
    offers = v1.get(f"/parking/offers?contact={housing_api.tenant_number}&state=active").json()
    [offer] = offers["data"]
    conforms(offer, "ParkingOffer")
    me = housing_api.tenant_number
    accepted = v1.post(
        f"/parking/offers/{offer['id']}/answer", {"customer_number": me, "answer": "accept"}
    )
    assert accepted.status_code == 200, accepted.text
    lease = accepted.json()["data"]["lease"]
    assert lease["number"].startswith(housing_api.parking_code + "/")
    assert v1.get(f"/leases/{lease['number']}").json()["data"]["tenants"][0]["customer_number"] == (
        housing_api.tenant_number
    )
    again = v1.post(
        f"/parking/offers/{offer['id']}/answer", {"customer_number": me, "answer": "decline"}
    )
    _error(again, 409, "offer_not_active")


def test_hostile_input_over_a_real_server(housing_api):
    """Issue 17: what an attacker sends gets a documented 4xx in the API's format."""
    v1 = housing_api.v1
    before = _requests_count(housing_api)
    body = json.dumps(_report(housing_api, description="x" * 1_000_000)).encode()
    chunked = requests.post(
        f"{housing_api.url}/api/housing/v1/service-requests",
        data=(body[i : i + 65536] for i in range(0, len(body), 65536)),
        headers={"Authorization": f"Bearer {housing_api.key}", "Content-Type": "application/json"},
        timeout=30,
    )
    _error(chunked, 413, "payload_too_large")
    _error(v1.get("/contacts/P%00001"), 400, "validation_error")
    _error(v1.get("/contacts?modified_since=0001-01-01T00:00:00%2B14:00"), 400, "validation_error")
    deep = v1.request(
        "POST",
        "/service-requests",
        data="[" * 20000 + "]" * 20000,
        headers={"Content-Type": "application/json"},
    )
    _error(deep, 400, "malformed_json")
    surrogate = v1.request(
        "POST",
        "/service-requests",
        data=json.dumps(_report(housing_api, title="\ud800")),
        headers={"Content-Type": "application/json", "X-Request-Id": "suite-1"},
    )
    error = _error(surrogate, 400, "validation_error")
    assert error["request_id"] == surrogate.headers["X-Request-Id"] == "suite-1"
    assert _requests_count(housing_api) == before
    page = requests.get(f"{housing_api.url}/api/housing/v1/docs", timeout=10)
    assert page.status_code == 200 and "swagger-ui-bundle.js" in page.text
