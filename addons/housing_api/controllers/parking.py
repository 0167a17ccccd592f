from odoo import http
from odoo.fields import Domain

from ..schemas.contacts import ActingContact
from ..schemas.parking import (
    ParkingAnswer,
    ParkingApplication,
    ParkingApplicationCreate,
    ParkingApplicationQuery,
    ParkingListing,
    ParkingListingQuery,
    ParkingOffer,
    ParkingOfferQuery,
)
from .common import api_route
from .letting import (
    answer,
    applications_page,
    apply,
    find_listing,
    listings_page,
    offers_page,
    withdraw,
)

# The letting engine lets parking, homes and storage: these endpoints are the parking
# category of /listings, /applications and /offers (controllers/letting.py), in the shape
# they had before the other categories.
PARKING = Domain("category", "=", "parking")
TAG = "Parking queue"
# /parking/* goes six months after API 1.3.0 marked it deprecated (readme/API_POLICY.md).
SUNSET = "2027-06-01"


def deprecated(successor):
    return {"sunset": SUNSET, "successor": successor}


def _parking_values(listings, contact):
    rows = listings._housing_api_values()
    if contact and not listings._housing_api_hides_verdicts(contact):
        eligibility = listings.get_eligibility(contact)
        for row in rows:
            row["eligibility"] = eligibility[row["id"]]
    return rows


def _values(records):
    return records._housing_api_values()


class HousingApiParking(http.Controller):
    """The parking queue on behalf of tenants: the domain module's methods (apply,
    get_eligibility, action_withdraw, action_accept, action_decline) do the work and
    refuse with their reason codes."""

    @api_route(
        "/parking/listings",
        deprecated=deprecated("/listings?category=parking"),
        tag=TAG,
        response=ParkingListing,
        shape="page",
        query=ParkingListingQuery,
    )
    def housing_api_parking_listings(self, query):
        """Published parking listings; with contact, whether that contact may apply (per
        application type) and why not."""
        return listings_page(query, PARKING, _parking_values)

    @api_route(
        "/parking/listings/<int:listing_id>",
        deprecated=deprecated("/listings/{listing_id}"),
        tag=TAG,
        response=ParkingListing,
        path_params={"listing_id": "Parking listing id."},
    )
    def housing_api_parking_listing(self, listing_id):
        """A parking listing."""
        listing = find_listing(listing_id, PARKING, "parking_listing")
        return {"data": listing._housing_api_values()[0]}

    @api_route(
        "/parking/listings/<int:listing_id>/applications",
        deprecated=deprecated("/listings/{listing_id}/applications"),
        methods=["POST"],
        tag=TAG,
        response=ParkingApplication,
        body=ParkingApplicationCreate,
        status=201,
        path_params={"listing_id": "Parking listing id."},
    )
    def housing_api_parking_apply(self, listing_id, body):
        """Apply for a listing on behalf of a contact. On a non-scored listing the first
        eligible applicant gets the lease at once. 409: the queue's rules refuse, with the
        reason as the error code (not_tenant, credit_check, special_area,
        special_property, additional_not_allowed, no_housing_in_area, incomplete_address,
        already_applied, listing_closed)."""
        application = apply(find_listing(listing_id, PARKING, "parking_listing"), body)
        return 201, {"data": application._housing_api_values()[0]}

    @api_route(
        "/parking/applications",
        deprecated=deprecated("/applications?category=parking"),
        tag=TAG,
        response=ParkingApplication,
        shape="page",
        query=ParkingApplicationQuery,
    )
    def housing_api_parking_applications(self, query):
        """Parking applications, newest first."""
        return applications_page(query, PARKING, _values)

    @api_route(
        "/parking/applications/<int:application_id>/withdraw",
        deprecated=deprecated("/applications/{application_id}/withdraw"),
        methods=["POST"],
        tag=TAG,
        response=ParkingApplication,
        body=ActingContact,
        path_params={"application_id": "Parking application id."},
    )
    def housing_api_parking_withdraw(self, application_id, body):
        """The applicant withdraws; an active offer on it goes to the next in line.
        Another contact's application is not found; 409 application_closed when it is no
        longer active."""
        application = withdraw(application_id, body, PARKING, "parking_application")
        return {"data": application._housing_api_values()[0]}

    @api_route(
        "/parking/offers",
        deprecated=deprecated("/offers?category=parking"),
        tag=TAG,
        response=ParkingOffer,
        shape="page",
        query=ParkingOfferQuery,
    )
    def housing_api_parking_offers(self, query):
        """Parking offers, newest first."""
        return offers_page(query, PARKING, _values)

    @api_route(
        "/parking/offers/<int:offer_id>/answer",
        deprecated=deprecated("/offers/{offer_id}/answer"),
        methods=["POST"],
        tag=TAG,
        response=ParkingOffer,
        body=ParkingAnswer,
        path_params={"offer_id": "Parking offer id."},
    )
    def housing_api_parking_answer(self, offer_id, body):
        """The applicant accepts (the parking lease is created and returned) or declines.
        Another contact's offer is not found; 409 offer_not_active or offer_expired when it
        is too late, or a refusal code when the applicant no longer qualifies."""
        offer = answer(offer_id, body, PARKING, "parking_offer")
        return {"data": offer._housing_api_values()[0]}
