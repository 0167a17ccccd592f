from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo.tests import BaseCase, tagged

from odoo.addons.housing_letting.tools.letting import ranking_key

from ..tools import housing_rules as rules

T = datetime(2026, 3, 2, 10, 0)


def facts(**values):
    profile = values.pop("profile", None) or rules.save_by_applicant(
        None, {"num_adults": 1, "num_children": 1, "housing_type": "RENTAL"}, T
    )
    return rules.ApplicantFacts(profile=profile, birth_date=date(1990, 5, 1), **values)


def terms(**values):
    return rules.ListingTerms(
        **{
            "room_code": "2RK",
            "monthly_rent": 7000,
            "now": T + timedelta(days=1),
            "debt_collection_since": date(2025, 9, 3),
            **values,
        }
    )


@tagged("housing_home_queue")
class TestRoomTypes(BaseCase):
    """OneCore cases A3-A5: household size against the room type (verify-application)."""

    def test_mimer_table(self):
        # A5: the largest household allowed, and one person more.
        for code, allowed in [
            ("1RK", 3),
            ("2RK", 4),
            ("3RK", 5),
            ("4RK", 7),
            ("5RK", 8),
            ("6RK", 10),
            ("1RKV", 2),
            ("STUD", 1),
        ]:
            with self.subTest(code=code):
                self.assertFalse(rules.too_many_residents(allowed, 0, code))
                self.assertTrue(rules.too_many_residents(allowed, 1, code))

    def test_unknown_code_is_allowed(self):
        self.assertIsNone(rules.max_residents("9XYZ"))
        self.assertFalse(rules.too_many_residents(20, 0, "9XYZ"))
        self.assertFalse(rules.too_many_residents(20, 0, None))

    def test_verify_application(self):
        # A3: 3 adults and 3 children in a 1RK; A4: 1 adult and 1 child in a 2RK.
        big = rules.save_by_applicant(None, {"num_adults": 3, "num_children": 3}, T)
        verdict = rules.evaluate(terms(room_code="1RK"), facts(profile=big))
        self.assertEqual(verdict.reason, rules.TOO_MANY_RESIDENTS)
        self.assertTrue(rules.evaluate(terms(), facts()).eligible)
        # A1: no profile.
        verdict = rules.evaluate(terms(), rules.ApplicantFacts())
        self.assertEqual(verdict.reason, rules.NO_PROFILE)

    def test_configured_table(self):
        table = {"2RK": 2}
        self.assertTrue(rules.too_many_residents(2, 1, "2RK", table))
        self.assertFalse(rules.too_many_residents(2, 1, "3RK", table))


@tagged("housing_home_queue")
class TestProfileDates(BaseCase):
    """OneCore cases B1-B4, C1, C2, C5: when the profile and its reference expire."""

    def test_applicant_save_keeps_it_alive(self):
        # B1/C5: a new profile is PENDING and valid six months; each save moves it on.
        profile = rules.save_by_applicant(None, {"num_adults": 1, "num_children": 1}, T)
        self.assertEqual(profile.reference_status, rules.PENDING)
        self.assertEqual(profile.expires_at, T + relativedelta(months=6))
        later = T + timedelta(days=40)
        # B2: the same profile, updated.
        saved = rules.save_by_applicant(profile, {"num_adults": 2, "num_children": 2}, later)
        self.assertEqual((saved.num_adults, saved.num_children), (2, 2))
        self.assertEqual(saved.last_updated_at, later)
        self.assertEqual(saved.expires_at, later + relativedelta(months=6))

    def test_applicant_cannot_review(self):
        profile = rules.save_by_applicant(None, {"num_adults": 1}, T)
        saved = rules.save_by_applicant(profile, {"reference_status": rules.APPROVED}, T)
        self.assertEqual(saved.reference_status, rules.PENDING)

    def test_staff_approves(self):
        # B3: approving two days later moves only the review.
        profile = rules.save_by_applicant(None, {"num_adults": 1}, T)
        later = T + timedelta(days=2)
        approved = rules.save_by_staff(profile, {"reference_status": rules.APPROVED}, later)
        self.assertEqual(approved.last_updated_at, profile.last_updated_at)
        self.assertEqual(approved.expires_at, profile.expires_at)
        self.assertEqual(approved.reference_reviewed_at, later)
        self.assertEqual(approved.reference_expires_at, later + relativedelta(months=6))

    def test_staff_change_of_living_situation(self):
        # B4: OWNS_FLAT → LODGER two days later: the profile is valid six months from
        # then; the review is kept.
        profile = rules.save_by_staff(
            None, {"housing_type": "OWNS_FLAT", "reference_status": rules.APPROVED}, T
        )
        later = T + timedelta(days=2)
        saved = rules.save_by_staff(profile, {"housing_type": "LODGER"}, later)
        self.assertEqual(saved.expires_at, later + relativedelta(months=6))
        self.assertEqual(saved.last_updated_at, later)
        self.assertEqual(saved.reference_reviewed_at, profile.reference_reviewed_at)
        self.assertEqual(saved.reference_expires_at, profile.reference_expires_at)

    def test_staff_change_of_household(self):
        # C1: stored 2 adults with dates 2021-01-01; staff save 3 adults.
        old = datetime(2021, 1, 1)
        profile = rules.Profile(num_adults=2, last_updated_at=old, expires_at=old)
        saved = rules.save_by_staff(profile, {"num_adults": 3}, T)
        self.assertGreater(saved.last_updated_at, old)
        self.assertGreater(saved.expires_at, old)

    def test_staff_rejects_with_quarantine(self):
        # C2: PENDING with reference end 2021-01-01; REJECTED until 2022-01-01.
        profile = rules.Profile(reference_expires_at=datetime(2021, 1, 1))
        now = datetime(2021, 6, 1)
        until = datetime(2022, 1, 1)
        rejected = rules.save_by_staff(
            profile,
            {
                "reference_status": rules.REJECTED,
                "reference_reason_rejected": "DISTURBANCE",
                "reference_expires_at": until,
            },
            now,
        )
        self.assertEqual(rejected.reference_reviewed_at, now)
        self.assertEqual(rejected.reference_expires_at, until)
        self.assertTrue(rules.reference_rejected(rejected, datetime(2021, 12, 31)))
        self.assertFalse(rules.reference_rejected(rejected, datetime(2022, 1, 2)))

    def test_nothing_changed(self):
        profile = rules.save_by_staff(None, {"num_adults": 2}, T)
        self.assertEqual(rules.save_by_staff(profile, {"num_adults": 2}, T + timedelta(1)), profile)


@tagged("housing_home_queue")
class TestHousingVerdicts(BaseCase):
    def test_refusals(self):
        expired = rules.save_by_applicant(None, {"num_adults": 1}, T - relativedelta(months=7))
        rejected = rules.save_by_staff(
            rules.save_by_applicant(None, {"num_adults": 1}, T),
            {"reference_status": rules.REJECTED, "reference_expires_at": T + timedelta(30)},
            T,
        )
        cases = [
            (terms(), rules.ApplicantFacts(), rules.NO_PROFILE),
            (terms(), facts(profile=expired), rules.PROFILE_EXPIRED),
            (
                terms(),
                rules.ApplicantFacts(profile=facts().profile, birth_date=date(2010, 1, 1)),
                rules.UNDER_18,
            ),
            (terms(), facts(profile=rejected), rules.REFERENCE_REJECTED),
            (terms(), facts(active_applications=3), rules.MAX_APPLICATIONS),
            (terms(), facts(debt_collection_date=date(2026, 1, 10)), rules.CREDIT_CHECK),
            (terms(income_factor=3), facts(monthly_income=20000), rules.INCOME_TOO_LOW),
        ]
        for listing_terms, applicant, reason in cases:
            with self.subTest(reason=reason):
                verdict = rules.evaluate(listing_terms, applicant)
                self.assertFalse(verdict.eligible)
                self.assertEqual(verdict.reason, reason)

    def test_limits_are_configurable(self):
        self.assertTrue(rules.evaluate(terms(max_applications=0), facts(active_applications=9)))
        self.assertTrue(
            rules.evaluate(terms(income_factor=3), facts(monthly_income=21000)).eligible
        )

    def test_priority_groups_rank_before_points(self):
        applied = datetime(2026, 3, 1)
        general = rules.evaluate(terms(), facts())
        first = rules.evaluate(terms(), facts(priority_group=1))
        second = rules.evaluate(terms(), facts(priority_group=2))
        refused = rules.evaluate(terms(), facts(active_applications=5))
        self.assertEqual((first.priority, first.reason), ("1", rules.PRIORITY_GROUP))
        self.assertEqual((general.priority, general.reason), ("9", rules.QUEUE_POINTS))
        ranked = sorted(
            [
                ("refused", ranking_key(refused, date(1990, 1, 1), applied, 1)),
                ("general_old", ranking_key(general, date(2000, 1, 1), applied, 2)),
                ("second", ranking_key(second, date(2024, 1, 1), applied, 3)),
                ("first", ranking_key(first, date(2025, 1, 1), applied, 4)),
                ("general_new", ranking_key(general, date(2020, 1, 1), applied, 5)),
            ],
            key=lambda row: row[1],
        )
        self.assertEqual(
            [name for name, __ in ranked],
            ["first", "second", "general_old", "general_new", "refused"],
        )

    def test_reference_checked_at_offer(self):
        pending = facts()
        self.assertTrue(rules.evaluate(terms(), pending).eligible)
        at_offer = rules.check_at_offer(terms(), pending)
        self.assertEqual(at_offer.reason, rules.REFERENCE_PENDING)
        self.assertEqual(at_offer.ranked_as, "9")
        # Only for now: the offer round passes the applicant over, keeping them.
        self.assertTrue(at_offer.deferred)
        approved = rules.save_by_staff(pending.profile, {"reference_status": rules.APPROVED}, T)
        self.assertTrue(rules.check_at_offer(terms(), facts(profile=approved)).eligible)
        # A failed credit check since applying: disqualified where the applicant ranks.
        debt = rules.check_at_offer(
            terms(), facts(profile=approved, debt_collection_date=date(2026, 1, 10))
        )
        self.assertEqual(
            (debt.reason, debt.ranked_as, debt.deferred), (rules.CREDIT_CHECK, "9", False)
        )
