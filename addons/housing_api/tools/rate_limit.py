"""A per-integration-user request limit of the API (the reverse proxy's limits come
first, see readme/API_POLICY.md). Off unless the system parameter
``housing_api.rate_limit_per_minute`` is a positive number. Counted in memory per server
process: with --workers N a user may get up to N times the limit."""

import collections
import threading
import time

from .errors import HousingApiError

PARAMETER = "housing_api.rate_limit_per_minute"
WINDOW_SECONDS = 60
_windows = collections.defaultdict(collections.deque)
_lock = threading.Lock()


def check(env):
    """429 rate_limited when the user made the limit's number of requests in the last
    minute; the answer's Retry-After says when the next one is allowed."""
    limit = int(env["ir.config_parameter"].sudo().get_param(PARAMETER) or 0)
    if limit <= 0:
        return
    now = time.monotonic()
    with _lock:
        window = _windows[env.cr.dbname, env.uid]
        while window and window[0] <= now - WINDOW_SECONDS:
            window.popleft()
        if len(window) >= limit:
            retry_after = int(window[0] + WINDOW_SECONDS - now) + 1
            raise HousingApiError(
                429,
                "rate_limited",
                env._(
                    "Too many requests: at most %(limit)s a minute for this API key; try "
                    "again in %(seconds)s seconds.",
                    limit=limit,
                    seconds=retry_after,
                ),
                {"limit_per_minute": limit, "retry_after_seconds": retry_after},
            )
        window.append(now)
