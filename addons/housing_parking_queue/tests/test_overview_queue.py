from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.housing_property.tests.test_overview import OverviewFiguresMixin

from .common import ParkingQueueCase


@tagged("-at_install", "post_install", "housing_parking_queue")
@freeze_time("2026-03-16 08:00")
class TestOverviewQueue(OverviewFiguresMixin, ParkingQueueCase):
    """The Housing overview's queue figures against the records they count."""

    def test_queue_figures(self):
        first = self.listing_for()
        for partner in (self.home_tenant, self.one_parking, self.two_parking):
            first.apply(partner, "additional")
        second = self.listing_for(self.spaces[4])
        second.apply(self.one_parking, "additional")
        first.action_start_offer_round()
        first.active_offer_id.action_decline()
        Overview = self.env["housing.overview"].with_user(self.housing_user)
        overview = Overview.create({})
        self.assertFigure(overview, "open_listing", first | second)
        applicants = self.Application.search(
            [("listing_id", "in", (first | second).ids), ("state", "in", ("active", "offered"))]
        )
        self.assertEqual(
            len(applicants), 3, "one declined, one offered, one active, one on the second"
        )
        self.assertFigure(overview, "applicant", applicants)
        self.assertEqual(overview.applicants_per_listing, 1.5)
        declined = self.env["housing.offer"].search([("state", "=", "declined")])
        self.assertEqual(len(declined), 1)
        self.assertFigure(overview, "declined_offer", declined)
        self.assertFigure(overview, "expired_offer", self.env["housing.offer"])
        # The next applicant accepts: the space is let, six days after publication.
        first.active_offer_id.action_accept()
        overview = Overview.create({})
        self.assertFigure(overview, "let", first)
        self.assertEqual(
            overview.days_to_let, (first.lease_id.contract_date - first.date_from).days
        )
