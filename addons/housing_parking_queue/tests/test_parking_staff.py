from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.housing_letting.tools.dates import format_deadline

from .common import ParkingQueueCase


@tagged("-at_install", "post_install", "housing_parking_queue")
@freeze_time("2026-03-10 09:00")
class TestParkingStaff(ParkingQueueCase):
    """What a uthyrare sees of listings, rankings and deadlines."""

    def test_deadlines_read_as_words_in_swedish_time(self):
        # Friday 4 December 2026 23:59:59 CET is 22:59:59 UTC.
        deadline = datetime(2026, 12, 4, 22, 59, 59)
        self.assertEqual(format_deadline(deadline, "sv_SE"), "fredag 4 december kl. 23.59")
        self.assertEqual(format_deadline(deadline, "en_US"), "Friday 4 December at 23:59")
        # Summer time: 21:59:59 UTC is 23:59:59 CEST.
        summer = datetime(2026, 6, 5, 21, 59, 59)
        self.assertEqual(format_deadline(summer, "sv_SE"), "fredag 5 juni kl. 23.59")
        self.assertEqual(format_deadline(False, "sv_SE"), "")

    def test_the_ranking_is_current_whenever_it_is_shown(self):
        self.join_queue(self.two_parking, date(2020, 1, 1))
        self.join_queue(self.home_tenant, date(2025, 1, 1))
        listing = self.listing_for()
        listing.apply(self.two_parking, "additional")
        listing.apply(self.home_tenant, "additional")
        # Nothing was ranked by hand: the listing shows the order of today.
        html = listing.ranking_html
        self.assertLess(html.index(self.home_tenant.name), html.index(self.two_parking.name))
        self.assertIn("No parking lease, a home in the area", html)
        self.assertIn("Active", html)
        self.assertNotIn(">active<", html)
        # Two parking leases later both have priority 3: the longer queue time comes first.
        self.lease_for(self.home_tenant, self.spaces[4])
        self.lease_for(self.home_tenant, self.spaces[5])
        listing.invalidate_recordset(["ranking_html"])
        html = listing.ranking_html
        self.assertLess(html.index(self.two_parking.name), html.index(self.home_tenant.name))
        arch = self.Listing.get_view(
            self.env.ref("housing_parking_queue.housing_parking_listing_view_form").id
        )["arch"]
        self.assertNotIn("action_refresh_ranking", arch, "no button to press")

    def test_listings_show_street_type_and_rent(self):
        listing = self.listing_for()
        arch = self.Listing.get_view(
            self.env.ref("housing_parking_queue.housing_parking_listing_view_list").id, "list"
        )["arch"]
        for name in ("street", "parking_type", "has_charging", "base_rent"):
            self.assertIn(f'name="{name}"', arch)
        self.assertEqual(listing.street, self.spaces[3].street)
        self.assertEqual(listing.base_rent, self.spaces[3].base_rent)
