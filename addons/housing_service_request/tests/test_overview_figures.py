from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.housing_property.tests.test_overview import OverviewFiguresMixin

from .common import HousingServiceRequestCase


@tagged("post_install", "-at_install", "housing_service_request")
@freeze_time("2026-03-10 09:00")
class TestOverviewFigures(OverviewFiguresMixin, HousingServiceRequestCase):
    """The Housing overview's lease and fault report figures against their records."""

    def overview(self):
        return self.env["housing.overview"].with_user(self.housing_user).create({})

    def test_lease_figures(self):
        Lease = self.env["housing.lease"]
        ends_now = self.make_lease(self.parking, start=date(2025, 1, 1), date_end=date(2026, 3, 31))
        other = self.Object.create(
            {
                "code": "999-001-P-099",
                "object_type": "parking",
                "property_id": self.property.id,
                "parking_type": "outdoor",
                "base_rent": 300,
            }
        )
        ends_next = self.make_lease(other, start=date(2025, 1, 1), date_end=date(2026, 4, 30))
        upcoming = self.make_lease(
            self.Object.create(
                {
                    "code": "999-001-01-0099",
                    "object_type": "residence",
                    "staircase_id": self.staircase.id,
                    "base_rent": 5000,
                }
            ),
            start=date(2026, 6, 1),
        )
        self.lease.give_notice(date(2026, 3, 2), given_by="tenant")
        overview = self.overview()
        self.assertFigure(overview, "ending_this_month", ends_now)
        self.assertFigure(overview, "ending_next_month", ends_next)
        self.assertFigure(overview, "notice", self.lease)
        self.assertFigure(overview, "upcoming", upcoming)
        ending = Lease.search(
            [
                ("state", "in", ("upcoming", "current", "notice")),
                ("date_stop", ">=", date(2026, 3, 10)),
            ]
        )
        self.assertEqual(ending, ends_now | ends_next | self.lease)
        self.assertFigure(overview, "ending", ending)
        lines = overview.ending_line_ids
        self.assertEqual(lines.mapped("count"), [1, 1, 1], "March, April and June 2026")
        self.assertEqual(lines[0].name, "March 2026")
        for line in lines:
            action = line.action_open()
            self.assertEqual(
                self.env[action["res_model"]].search_count(action["domain"]), line.count
            )

    def test_fault_report_figures(self):
        overdue = self.report(priority_level="1", request_date=date(2026, 2, 1))
        fresh = self.report(priority_level="7", housing_category="appliance")
        asking = self.report()
        asking.action_request_close("Det löste sig", self.tenant)
        closed = self.report(request_date=date(2026, 3, 1), user_id=self.housing_user.id)
        closed.stage_id = self.stage["performed"]
        closed.stage_id = self.stage["closed"]  # closed on 10 March: 9 days
        self.report(request_date=date(2026, 3, 4)).archive_equipment_request()
        overview = self.overview()
        self.assertFigure(overview, "open_request", overdue | fresh | asking)
        self.assertFigure(overview, "overdue_request", overdue)
        self.assertFigure(overview, "close_requested", asking)
        self.assertFigure(overview, "closed_request", closed)
        self.assertEqual(overview.handling_days, 9)
        records = self.open_figure(overview, "open_request")
        self.assertEqual(records.filtered(lambda r: r.housing_category == "appliance"), fresh)
        lines = overview.category_line_ids
        self.assertEqual(sum(lines.mapped("count")), overview.open_request_count)
        self.assertEqual(sum(lines.mapped("second_count")), overview.overdue_request_count)
        for line in lines:
            action = line.action_open()
            self.assertEqual(
                self.env[action["res_model"]].search_count(action["domain"]), line.count
            )
        self.assertEqual(lines.filtered(lambda line: line.name == "Appliance").count, 1)
        action = overview.with_context(figure="open_request").action_open_figure()
        self.assertEqual(action["views"][0][1], "pivot")
        self.assertEqual(action["context"]["pivot_row_groupby"], ["housing_category"])
