"""API keys under parallel use: an integration sends its calls at once with one key."""

from concurrent.futures import ThreadPoolExecutor

import requests

pytest_plugins = ["conftest_api"]


def test_parallel_calls_with_a_fresh_key_all_succeed(housing_api):
    """The first calls of a key in a minute all note its last use at once: none of them
    may fail for it (they collided on the upsert and got 401/403)."""
    key = housing_api.admin.call(
        "res.users", "housing_issue_api_key", [housing_api.user_id], "parallel calls"
    )
    url = f"{housing_api.url}/api/housing/v1/rental-objects/{housing_api.residence_code}"
    headers = {"Authorization": f"Bearer {key}", "X-Odoo-Database": housing_api.db}

    def call(_):
        return requests.get(url, headers=headers, timeout=60).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(call, range(16)))
    assert statuses == [200] * 16, statuses
