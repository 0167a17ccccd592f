from odoo import http
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import plaintext2html

from ..schemas.service_requests import (
    CloseRequest,
    Message,
    MessageCreate,
    ServiceRequest,
    ServiceRequestCreate,
    ServiceRequestQuery,
)
from .common import api_route, find_one, search_page
from .contacts import find_contact
from .register import find_rental_object

# What tenants may see through the API: housing requests not hidden from them.
VISIBLE = Domain("is_housing", "=", True) & Domain("hidden_from_tenant", "=", False)
TAG = "Service requests"
REQUEST_ID = {"request_id": "Service request id."}
# Body fields -> the fields of maintenance.request.create_from_tenant.
CREATE_FIELDS = {
    "title": "name",
    "rental_object_code": "rental_object_code",
    "common_space": "common_space_type",
    "property_code": "property_code",
    "building_code": "building_code",
    "staircase_code": "staircase_code",
    "category": "housing_category",
    "master_key_allowed": "master_key_allowed",
    "call_between": "call_between",
    "pet_at_home": "pet_at_home",
}


def _html(text):
    """Plain text from the API as the HTML Odoo stores."""
    return plaintext2html(text)


def find_service_request(request_id):
    return find_one(
        request.env["maintenance.request"], "id", request_id, "service_request", VISIBLE
    )


class HousingApiServiceRequests(http.Controller):
    """Fault reports (felanmälan) on behalf of tenants: the domain module's tenant methods
    (create_from_tenant, message_post_tenant, action_request_close) do the work."""

    @api_route(
        "/service-requests",
        tag=TAG,
        response=ServiceRequest,
        shape="page",
        query=ServiceRequestQuery,
    )
    def housing_api_service_requests(self, query):
        """Service requests (fault reports) visible to tenants, by reporter or rental
        object."""
        Request = request.env["maintenance.request"]
        filters = {
            "contact": lambda value: Domain(Request._tenant_domain(find_contact(value))),
            "rental_object": lambda value: Domain(
                "rental_object_id", "=", find_rental_object(value).id
            ),
        }
        return search_page(Request, query, VISIBLE, filters, order="id desc")

    @api_route(
        "/service-requests",
        methods=["POST"],
        tag=TAG,
        response=ServiceRequest,
        body=ServiceRequestCreate,
        status=201,
    )
    def housing_api_service_request_create(self, body):
        """Report a fault on behalf of a tenant, on a rental object they lease or a common
        space where they live (origin 'api')."""
        Request = request.env["maintenance.request"]
        contact = find_contact(body.customer_number)
        given = body.model_dump(exclude_none=True)
        values = {field: given[key] for key, field in CREATE_FIELDS.items() if key in given}
        if body.description is not None:
            values["description"] = _html(body.description)
        created = Request.create_from_tenant(contact, values, origin="api")
        return 201, {"data": Request.browse(created.id)._housing_api_values()[0]}

    @api_route(
        "/service-requests/<int:request_id>",
        tag=TAG,
        response=ServiceRequest,
        path_params=REQUEST_ID,
    )
    def housing_api_service_request(self, request_id):
        """A service request."""
        return {"data": find_service_request(request_id)._housing_api_values()[0]}

    @api_route(
        "/service-requests/<int:request_id>/messages",
        tag=TAG,
        response=Message,
        shape="list",
        path_params=REQUEST_ID,
    )
    def housing_api_service_request_messages(self, request_id):
        """The messages the tenant sees on the request (never internal notes)."""
        return {"data": find_service_request(request_id)._housing_api_messages()}

    @api_route(
        "/service-requests/<int:request_id>/messages",
        methods=["POST"],
        tag=TAG,
        response=Message,
        body=MessageCreate,
        status=201,
        path_params=REQUEST_ID,
    )
    def housing_api_service_request_message_post(self, request_id, body):
        """A message from the reporting tenant, seen by staff and tenant."""
        service_request = find_service_request(request_id)
        contact = find_contact(body.customer_number)
        message = service_request.message_post_tenant(contact, _html(body.body))
        messages = service_request._housing_api_messages()
        return 201, {"data": next(m for m in messages if m["id"] == message.id)}

    @api_route(
        "/service-requests/<int:request_id>/close-request",
        methods=["POST"],
        tag=TAG,
        response=ServiceRequest,
        body=CloseRequest,
        path_params=REQUEST_ID,
    )
    def housing_api_service_request_close(self, request_id, body):
        """The reporting tenant asks to close the request; staff decide."""
        service_request = find_service_request(request_id)
        contact = find_contact(body.customer_number)
        service_request.action_request_close(body.reason, partner=contact)
        return {"data": service_request._housing_api_values()[0]}
