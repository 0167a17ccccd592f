"""Incremental sync over /api/housing/v1 (issue 17, defect 4): keyset pages on
(write_date, id) with an opaque cursor lose nothing when records change between pages,
a finished sync resumed later reads a documented overlap again (transactions that
committed late), and deleted or archived records come back as tombstones."""

import datetime

from odoo.tests import tagged

from .common import HousingApiCase

BASE = datetime.datetime(2099, 1, 1)


@tagged("post_install", "-at_install", "housing_api")
class TestApiSync(HousingApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contacts = cls.env["res.partner"].create(
            [{"name": f"Synk {letter}", "is_housing_contact": True} for letter in "ABC"]
        )

    def _changed(self, partner, seconds):
        """``partner`` changed at BASE + ``seconds`` (one test transaction has one time)."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = %s WHERE id = %s",
            (BASE + datetime.timedelta(seconds=seconds), partner.id),
        )
        self.env.invalidate_all()

    def _sync(self, query):
        """Follow the pages of a sync from ``query``: (ids in order, tombstones, cursor
        of the last page)."""
        ids, tombstones = [], []
        while True:
            page = self.api("GET", f"/contacts?{query}").json()
            ids += [row["id"] for row in page["data"]]
            tombstones += page["tombstones"]
            cursor = page["pagination"]["next_cursor"]
            if not page["pagination"]["has_more"]:
                return ids, tombstones, cursor
            query = f"limit=1&cursor={cursor}"

    def test_a_change_between_pages_loses_nothing(self):
        """The documented loop of offset pages skipped B when A changed after page 1,
        and the next sync never returned it."""
        a, b, c = self.contacts
        for seconds, partner in enumerate(self.contacts, 1):
            self._changed(partner, seconds)
        first = self.api("GET", "/contacts?limit=1&modified_since=2099-01-01T00:00:00Z").json()
        self.assertEqual([row["id"] for row in first["data"]], [a.id])
        self.assertTrue(first["pagination"]["has_more"])
        self._changed(a, 10)
        ids, _tombstones, _cursor = self._sync(
            f"limit=1&cursor={first['pagination']['next_cursor']}"
        )
        self.assertEqual(ids, [b.id, c.id, a.id])

    def test_a_late_commit_is_read_in_the_overlap(self):
        """A transaction that began before the sync and committed after it has an older
        write_date than the sync's position: the next sync reads it in the overlap."""
        for seconds, partner in enumerate(self.contacts, 1):
            self._changed(partner, seconds)
        ids, _tombstones, cursor = self._sync("limit=1&modified_since=2099-01-01T00:00:00Z")
        self.assertEqual(ids, self.contacts.ids)
        late = self.env["res.partner"].create({"name": "Sen", "is_housing_contact": True})
        self._changed(late, 2)  # behind the position the sync stopped at
        ids, _tombstones, _cursor = self._sync(f"limit=50&cursor={cursor}")
        self.assertIn(late.id, ids)

    def test_deleted_and_archived_records_are_tombstones(self):
        a, b, _c = self.contacts
        for seconds, partner in enumerate(self.contacts, 1):
            self._changed(partner, seconds)
        _ids, tombstones, cursor = self._sync("limit=1&modified_since=2099-01-01T00:00:00Z")
        self.assertEqual(tombstones, [])
        a.action_archive()
        b.unlink()
        ids, tombstones, cursor = self._sync(f"limit=1&cursor={cursor}")
        self.assertEqual(
            [(t["id"], t["reason"]) for t in tombstones if t["id"] in (a.id, b.id)],
            [(a.id, "archived"), (b.id, "deleted")],
        )
        self.assertNotIn(a.id, ids)
        # Back from the archive: no tombstone any more, the contact is data again.
        a.action_unarchive()
        self._changed(a, 20)
        ids, tombstones, _cursor = self._sync(f"limit=50&cursor={cursor}")
        self.assertIn(a.id, ids)
        self.assertNotIn(a.id, [t["id"] for t in tombstones])

    def test_tombstones_of_codes_name_the_code(self):
        area = self.env["housing.residential.area"].create({"code": "SYNK", "name": "Synk"})
        area.unlink()
        page = self.api("GET", "/residential-areas?modified_since=2000-01-01").json()
        self.assertIn(
            {"id": area.id, "key": "SYNK", "reason": "deleted"},
            [{k: t[k] for k in ("id", "key", "reason")} for t in page["tombstones"]],
        )

    def test_bad_sync_parameters(self):
        cursor = self.api("GET", "/leases?modified_since=2000-01-01&state=current").json()[
            "pagination"
        ]["next_cursor"]
        for query in (
            "modified_since=",
            "cursor=",
            "cursor=bm90LWEtY3Vyc29y",
            f"cursor={cursor}&modified_since=2000-01-01",
            f"cursor={cursor}&offset=5",
            f"cursor={cursor}",  # made for state=current
            "offset=10001",
            "state=",
        ):
            with self.subTest(query=query):
                self.assertApiError(self.api("GET", f"/leases?{query}"), 400, "validation_error")
        page = self.api("GET", f"/leases?state=current&cursor={cursor}")
        self.assertEqual(page.status_code, 200, page.text)

    def test_a_fault_report_hidden_from_the_tenant_is_a_tombstone(self):
        report = self.report()
        page = self.api("GET", "/service-requests?modified_since=2000-01-01").json()
        self.assertIn(report.id, [row["id"] for row in page["data"]])
        cursor = page["pagination"]["next_cursor"]
        report.hidden_from_tenant = True
        page = self.api("GET", f"/service-requests?cursor={cursor}").json()
        self.assertNotIn(report.id, [row["id"] for row in page["data"]])
        self.assertIn(
            {"id": report.id, "reason": "archived"},
            [{k: t[k] for k in ("id", "reason")} for t in page["tombstones"]],
        )
        report.hidden_from_tenant = False
        page = self.api("GET", f"/service-requests?cursor={cursor}").json()
        self.assertNotIn(report.id, [t["id"] for t in page["tombstones"]])
