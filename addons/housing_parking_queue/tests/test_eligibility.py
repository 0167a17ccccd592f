from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from ..tools import rules
from .common import ParkingQueueCase

MIMER = "Bostads-AB-Mimer/onecore services/leasing/src/services/lease-service/"


@tagged("-at_install", "post_install", "housing_parking_queue")
@freeze_time("2026-03-10 09:00")
class TestEligibility(ParkingQueueCase):
    """Which leases count for the priority and the residents-only rules, case by case
    against Mimer's leasing priority list and rental rule validators."""

    def assertRefused(self, code, func):
        with self.assertRaises(rules.LettingRefusal) as caught:
            func()
        self.assertEqual(caught.exception.code, code)

    def verdicts(self, listing, partner):
        return listing._get_eligibility(partner)[listing.sudo()]

    def test_parking_lease_under_notice_does_not_count(self):
        """Mimer: tests/priority-list-service.test.ts "applicant should get priority 1 if
        they only have parking space contracts that are about to end and valid housing
        contract in same residential area as listing" (priority-list-service.ts counts
        current and upcoming parking leases only)."""
        parking = self.one_parking.lease_ids.filtered(
            lambda lease: lease.rental_object_id == self.spaces[0]
        )
        parking.give_notice(date(2026, 3, 10))
        self.assertEqual(parking.state, "notice")
        listing = self.listing_for()
        verdicts = self.verdicts(listing, self.one_parking)
        self.assertEqual(verdicts[rules.ADDITIONAL], rules.Verdict("1", rules.NO_PARKING))
        # One of two parking leases under notice: the other one alone counts.
        two = self.two_parking.lease_ids.filtered(
            lambda lease: lease.rental_object_id == self.spaces[1]
        )
        two.give_notice(date(2026, 3, 10))
        self.assertEqual(
            self.verdicts(listing, self.two_parking)[rules.ADDITIONAL],
            rules.Verdict("2", rules.ADDITIONAL_TO_ONE),
        )
        # An upcoming parking lease counts.
        self.lease_for(self.home_tenant, self.spaces[5], start=date(2026, 4, 1))
        self.assertEqual(
            self.verdicts(listing, self.home_tenant)[rules.REPLACE],
            rules.Verdict("1", rules.REPLACE_ONLY_PARKING),
        )

    def test_residents_only_area_decided_by_the_upcoming_home(self):
        """Mimer: residential-area-rental-rules-validator.ts
        isHousingContractsOfApplicantInSameAreaAsListing and its tests "should return false
        if upcoming housing contract is in other area than listing" and "should return true
        if upcoming housing contract is in same area as listing": with an upcoming housing
        lease, that one decides, not the current one."""
        special = self.listing_for(self.special_spaces[0])
        # Moving out of the residents-only area: refused although they live there today.
        self.lease_for(self.special_tenant, self.homes[3], start=date(2026, 5, 1))
        self.assertRefused(
            rules.SPECIAL_AREA, lambda: special.apply(self.special_tenant, "additional")
        )
        # Moving into it: allowed although they live elsewhere today.
        new_home = self.special_home.copy({"code": "999-100-01-0002"})
        self.lease_for(self.home_tenant, new_home, start=date(2026, 5, 1))
        application = special.apply(self.home_tenant, "additional")
        self.assertEqual(
            (application.priority, application.priority_reason), ("1", rules.NO_PARKING)
        )

    def test_residents_only_property_decided_by_the_upcoming_home(self):
        """Mimer: routes/applicants.ts validatePropertyRentalRules validates
        ``upcomingHousingContract || currentHousingContract``."""
        self.special_area.parking_residents_only = False
        self.special_property.parking_residents_only = True
        special = self.listing_for(self.special_spaces[0])
        self.lease_for(self.special_tenant, self.homes[3], start=date(2026, 5, 1))
        self.assertRefused(
            rules.SPECIAL_PROPERTY, lambda: special.apply(self.special_tenant, "additional")
        )

    def test_property_group_counts_as_one_property(self):
        """Mimer: property-rental-rules-validator.ts treats ROTORN 13 and ROTORN 14 as one
        property (tests/property-rental-rules-validator.test.ts "returns true if housing
        contract is one of ROTORN estate codes"). Here the grouping is data."""
        self.special_area.parking_residents_only = False
        self.special_property.parking_residents_only = True
        rotorn_14 = self.env["housing.property"].create(
            {"code": "23001", "name": "ROTORN 14", "residential_area_id": self.special_area.id}
        )
        neighbour_home = self.special_home.copy(
            {"code": "230-001-01-0001", "property_id": rotorn_14.id}
        )
        neighbour = self.identified_contacts([{"name": "Granne på Rotorn"}])
        self.lease_for(neighbour, neighbour_home)
        special = self.listing_for(self.special_spaces[0])
        self.assertRefused(rules.SPECIAL_PROPERTY, lambda: special.apply(neighbour, "additional"))
        group = self.env["housing.parking.property.group"].create(
            {"name": "ROTORN 13 och 14", "property_ids": [(4, self.special_property.id)]}
        )
        rotorn_14.parking_group_id = group
        self.assertEqual(group.property_ids, self.special_property | rotorn_14)
        application = special.apply(neighbour, "additional")
        self.assertEqual(application.priority, "1")
        # Parking in the other property of the group counts as parking here: replace only.
        other = self.identified_contacts([{"name": "Bilägare"}])
        self.lease_for(other, self.special_home.copy({"code": "999-100-01-0003"}))
        space_14 = self.special_spaces[1].copy(
            {"code": "230-001-P-001", "property_id": rotorn_14.id}
        )
        self.lease_for(other, space_14)
        self.assertRefused(rules.ADDITIONAL_NOT_ALLOWED, lambda: special.apply(other, "additional"))
