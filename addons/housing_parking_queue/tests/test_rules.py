from datetime import date

from odoo.tests import BaseCase, tagged

from ..tools import rules
from ..tools.rules import ApplicantFacts, ListingTerms, Verdict, evaluate

ORDINARY = ListingTerms(
    scored=True, special_area=False, special_property=False, debt_collection_since=date(2026, 1, 1)
)
SPECIAL_AREA = ListingTerms(
    scored=True, special_area=True, special_property=False, debt_collection_since=date(2026, 1, 1)
)
SPECIAL_PROPERTY = ListingTerms(
    scored=True, special_area=False, special_property=True, debt_collection_since=date(2026, 1, 1)
)
EXTERNAL = ListingTerms(
    scored=False,
    special_area=False,
    special_property=False,
    debt_collection_since=date(2026, 1, 1),
)
HOME_IN_AREA = {"housing": 1, "housing_in_area": 1}


@tagged("housing_parking_queue")
class TestRules(BaseCase):
    """Every priority rule and refusal of the parking queue, on plain facts."""

    def verdict(self, terms, application_type="additional", **facts):
        return evaluate(terms, ApplicantFacts(**facts), application_type)

    def test_priority_one(self):
        self.assertEqual(self.verdict(ORDINARY, **HOME_IN_AREA), Verdict("1", rules.NO_PARKING))
        self.assertEqual(
            self.verdict(ORDINARY, "replace", housing=1, parking=1),
            Verdict("1", rules.REPLACE_ONLY_PARKING),
        )

    def test_priority_two(self):
        self.assertEqual(
            self.verdict(ORDINARY, "additional", housing=1, parking=1),
            Verdict("2", rules.ADDITIONAL_TO_ONE),
        )
        self.assertEqual(
            self.verdict(ORDINARY, "replace", housing=1, parking=3),
            Verdict("2", rules.REPLACE_ONE_OF_SEVERAL),
        )

    def test_priority_three_without_cap(self):
        for count in (2, 5, 12):
            self.assertEqual(
                self.verdict(ORDINARY, "additional", housing=1, parking=count),
                Verdict("3", rules.ADDITIONAL_TO_SEVERAL),
            )

    def test_not_rankable_without_parking_or_home_in_area(self):
        verdict = self.verdict(ORDINARY, housing=1, housing_in_area=0)
        self.assertEqual(verdict, Verdict("none", rules.NO_HOUSING_IN_AREA))
        self.assertFalse(verdict.eligible)

    def test_refusals(self):
        self.assertEqual(self.verdict(ORDINARY).reason, rules.NOT_TENANT)
        # The credit check looks back from the listing's cut-off day, inclusive.
        failed = self.verdict(ORDINARY, debt_collection_date=date(2026, 1, 1), **HOME_IN_AREA)
        self.assertEqual(failed.reason, rules.CREDIT_CHECK)
        passed = self.verdict(ORDINARY, debt_collection_date=date(2025, 12, 31), **HOME_IN_AREA)
        self.assertTrue(passed.eligible)
        self.assertEqual(self.verdict(SPECIAL_AREA, housing=1).reason, rules.SPECIAL_AREA)
        self.assertEqual(
            self.verdict(SPECIAL_PROPERTY, **HOME_IN_AREA).reason, rules.SPECIAL_PROPERTY
        )
        # Renting parking in the special area already: only REPLACE is allowed.
        facts = {
            "housing": 1,
            "housing_in_area": 1,
            "home_in_area": True,
            "parking": 1,
            "parking_in_area": 1,
        }
        self.assertEqual(
            self.verdict(SPECIAL_AREA, "additional", **facts).reason, rules.ADDITIONAL_NOT_ALLOWED
        )
        self.assertEqual(
            self.verdict(SPECIAL_AREA, "replace", **facts), Verdict("1", rules.REPLACE_ONLY_PARKING)
        )
        # Living in the area today but moving out: the upcoming home decides (the facts
        # say so through home_in_area), the priority still counts the home in the area.
        self.assertEqual(self.verdict(SPECIAL_AREA, **HOME_IN_AREA).reason, rules.SPECIAL_AREA)
        facts = {"housing": 1, "home_in_property": True, "parking": 2, "parking_in_property": 1}
        self.assertEqual(
            self.verdict(SPECIAL_PROPERTY, "additional", **facts).reason,
            rules.ADDITIONAL_NOT_ALLOWED,
        )

    def test_refused_by_the_checks_an_offer_round_repeats_keep_their_rank(self):
        """Mimer ranks first (priority-list-service.ts: no priority when not a tenant,
        outside a residents-only area or without parking or a home in the area) and
        validates the rental rules afterwards (create-offer.ts), so those refused only by
        the validation or the credit check keep the place of their priority."""
        failed = self.verdict(ORDINARY, debt_collection_date=date(2026, 2, 1), **HOME_IN_AREA)
        self.assertEqual(failed, Verdict("none", rules.CREDIT_CHECK, "1"))
        self.assertTrue(failed.rankable)
        self.assertFalse(failed.eligible)
        facts = {"housing": 1, "home_in_property": True, "parking": 2, "parking_in_property": 1}
        self.assertEqual(
            self.verdict(SPECIAL_PROPERTY, "additional", **facts),
            Verdict("none", rules.ADDITIONAL_NOT_ALLOWED, "3"),
        )
        for refused in (
            self.verdict(ORDINARY),
            self.verdict(SPECIAL_AREA, **HOME_IN_AREA),
            self.verdict(ORDINARY, housing=1),
        ):
            self.assertFalse(refused.rankable)
        applied = date(2026, 1, 1)
        self.assertLess(
            rules.ranking_key(failed, date(2020, 1, 1), applied, 1),
            rules.ranking_key(Verdict("2", ""), date(2000, 1, 1), applied, 2),
        )

    def test_external_listing_needs_address_and_credit(self):
        self.assertEqual(self.verdict(EXTERNAL).reason, rules.INCOMPLETE_ADDRESS)
        self.assertEqual(
            self.verdict(EXTERNAL, complete_address=True), Verdict("", rules.FIRST_COME)
        )
        self.assertEqual(
            self.verdict(
                EXTERNAL, complete_address=True, debt_collection_date=date(2026, 2, 1)
            ).reason,
            rules.CREDIT_CHECK,
        )

    def test_ranking_key(self):
        one, two, none = Verdict("1", ""), Verdict("2", ""), Verdict("none", "")
        applied = date(2026, 1, 1)
        keys = [
            ("two-old", rules.ranking_key(two, date(2000, 1, 1), applied, 1)),
            ("none", rules.ranking_key(none, date(1990, 1, 1), applied, 2)),
            ("one-new", rules.ranking_key(one, date(2025, 1, 1), applied, 3)),
            ("one-old", rules.ranking_key(one, date(2010, 1, 1), applied, 4)),
            ("one-no-queue", rules.ranking_key(one, None, applied, 5)),
        ]
        self.assertEqual(
            [name for name, key in sorted(keys, key=lambda item: item[1])],
            ["one-old", "one-new", "one-no-queue", "two-old", "none"],
        )
