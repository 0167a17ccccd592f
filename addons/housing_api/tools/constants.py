"""Limits and names of the housing API that code, document and tests share."""

API_PREFIX = "/api/housing/v1"
MAX_BODY_BYTES = 64 * 1024  # request bodies; larger ones get 413 payload_too_large
DEFAULT_LIMIT = 50  # records per page
MAX_LIMIT = 200
INTEGRATION_GROUP = "housing_base.group_housing_integration"
