"""Limits and names of the housing API that code, document and tests share."""

API_PREFIX = "/api/housing/v1"
MAX_BODY_BYTES = 64 * 1024  # request bodies; larger ones get 413 payload_too_large
DEFAULT_LIMIT = 50  # records per page
MAX_LIMIT = 200
MAX_OFFSET = 10_000  # browsing pages; synchronise with a cursor instead
INTEGRATION_GROUP = "housing_base.group_housing_integration"
MAX_IDEMPOTENCY_KEY = 255  # characters of an Idempotency-Key header
# Incremental sync: a cursor that ended a sync starts the next one this many seconds
# before where it stopped (and before the previous sync began), so a transaction that
# committed late (its write_date is its start) is not missed. Clients upsert by id.
SYNC_OVERLAP_SECONDS = 300
