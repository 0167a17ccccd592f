"""Cursors of the incremental sync of /api/housing/v1 list endpoints.

A sync reads records in (write_date, id) order and tombstones (deleted or archived
records) in (create_date, id) order, each from a position: "after this (time, id)". The
cursor carries both positions, when this sync began, whether more pages follow, and a
digest of the filters it was made for. It is opaque to clients: base64url of JSON."""

import base64
import datetime
import hashlib
import json

CURSOR_VERSION = 1


def filters_digest(params):
    """A short digest of the filter parameters a sync runs with."""
    text = json.dumps(sorted(params.items()), ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode(cursor):
    """``cursor``: {"more": bool, "started": datetime, "records": (datetime, id),
    "tombstones": (datetime, id), "filters": digest}."""
    payload = {
        "v": CURSOR_VERSION,
        "m": int(cursor["more"]),
        "s": cursor["started"].isoformat(),
        "r": [cursor["records"][0].isoformat(), cursor["records"][1]],
        "t": [cursor["tombstones"][0].isoformat(), cursor["tombstones"][1]],
        "f": cursor["filters"],
    }
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(text):
    """The cursor ``encode`` made; ValueError for anything else."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        payload = json.loads(raw)
        if payload["v"] != CURSOR_VERSION:
            raise ValueError("unknown cursor version")
        return {
            "more": bool(payload["m"]),
            "started": datetime.datetime.fromisoformat(payload["s"]),
            "records": _position(payload["r"]),
            "tombstones": _position(payload["t"]),
            "filters": str(payload["f"]),
        }
    except (TypeError, KeyError, IndexError, AttributeError, ValueError, OverflowError):
        raise ValueError("not a cursor of this API") from None


def _position(value):
    moment, record_id = value
    if not isinstance(record_id, int) or isinstance(record_id, bool):
        raise ValueError("bad position")
    moment = datetime.datetime.fromisoformat(moment)
    if moment.tzinfo is not None:
        raise ValueError("bad position")
    return moment, record_id


def start(cursor, overlap):
    """Where the next request reads from: the cursor's positions as they are while its
    sync has more pages; for a cursor that ended a sync, ``overlap`` before both where
    it stopped and when that sync began (position id 0: everything at that time)."""
    if cursor["more"]:
        return cursor["records"], cursor["tombstones"]
    return tuple(
        (min(cursor[stream][0], cursor["started"]) - overlap, 0)
        for stream in ("records", "tombstones")
    )
