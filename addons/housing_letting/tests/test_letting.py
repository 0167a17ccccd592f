from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import BaseCase, tagged

from odoo.addons.housing_lease.tests.common import HousingLeaseCase

from ..tools import letting


@tagged("housing_letting")
class TestRankingKey(BaseCase):
    """The engine's order, whatever the category: priority group, then queue date, then
    application time, then id; refused applicants who keep a place rank with it."""

    def test_order(self):
        applied = datetime(2026, 3, 1, 12, 0)
        later = datetime(2026, 3, 2, 12, 0)
        rows = [
            ("refused", letting.refusal("credit_check"), date(2010, 1, 1), applied, 1),
            ("second_group", letting.Verdict("2", "x"), date(2015, 1, 1), applied, 2),
            ("kept_place", letting.refusal("credit_check", ranked_as="1"), None, applied, 3),
            ("tie_later", letting.Verdict("1", "x"), date(2020, 1, 1), later, 4),
            ("tie_earlier", letting.Verdict("1", "x"), date(2020, 1, 1), applied, 5),
            ("most_points", letting.Verdict("1", "x"), date(2019, 1, 1), later, 6),
            ("tie_higher_id", letting.Verdict("1", "x"), date(2020, 1, 1), applied, 7),
        ]
        ranked = sorted(rows, key=lambda row: letting.ranking_key(*row[1:]))
        self.assertEqual(
            [row[0] for row in ranked],
            [
                "most_points",
                "tie_earlier",
                "tie_higher_id",
                "tie_later",
                "kept_place",
                "second_group",
                "refused",
            ],
        )

    def test_verdicts(self):
        self.assertTrue(letting.Verdict("", letting.FIRST_COME).eligible)
        refused = letting.refusal(letting.NOT_IDENTIFIED)
        self.assertFalse(refused.eligible)
        self.assertFalse(refused.rankable)
        self.assertTrue(letting.refusal("credit_check", ranked_as="2").rankable)


@tagged("housing_letting")
class TestCategories(HousingLeaseCase):
    def test_category_without_rules_is_refused(self):
        """A home cannot be listed while no housing rules are installed: the category
        registry is the models registry."""
        with (
            self.assertRaisesRegex(UserError, "Nothing can be let in the Housing queue yet"),
            self.env.cr.savepoint(),
        ):
            self.env["housing.listing"].create(
                {
                    "rental_object_id": self.residence.id,
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 15),
                }
            )
        self.assertFalse(
            self.env["housing.listing"].search([("rental_object_id", "=", self.residence.id)])
        )

    def test_policy_defaults_without_configuration(self):
        policy = self.env["housing.letting.policy"]._for("storage", "scored")
        self.assertEqual(
            (policy.category, policy.rule, policy.publication_days, policy.offer_business_days),
            ("storage", "scored", 14, 3),
        )
