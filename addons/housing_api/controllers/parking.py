from odoo import http
from odoo.fields import Domain
from odoo.http import request

from ..tools.errors import HousingApiError
from .common import api_route, check_selection, find_one, json_body, query_params, search_page
from .contacts import find_contact

PUBLISHED = Domain("state", "=", "published")


class HousingApiParking(http.Controller):
    """The parking queue on behalf of tenants: the domain module's methods (apply,
    get_eligibility, action_withdraw, action_accept, action_decline) do the work and
    refuse with their reason codes."""

    @api_route("/parking/listings")
    def housing_api_parking_listings(self, **params):
        """Published listings; with ``contact``, whether that contact may apply with each
        application type and why not."""
        contact = find_contact(params["contact"]) if params.get("contact") else None
        Listing = request.env["housing.parking.listing"]
        page = search_page(
            Listing,
            params,
            PUBLISHED,
            {
                "contact": lambda value: Domain.TRUE,
                "residential_area": lambda value: Domain("residential_area_id.code", "=", value),
            },
            order="date_to, id",
        )
        if contact:
            listings = Listing.browse([row["id"] for row in page["data"]])
            eligibility = listings._housing_api_eligibility(contact)
            for row in page["data"]:
                row["eligibility"] = eligibility[row["id"]]
        return page

    @api_route("/parking/listings/<int:listing_id>", methods=["GET"])
    def housing_api_parking_listing(self, listing_id, **params):
        query_params(params, ())
        listing = find_one(
            request.env["housing.parking.listing"], "id", listing_id, "parking_listing"
        )
        return {"data": listing._housing_api_values()[0]}

    @api_route("/parking/listings/<int:listing_id>/applications", methods=["POST"])
    def housing_api_parking_apply(self, listing_id, **params):
        """Apply for a listing on behalf of the contact (on a non-scored listing the first
        eligible applicant gets the lease at once)."""
        query_params(params, ())
        Application = request.env["housing.parking.application"]
        listing = find_one(
            request.env["housing.parking.listing"], "id", listing_id, "parking_listing"
        )
        body = json_body({"customer_number": (str, True), "application_type": (str, True)})
        check_selection(
            Application, "application_type", body["application_type"], "application_type"
        )
        contact = find_contact(body["customer_number"])
        application = listing.apply(contact, body["application_type"])
        return 201, {"data": application._housing_api_values()[0]}

    @api_route("/parking/applications")
    def housing_api_parking_applications(self, **params):
        Application = request.env["housing.parking.application"]
        filters = {
            "contact": lambda value: Domain("partner_id", "=", find_contact(value).id),
            "listing": lambda value: Domain("listing_id", "=", _int(value, "listing")),
            "state": lambda value: Domain(
                "state", "=", check_selection(Application, "state", value, "state")
            ),
        }
        return search_page(Application, params, (), filters, order="id desc")

    @api_route("/parking/applications/<int:application_id>/withdraw", methods=["POST"])
    def housing_api_parking_withdraw(self, application_id, **params):
        """The applicant withdraws the application (an active offer on it is withdrawn too
        and the space goes to the next in line). Another contact's application is not
        found."""
        query_params(params, ())
        body = json_body({"customer_number": (str, True)})
        contact = find_contact(body["customer_number"])
        application = find_one(
            request.env["housing.parking.application"],
            "id",
            application_id,
            "parking_application",
            [("partner_id", "=", contact.id)],
        )
        application.action_withdraw(by_applicant=True)
        return {"data": application._housing_api_values()[0]}

    @api_route("/parking/offers")
    def housing_api_parking_offers(self, **params):
        Offer = request.env["housing.parking.offer"]
        filters = {
            "contact": lambda value: Domain("partner_id", "=", find_contact(value).id),
            "state": lambda value: Domain(
                "state", "=", check_selection(Offer, "state", value, "state")
            ),
        }
        return search_page(Offer, params, (), filters, order="id desc")

    @api_route("/parking/offers/<int:offer_id>/answer", methods=["POST"])
    def housing_api_parking_answer(self, offer_id, **params):
        """The applicant accepts (the parking lease is created) or declines the offer.
        Another contact's offer is not found."""
        query_params(params, ())
        body = json_body({"customer_number": (str, True), "answer": (str, True)})
        contact = find_contact(body["customer_number"])
        offer = find_one(
            request.env["housing.parking.offer"],
            "id",
            offer_id,
            "parking_offer",
            [("partner_id", "=", contact.id)],
        )
        if body["answer"] == "accept":
            offer.action_accept()
        elif body["answer"] == "decline":
            offer.action_decline()
        else:
            raise HousingApiError(
                400,
                "validation_error",
                request.env._("answer must be 'accept' or 'decline'."),
                {"fields": {"answer": body["answer"]}, "allowed": ["accept", "decline"]},
            )
        return {"data": offer._housing_api_values()[0]}


def _int(value, name):
    try:
        return int(value)
    except ValueError:
        raise HousingApiError(
            400,
            "validation_error",
            request.env._("%(name)s must be a whole number.", name=name),
            {"fields": {name: value}},
        ) from None
