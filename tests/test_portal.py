"""The tenant portal (/my) over a real server and real sessions: a tenant logs in, sees
their lease, reports a fault with a photo through the CSRF-protected form, and a
neighbour who guesses the ids gets 404 for all of it."""

import base64
import re

import pytest
import requests

pytest_plugins = ["conftest_api"]

# A 1x1 PNG: photos are checked by their content, not by their name.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _csrf(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def _portal_session(housing_api, partner_id, login):
    portal_group = housing_api.admin.xmlid("base", "group_portal")
    housing_api.admin.create(
        "res.users",
        {
            "partner_id": partner_id,
            "login": login,
            "password": f"{login}-secret",
            "group_ids": [(6, 0, [portal_group])],
        },
    )
    session = requests.Session()
    page = session.get(f"{housing_api.url}/web/login", timeout=30)
    session.post(
        f"{housing_api.url}/web/login",
        data={"login": login, "password": f"{login}-secret", "csrf_token": _csrf(page)},
        timeout=30,
    )
    return session


@pytest.fixture(scope="module")
def portal(housing_api):
    [neighbour_id] = housing_api.admin.call(
        "res.partner", "search", [("customer_number", "=", housing_api.neighbour_number)]
    )
    return (
        _portal_session(housing_api, housing_api.tenant_id, f"sara-{housing_api.sfx}"),
        _portal_session(housing_api, neighbour_id, f"nils-{housing_api.sfx}"),
    )


def test_tenant_reports_a_fault_and_the_neighbour_cannot_see_it(housing_api, portal):
    tenant, neighbour = portal
    url = housing_api.url
    leases = tenant.get(f"{url}/my/leases", timeout=30)
    assert leases.status_code == 200
    assert housing_api.lease_number in leases.text

    form = tenant.get(f"{url}/my/service-requests/new", timeout=30)
    assert f'value="object:{housing_api.residence_id}"' in form.text
    values = {
        "location": f"object:{housing_api.residence_id}",
        "housing_category": "appliance",
        "name": "Kylskåpet är varmt",
        "description": "Det surrar men kyler inte.",
        "call_between": "08-10",
    }
    photos = {"photos": ("kyl.png", PNG, "image/png")}
    before = housing_api.admin.count("maintenance.request", [("name", "=", values["name"])])

    # Without the CSRF token nothing is made.
    refused = tenant.post(f"{url}/my/service-requests/new", data=values, files=photos, timeout=30)
    assert refused.status_code in (400, 403)
    assert housing_api.admin.count("maintenance.request", [("name", "=", values["name"])]) == before

    # A missing title is shown next to the field, and nothing is made either.
    invalid = tenant.post(
        f"{url}/my/service-requests/new",
        data={**values, "name": "", "csrf_token": _csrf(form)},
        files=photos,
        timeout=30,
    )
    assert invalid.status_code == 200
    assert "is-invalid" in invalid.text
    assert housing_api.admin.count("maintenance.request", [("name", "=", values["name"])]) == before

    created = tenant.post(
        f"{url}/my/service-requests/new",
        data={**values, "csrf_token": _csrf(form)},
        files=photos,
        timeout=30,
    )
    assert created.status_code == 200
    # Post/redirect/get: the new request's page, with the acknowledgement shown once.
    request_id = int(re.search(r"/my/service-requests/(\d+)$", created.url).group(1))
    assert "Kylskåpet är varmt" in created.text
    [row] = housing_api.admin.call(
        "maintenance.request",
        "read",
        [request_id],
        fields=["reporter_id", "rental_object_id", "origin"],
    )
    assert row["reporter_id"][0] == housing_api.tenant_id
    assert row["rental_object_id"][0] == housing_api.residence_id
    assert row["origin"] == "portal"
    photo_ids = housing_api.admin.call(
        "ir.attachment",
        "search",
        [("res_model", "=", "maintenance.request"), ("res_id", "=", request_id)],
    )
    assert len(photo_ids) == 1
    photo_url = f"{url}/my/service-requests/{request_id}/photo/{photo_ids[0]}"
    assert tenant.get(photo_url, timeout=30).content == PNG

    for page in (
        f"{url}/my/service-requests/{request_id}",
        photo_url,
        f"{url}/my/leases/{housing_api.lease_id}",
        f"{url}/my/leases/{housing_api.lease_id}?report_type=html",
    ):
        assert neighbour.get(page, timeout=30).status_code == 404, page
    assert housing_api.lease_number not in neighbour.get(f"{url}/my/leases", timeout=30).text
    assert "Kylskåpet" not in neighbour.get(f"{url}/my/service-requests", timeout=30).text
