from odoo.tests import tagged

from .common import HousingPropertyCase


class OverviewFiguresMixin:
    """Checks that an overview figure is the count of the records its button opens."""

    def open_figure(self, overview, key):
        action = overview.with_context(figure=key).action_open_figure()
        return (
            self.env[action["res_model"]].with_context(**action["context"]).search(action["domain"])
        )

    def assertFigure(self, overview, key, expected, field=None):
        """The figure ``field`` (default ``<key>_count``) equals the number of records its
        button opens, and these are ``expected``."""
        records = self.open_figure(overview, key)
        self.assertEqual(records, expected, key)
        self.assertEqual(overview[field or f"{key}_count"], len(expected), key)
        return records


@tagged("post_install", "-at_install", "housing_property")
class TestOverview(OverviewFiguresMixin, HousingPropertyCase):
    def test_vacancies_and_rent_lost(self):
        Overview = self.env["housing.overview"].with_user(self.housing_user)
        action = Overview.action_open_overview()
        overview = Overview.browse(action["res_id"])
        vacant = self.Object.search([("status", "=", "vacant")])
        self.assertIn(self.residence, vacant)
        self.assertFigure(overview, "vacant", vacant)
        self.assertEqual(overview.vacant_rent, sum(vacant.mapped("base_rent")))
        pivot = overview.with_context(figure="vacant").action_open_figure()
        self.assertEqual(pivot["views"][0][1], "pivot")
        self.assertEqual(pivot["context"]["pivot_row_groupby"], ["residential_area_id"])

    def test_vacancies_by_area_and_type_open_their_records(self):
        overview = self.env["housing.overview"].with_user(self.housing_user).create({})
        lines = overview.vacancy_line_ids
        self.assertTrue(lines)
        self.assertEqual(sum(lines.mapped("count")), overview.vacant_count)
        self.assertEqual(sum(lines.mapped("amount")), overview.vacant_rent)
        for line in lines:
            action = line.action_open()
            records = self.env[action["res_model"]].search(action["domain"])
            self.assertEqual(len(records), line.count, line.name)
            self.assertEqual(sum(records.mapped("base_rent")), line.amount, line.name)
            self.assertEqual(set(records.mapped("status")), {"vacant"})
        residence = lines.filtered(
            lambda line: self.residence.code in str(line.domain) or "Residence" in line.name
        )
        self.assertIn("Testområde", residence.name)
