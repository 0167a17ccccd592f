"""Request and response schemas of the invoicing endpoints of /api/housing/v1."""
