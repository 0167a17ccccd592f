"""The letting engine on behalf of tenants and applicants, for every category (parking,
housing, storage): listings, applying, withdrawing and answering offers. The engine's
methods (apply, get_eligibility, action_withdraw, action_accept, action_decline) do the
work and refuse with their category's reason codes; these endpoints translate HTTP to
them. /parking/* (controllers/parking.py) is the same with the category fixed."""

from odoo import http
from odoo.fields import Domain
from odoo.http import request

from ..schemas.contacts import ActingContact
from ..schemas.letting import (
    Application,
    ApplicationCreate,
    ApplicationQuery,
    EligibilityQuery,
    Listing,
    ListingEligibility,
    ListingQuery,
    Offer,
    OfferQuery,
    QueuePlace,
    ViewingAnswer,
    ViewingInvitation,
    ViewingInvitationQuery,
)
from ..schemas.parking import ParkingAnswer
from ..tools.errors import HousingApiError
from .common import api_route, find_one, not_found, search_page
from .contacts import find_contact

TAG = "Letting"
QUEUES_TAG = "Queues"
PUBLISHED = Domain("state", "=", "published")


def _filters(query, filters):
    """``filters`` and, where the query has it (not /parking/*), the category filter."""
    if "category" in type(query).model_fields:
        return {**filters, "category": lambda value: Domain("category", "=", value)}
    return filters


def _letting_values(records):
    return records._housing_api_letting_values()


def listings_page(query, domain, values=None):
    """A page of the published listings in ``domain``, as ``values(listings, contact)``
    gives them (contact: the query's, or None)."""
    contact = find_contact(query.contact) if query.contact else None
    values = values or (lambda listings, contact: listings._housing_api_letting_values(contact))
    return search_page(
        request.env["housing.listing"],
        query,
        domain & PUBLISHED,
        _filters(
            query,
            {
                "contact": lambda value: Domain.TRUE,
                "residential_area": lambda value: Domain("residential_area_id.code", "=", value),
            },
        ),
        order="date_to, id",
        values=lambda listings: values(listings, contact),
    )


def find_listing(listing_id, domain, resource):
    return find_one(request.env["housing.listing"], "id", listing_id, resource, domain)


def apply(listing, body):
    """The contact of ``body`` applies for ``listing``: the new application."""
    return listing.apply(find_contact(body.customer_number), body.application_type)


def _contact_page(model_name, query, domain, filters, values):
    """A page of applications or offers, newest first, by contact, state and ``filters``."""
    filters = {
        "contact": lambda value: Domain("partner_id", "=", find_contact(value).id),
        "state": lambda value: Domain("state", "=", value),
        **filters,
    }
    return search_page(
        request.env[model_name],
        query,
        domain,
        _filters(query, filters),
        order="id desc",
        values=values,
    )


def applications_page(query, domain, values=_letting_values):
    listing = {"listing": lambda value: Domain("listing_id", "=", value)}
    return _contact_page("housing.application", query, domain, listing, values)


def offers_page(query, domain, values=_letting_values):
    return _contact_page("housing.offer", query, domain, {}, values)


def _acting_contacts(model_name, record_id, body, domain, resource):
    """The record of the contact acting (``body.customer_number``): another contact's is
    not found."""
    contact = find_contact(body.customer_number)
    return find_one(
        request.env[model_name],
        "id",
        record_id,
        resource,
        domain & Domain("partner_id", "=", contact.id),
    )


def withdraw(application_id, body, domain, resource):
    """The acting contact withdraws their application."""
    application = _acting_contacts("housing.application", application_id, body, domain, resource)
    application.action_withdraw(by_applicant=True)
    return application


def answer(offer_id, body, domain, resource):
    """The acting contact accepts or declines their offer."""
    offer = _acting_contacts("housing.offer", offer_id, body, domain, resource)
    if body.answer == "accept":
        offer.action_accept()
    else:
        offer.action_decline()
    return offer


class HousingApiLetting(http.Controller):
    """Every category's listings, applications and offers."""

    @api_route("/listings", tag=TAG, response=Listing, shape="page", query=ListingQuery)
    def housing_api_listings(self, query):
        """Published listings of every category or of one (category); with contact,
        whether that contact may apply (per application type) and why not, and their own
        application with its place in the last ranking."""
        return listings_page(query, Domain.TRUE)

    @api_route(
        "/listings/<int:listing_id>",
        tag=TAG,
        response=Listing,
        path_params={"listing_id": "Listing id."},
    )
    def housing_api_listing(self, listing_id):
        """A listing of any category."""
        listing = find_listing(listing_id, Domain.TRUE, "listing")
        return {"data": listing._housing_api_letting_values()[0]}

    @api_route(
        "/listings/<int:listing_id>/applications",
        methods=["POST"],
        tag=TAG,
        response=Application,
        body=ApplicationCreate,
        status=201,
        path_params={"listing_id": "Listing id."},
    )
    def housing_api_apply(self, listing_id, body):
        """Apply for a listing on behalf of a contact. On a non-scored listing the first
        eligible applicant gets the lease at once. 409: the category's rules refuse, with
        the reason as the error code (e.g. parking not_tenant, housing no_profile or
        too_many_residents, storage property_residents_only; every category
        not_identified, queue_membership_expired, already_applied, listing_closed)."""
        application = apply(find_listing(listing_id, Domain.TRUE, "listing"), body)
        return 201, {"data": application._housing_api_letting_values()[0]}

    @api_route("/eligibility", tag=TAG, response=ListingEligibility, query=EligibilityQuery)
    def housing_api_eligibility(self, query):
        """May the contact apply for the listing: the verdict of the listing's category
        per application type, as applying judges it - eligible, the reason code (the
        priority's reason, or the refusal code applying answers) with its label and
        message, and the priority group. 403 for a protected contact (the verdict would
        tell where they live)."""
        listing = find_listing(query.listing, Domain.TRUE, "listing")
        contact = find_contact(query.contact)
        if listing._housing_api_hides_verdicts(contact):
            raise HousingApiError(
                403,
                "forbidden",
                request.env._(
                    "The eligibility of a contact with a protected identity is not given "
                    "over the API: it would tell where they live."
                ),
            )
        return {
            "data": {
                "listing_id": listing.id,
                "category": listing.category,
                "customer_number": contact.customer_number,
                "verdicts": listing._housing_api_eligibility(contact)[listing.id],
            }
        }

    @api_route("/applications", tag=TAG, response=Application, shape="page", query=ApplicationQuery)
    def housing_api_applications(self, query):
        """Applications of every category or of one, newest first."""
        return applications_page(query, Domain.TRUE)

    @api_route(
        "/applications/<int:application_id>/withdraw",
        methods=["POST"],
        tag=TAG,
        response=Application,
        body=ActingContact,
        path_params={"application_id": "Application id."},
    )
    def housing_api_withdraw(self, application_id, body):
        """The applicant withdraws; an active offer on it goes to the next in line.
        Another contact's application is not found; 409 application_closed when it is no
        longer active."""
        application = withdraw(application_id, body, Domain.TRUE, "application")
        return {"data": application._housing_api_letting_values()[0]}

    @api_route("/offers", tag=TAG, response=Offer, shape="page", query=OfferQuery)
    def housing_api_offers(self, query):
        """Offers of every category or of one, newest first."""
        return offers_page(query, Domain.TRUE)

    @api_route(
        "/offers/<int:offer_id>/answer",
        methods=["POST"],
        tag=TAG,
        response=Offer,
        body=ParkingAnswer,
        path_params={"offer_id": "Offer id."},
    )
    def housing_api_answer(self, offer_id, body):
        """The applicant accepts (the lease is created and returned) or declines.
        Another contact's offer is not found; 409 offer_not_active or offer_expired when
        it is too late, or a refusal code when the applicant no longer qualifies."""
        offer = answer(offer_id, body, Domain.TRUE, "offer")
        return {"data": offer._housing_api_letting_values()[0]}

    @api_route(
        "/viewing-invitations",
        tag=TAG,
        response=ViewingInvitation,
        shape="page",
        query=ViewingInvitationQuery,
    )
    def housing_api_viewing_invitations(self, query):
        """Invitations to viewings of every category or of one, newest first."""
        return _contact_page(
            "housing.viewing.invitation",
            query,
            Domain.TRUE,
            {},
            lambda invitations: invitations._housing_api_values(),
        )

    @api_route(
        "/viewing-invitations/<int:invitation_id>/answer",
        methods=["POST"],
        tag=TAG,
        response=ViewingInvitation,
        body=ViewingAnswer,
        path_params={"invitation_id": "Viewing invitation id."},
    )
    def housing_api_answer_viewing(self, invitation_id, body):
        """The applicant answers after the viewing: interested (offered the object in
        ranking order among the interested when the round closes) or not interested.
        Another contact's invitation is not found; 409 invitation_not_active when it was
        answered or withdrawn, invitation_expired after its deadline."""
        invitation = _acting_contacts(
            "housing.viewing.invitation", invitation_id, body, Domain.TRUE, "viewing_invitation"
        )
        if body.answer == "interested":
            invitation.action_interested()
        else:
            invitation.action_not_interested()
        return {"data": invitation._housing_api_values()[0]}

    @api_route(
        "/contacts/<string:customer_number>/queues",
        tag=QUEUES_TAG,
        response=QueuePlace,
        shape="list",
        path_params={"customer_number": "Customer number, e.g. P000123."},
    )
    def housing_api_contact_queues(self, customer_number):
        """The contact's places in the queues (parking, housing, storage): queue start
        date, points (days since it), whether the place is active, lapsed or removed, and
        until when it is valid without a confirmation."""
        contact = find_contact(customer_number)
        places = request.env["housing.queue.membership"].search([("partner_id", "=", contact.id)])
        return {"data": places._housing_api_values()}

    @api_route(
        "/contacts/<string:customer_number>/queues/<string:queue_type>",
        methods=["POST"],
        tag=QUEUES_TAG,
        response=QueuePlace,
        status=201,
        path_params={
            "customer_number": "Customer number, e.g. P000123.",
            "queue_type": "The queue to join, e.g. housing (see QueuePlace.queue_type).",
        },
    )
    def housing_api_join_queue(self, customer_number, queue_type):
        """The contact joins the queue: the queue start date is today (a place staff
        removed starts again today). 404 when this server has no such queue; 409
        already_in_queue when the contact has a place in it, queue_membership_expired
        when the place has lapsed (staff restore it with its queue date), or the queue's
        reason why the contact may not be in it (not_identified; parking and storage:
        not_tenant)."""
        contact = find_contact(customer_number)
        Membership = request.env["housing.queue.membership"]
        if queue_type not in Membership._joinable_queues():
            raise not_found("queue", "queue_type", queue_type)
        place = Membership.join_queue(contact, queue_type)
        return 201, {"data": place._housing_api_values()[0]}

    @api_route(
        "/contacts/<string:customer_number>/queues/<string:queue_type>/confirm",
        methods=["POST"],
        tag=QUEUES_TAG,
        response=QueuePlace,
        path_params={
            "customer_number": "Customer number, e.g. P000123.",
            "queue_type": "The queue, e.g. housing (see QueuePlace.queue_type).",
        },
    )
    def housing_api_confirm_queue(self, customer_number, queue_type):
        """The contact confirms their place in the queue (keep-alive): valid again for the
        queue's keep-alive period from today. 404 when the contact has no place in it;
        400 when the place has lapsed or been removed (staff restore it)."""
        contact = find_contact(customer_number)
        place = find_one(
            request.env["housing.queue.membership"],
            "queue_type",
            queue_type,
            "queue_place",
            Domain("partner_id", "=", contact.id),
        )
        place.action_confirm_place()
        return {"data": place._housing_api_values()[0]}
