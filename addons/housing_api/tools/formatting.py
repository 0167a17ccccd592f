"""Small helpers that give every resource of the API the same JSON shapes."""

import datetime


def iso_date(value):
    """'2026-01-31' or None."""
    return value.isoformat() if value else None


def iso_datetime(value):
    """UTC timestamp as '2026-01-31T12:00:00Z' or None (Odoo stores naive UTC)."""
    if not value:
        return None
    return value.replace(microsecond=0).isoformat() + "Z"


def parse_datetime(value):
    """Naive UTC datetime from an ISO 8601 text ('2026-01-31', '2026-01-31T12:00:00Z',
    '2026-01-31T13:00:00+01:00'); raises ValueError."""
    parsed = datetime.datetime.fromisoformat(value)
    if parsed.tzinfo:
        try:
            parsed = parsed.astimezone(datetime.UTC).replace(tzinfo=None)
        except OverflowError:  # 0001-01-01T00:00:00+14:00 is before year 1 in UTC
            raise ValueError(f"out of range: {value}") from None
    return parsed


def code_ref(record):
    """{'id', 'code', 'name'} of a register entry, or None."""
    if not record:
        return None
    return {"id": record.id, "code": record.code, "name": record.name}


def contact_ref(partner):
    """{'customer_number', 'name'} of a contact, as every resource names its contact."""
    return {"customer_number": none_if_false(partner.customer_number), "name": partner.name}


def none_if_false(value):
    """Odoo reads empty fields as False; the API answers null."""
    return None if value is False else value


def selection_label(record, field_name):
    """Translated label of the selection value of ``field_name``."""
    value = record[field_name]
    if not value:
        return None
    return dict(record._fields[field_name]._description_selection(record.env)).get(value)
