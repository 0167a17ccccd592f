"""Request and response schemas of /api/housing/v1 (pydantic, strict)."""
