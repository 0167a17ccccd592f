from odoo.tests import BaseCase, tagged

from ..tools import storage_rules as storage


@tagged("housing_storage_queue")
class TestStorageRules(BaseCase):
    """Storage: tenants only; the same property first, then the same area."""

    def test_priorities(self):
        residents_only = storage.ListingTerms(residents_only=True)
        cases = [
            (storage.ListingTerms(), storage.ApplicantFacts(), ("none", storage.NOT_TENANT)),
            (
                storage.ListingTerms(),
                storage.ApplicantFacts(housing=1, home_in_property=True, home_in_area=True),
                ("1", storage.SAME_PROPERTY),
            ),
            (
                storage.ListingTerms(),
                storage.ApplicantFacts(housing=1, home_in_area=True),
                ("2", storage.SAME_AREA),
            ),
            (
                storage.ListingTerms(),
                storage.ApplicantFacts(housing=2),
                ("3", storage.OTHER_TENANT),
            ),
            (
                residents_only,
                storage.ApplicantFacts(housing=1, home_in_area=True),
                ("none", storage.PROPERTY_RESIDENTS_ONLY),
            ),
            (
                residents_only,
                storage.ApplicantFacts(housing=1, home_in_property=True),
                ("1", storage.SAME_PROPERTY),
            ),
        ]
        for listing_terms, applicant, expected in cases:
            with self.subTest(expected=expected):
                verdict = storage.evaluate(listing_terms, applicant)
                self.assertEqual((verdict.priority, verdict.reason), expected)
