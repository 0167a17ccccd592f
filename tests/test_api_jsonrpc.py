"""The deprecated but still served /jsonrpc endpoint with an integration user's API key
in place of the password."""

import pytest

pytest_plugins = ["conftest_api"]


@pytest.fixture(scope="module")
def integrator(housing_api, jsonrpc):
    uid = jsonrpc.login(housing_api.login, housing_api.key)
    assert uid == housing_api.user_id

    def call(model, method, *args, **kwargs):
        return jsonrpc.execute(uid, housing_api.key, model, method, *args, **kwargs)

    return call


def test_reads_the_housing_models(housing_api, integrator):
    [obj] = integrator(
        "housing.rental.object",
        "search_read",
        [("code", "=", housing_api.residence_code)],
        fields=["status", "current_rent", "current_lease_id"],
    )
    assert obj["status"] == "leased"
    assert obj["current_lease_id"][0] == housing_api.lease_id
    [contact] = integrator(
        "res.partner",
        "read",
        [housing_api.tenant_id],
        fields=["customer_number", "personal_number"],
    )
    assert contact["customer_number"] == housing_api.tenant_number
    assert contact["personal_number"].replace("-", "") == housing_api.personal_number


def test_writes_are_refused(housing_api, integrator):
    with pytest.raises(RuntimeError, match="not allowed to modify"):
        integrator("housing.lease", "write", [housing_api.lease_id], {"date_start": "2020-01-01"})
    [lease] = housing_api.admin.call(
        "housing.lease", "read", [housing_api.lease_id], fields=["date_start"]
    )
    assert lease["date_start"] == "2024-04-01"


def test_wrong_key_is_refused(housing_api, jsonrpc):
    assert jsonrpc.login(housing_api.login, "0" * 40) is False
    with pytest.raises(RuntimeError, match="Access Denied"):
        jsonrpc.execute(housing_api.user_id, "0" * 40, "housing.lease", "search", [])
