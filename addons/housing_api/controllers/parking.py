from odoo import http
from odoo.fields import Domain
from odoo.http import request

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
from .common import api_route, find_one, search_page
from .contacts import find_contact

# The letting engine lets parking, homes and storage: these endpoints are the parking queue.
PARKING = Domain("category", "=", "parking")
PUBLISHED = PARKING & Domain("state", "=", "published")
TAG = "Parking queue"


class HousingApiParking(http.Controller):
    """The parking queue on behalf of tenants: the domain module's methods (apply,
    get_eligibility, action_withdraw, action_accept, action_decline) do the work and
    refuse with their reason codes."""

    @api_route(
        "/parking/listings",
        tag=TAG,
        response=ParkingListing,
        shape="page",
        query=ParkingListingQuery,
    )
    def housing_api_parking_listings(self, query):
        """Published parking listings; with contact, whether that contact may apply (per
        application type) and why not."""
        contact = find_contact(query.contact) if query.contact else None
        Listing = request.env["housing.listing"]
        page = search_page(
            Listing,
            query,
            PUBLISHED,
            {
                "contact": lambda value: Domain.TRUE,
                "residential_area": lambda value: Domain("residential_area_id.code", "=", value),
            },
            order="date_to, id",
        )
        if contact:
            listings = Listing.browse([row["id"] for row in page["data"]])
            eligibility = listings.get_eligibility(contact)
            for row in page["data"]:
                row["eligibility"] = eligibility[row["id"]]
        return page

    @api_route(
        "/parking/listings/<int:listing_id>",
        tag=TAG,
        response=ParkingListing,
        path_params={"listing_id": "Parking listing id."},
    )
    def housing_api_parking_listing(self, listing_id):
        """A parking listing."""
        listing = find_one(
            request.env["housing.listing"], "id", listing_id, "parking_listing", PARKING
        )
        return {"data": listing._housing_api_values()[0]}

    @api_route(
        "/parking/listings/<int:listing_id>/applications",
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
        listing = find_one(
            request.env["housing.listing"], "id", listing_id, "parking_listing", PARKING
        )
        contact = find_contact(body.customer_number)
        application = listing.apply(contact, body.application_type)
        return 201, {"data": application._housing_api_values()[0]}

    @api_route(
        "/parking/applications",
        tag=TAG,
        response=ParkingApplication,
        shape="page",
        query=ParkingApplicationQuery,
    )
    def housing_api_parking_applications(self, query):
        """Parking applications, newest first."""
        filters = {
            "contact": lambda value: Domain("partner_id", "=", find_contact(value).id),
            "listing": lambda value: Domain("listing_id", "=", value),
            "state": lambda value: Domain("state", "=", value),
        }
        return search_page(
            request.env["housing.application"], query, PARKING, filters, order="id desc"
        )

    @api_route(
        "/parking/applications/<int:application_id>/withdraw",
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
        contact = find_contact(body.customer_number)
        application = find_one(
            request.env["housing.application"],
            "id",
            application_id,
            "parking_application",
            PARKING & Domain("partner_id", "=", contact.id),
        )
        application.action_withdraw(by_applicant=True)
        return {"data": application._housing_api_values()[0]}

    @api_route(
        "/parking/offers",
        tag=TAG,
        response=ParkingOffer,
        shape="page",
        query=ParkingOfferQuery,
    )
    def housing_api_parking_offers(self, query):
        """Parking offers, newest first."""
        filters = {
            "contact": lambda value: Domain("partner_id", "=", find_contact(value).id),
            "state": lambda value: Domain("state", "=", value),
        }
        return search_page(request.env["housing.offer"], query, PARKING, filters, order="id desc")

    @api_route(
        "/parking/offers/<int:offer_id>/answer",
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
        contact = find_contact(body.customer_number)
        offer = find_one(
            request.env["housing.offer"],
            "id",
            offer_id,
            "parking_offer",
            PARKING & Domain("partner_id", "=", contact.id),
        )
        if body.answer == "accept":
            offer.action_accept()
        else:
            offer.action_decline()
        return {"data": offer._housing_api_values()[0]}
