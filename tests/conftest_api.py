"""Fixtures of the suite-level API tests (tests/test_api_*.py), loaded by them with
``pytest_plugins = ["conftest_api"]``.

``housing_api`` sets up, as admin over JSON-RPC, what an integrator needs: a small
estate with a leased flat and a vacant parking space, tenants, two integration users
with API keys (issued with ``res.users.housing_issue_api_key``) and a user whose key is
valid but who is not in the integration group. Everything gets a random suffix so runs
never collide, and is deleted again at the end."""

import random
import secrets
import warnings
from types import SimpleNamespace

import pytest
import requests
from stdnum import luhn

API = "/api/housing/v1"


def _personal_number():
    """A random valid personnummer (YYYYMMDDNNNN) of someone born 1940-1999."""
    yymmdd = f"{random.randint(40, 99):02d}{random.randint(1, 12):02d}{random.randint(1, 28):02d}"
    digits = yymmdd + f"{random.randint(0, 999):03d}"
    return "19" + digits + luhn.calc_check_digit(digits)


class Admin:
    """JSON-RPC as admin: ``admin.call(model, method, *args, **kwargs)``."""

    def __init__(self, jsonrpc):
        self.rpc = jsonrpc
        self.uid = jsonrpc.login("admin", "admin")
        self.created = []  # (model, id) in creation order, deleted in reverse
        self.delete_first = []  # (model, domain): what the tests made through the API

    def call(self, model, method, *args, **kwargs):
        return self.rpc.execute(self.uid, "admin", model, method, *args, **kwargs)

    def create(self, model, values):
        record_id = self.call(model, "create", values)
        self.created.append((model, record_id))
        return record_id

    def count(self, model, domain=()):
        return self.call(model, "search_count", list(domain))

    def xmlid(self, module, name):
        [row] = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        return row["res_id"]

    def cleanup(self):
        """Delete what the tests made, but what the application keeps on purpose and what
        that refers to: a listing that went through an offer round keeps its allocation
        audit (immutable), and with it its space, property and applicants."""
        for model, domain in self.delete_first:
            self.call(model, "unlink", self.call(model, "search", domain))
        kept = []
        for model, record_id in reversed(self.created):
            try:
                self.call(model, "unlink", [record_id])
            except RuntimeError as error:
                if "Another model is using the record" not in str(error):
                    raise
                kept.append(f"{model}({record_id})")
        if kept:
            warnings.warn(
                f"Kept by the records that refer to them: {', '.join(kept)}", stacklevel=2
            )


class Client:
    """An integrator's HTTP client of the v1 endpoints."""

    def __init__(self, url, key):
        self.url, self.key = url, key

    def request(self, method, path, json=None, key=None, headers=None, data=None):
        all_headers = {} if key is False else {"Authorization": f"Bearer {key or self.key}"}
        all_headers.update(headers or {})
        return requests.request(
            method, self.url + API + path, json=json, data=data, headers=all_headers, timeout=30
        )

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.request("POST", path, json=json, **kwargs)


@pytest.fixture(scope="session")
def housing_api(odoo_server, jsonrpc):
    admin = Admin(jsonrpc)
    sfx = secrets.token_hex(3).upper()
    try:
        yield _setup(admin, odoo_server, sfx)
    finally:
        admin.cleanup()


def _setup(admin, server, sfx):
    integration_group = admin.xmlid("housing_base", "group_housing_integration")

    def integration_user(login):
        user_id = admin.create(
            "res.users",
            {"name": f"Integration {login}", "login": login, "group_ids": [(4, integration_group)]},
        )
        key = admin.call("res.users", "housing_issue_api_key", [user_id], "suite tests")
        return user_id, key

    user_id, key = integration_user(f"api-{sfx}")
    other_user_id, other_key = integration_user(f"api-other-{sfx}")
    # A valid key of a user who is no longer an integration user.
    outsider_id, outsider_key = integration_user(f"api-outsider-{sfx}")
    admin.call("res.users", "write", [outsider_id], {"group_ids": [(3, integration_group)]})

    area = admin.create("housing.residential.area", {"code": f"A{sfx}", "name": "Sviten"})
    prop = admin.create(
        "housing.property",
        {"code": f"9{sfx}", "name": f"SVITEN {sfx}", "residential_area_id": area},
    )
    building = admin.create(
        "housing.building", {"code": f"9{sfx}-01", "name": "Hus 1", "property_id": prop}
    )
    staircase = admin.create(
        "housing.staircase",
        {"code": f"9{sfx}-01-A", "name": "Uppgång A", "building_id": building},
    )
    residence_code, parking_code = f"{sfx}-001-01-0001", f"{sfx}-001-P-001"
    residence = admin.create(
        "housing.rental.object",
        {
            "code": residence_code,
            "object_type": "residence",
            "staircase_id": staircase,
            "street": "Svitgatan 1",
            "room_code": "3RK",
            "area": 71.5,
            "base_rent": 7450,
        },
    )
    admin.create(
        "housing.rental.object",
        {
            "code": parking_code,
            "object_type": "parking",
            "property_id": prop,
            "parking_type": "outdoor",
            "base_rent": 450,
        },
    )
    personal_number = _personal_number()
    tenant = admin.create(
        "res.partner",
        {"name": "Sara Svit", "is_housing_contact": True, "personal_number": personal_number},
    )
    # Identified (personnummer and customer number) but without a lease.
    neighbour = admin.create(
        "res.partner",
        {"name": "Nils Granne", "is_housing_contact": True, "personal_number": _personal_number()},
    )
    lease = admin.create(
        "housing.lease",
        {
            "rental_object_id": residence,
            "date_start": "2024-04-01",
            "tenant_line_ids": [(0, 0, {"partner_id": tenant, "role": "main"})],
        },
    )
    admin.call("housing.lease", "action_confirm", [lease])
    admin.delete_first.append(("maintenance.request", [("property_id", "=", prop)]))
    customer_numbers = {
        row["id"]: row["customer_number"]
        for row in admin.call(
            "res.partner", "read", [tenant, neighbour], fields=["customer_number"]
        )
    }
    [lease_row] = admin.call("housing.lease", "read", [lease], fields=["name"])
    return SimpleNamespace(
        url=server["url"],
        db=server["db"],
        admin=admin,
        sfx=sfx,
        key=key,
        other_key=other_key,
        outsider_key=outsider_key,
        user_id=user_id,
        login=f"api-{sfx}",
        other_user_id=other_user_id,
        v1=Client(server["url"], key),
        property_code=f"9{sfx}",
        building_code=f"9{sfx}-01",
        residence_id=residence,
        residence_code=residence_code,
        parking_code=parking_code,
        tenant_id=tenant,
        tenant_number=customer_numbers[tenant],
        personal_number=personal_number,
        neighbour_number=customer_numbers[neighbour],
        lease_id=lease,
        lease_number=lease_row["name"],
    )
