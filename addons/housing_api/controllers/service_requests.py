from odoo import http
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import plaintext2html

from .common import api_route, check_selection, find_one, json_body, query_params, search_page
from .contacts import find_contact
from .register import find_rental_object

# What tenants may see through the API: housing requests not hidden from them.
VISIBLE = Domain("is_housing", "=", True) & Domain("hidden_from_tenant", "=", False)


def _html(text):
    """Plain text from the API as the HTML Odoo stores; blank stays empty so the domain
    module's 'empty' checks still apply."""
    return plaintext2html(text) if (text or "").strip() else ""


def find_service_request(request_id):
    return find_one(
        request.env["maintenance.request"], "id", request_id, "service_request", VISIBLE
    )


class HousingApiServiceRequests(http.Controller):
    """Fault reports (felanmälan) on behalf of tenants: the domain module's tenant methods
    (create_from_tenant, message_post_tenant, action_request_close) do the work."""

    @api_route("/service-requests")
    def housing_api_service_requests(self, **params):
        Request = request.env["maintenance.request"]
        filters = {
            "contact": lambda value: Domain(Request._tenant_domain(find_contact(value))),
            "rental_object": lambda value: Domain(
                "rental_object_id", "=", find_rental_object(value).id
            ),
        }
        return search_page(Request, params, VISIBLE, filters, order="id desc")

    @api_route("/service-requests", methods=["POST"])
    def housing_api_service_request_create(self, **params):
        query_params(params, ())
        Request = request.env["maintenance.request"]
        body = json_body(
            {
                "customer_number": (str, True),
                "title": (str, True),
                "description": (str, False),
                "rental_object_code": (str, False),
                "common_space": (str, False),
                "property_code": (str, False),
                "building_code": (str, False),
                "staircase_code": (str, False),
                "category": (str, False),
                "master_key_allowed": (bool, False),
                "call_between": (str, False),
                "pet_at_home": (bool, False),
            }
        )
        check_selection(Request, "housing_category", body.get("category"), "category")
        contact = find_contact(body["customer_number"])
        values = {
            "name": body["title"],
            "rental_object_code": body.get("rental_object_code"),
            "common_space_type": body.get("common_space"),
            "property_code": body.get("property_code"),
            "building_code": body.get("building_code"),
            "staircase_code": body.get("staircase_code"),
            "housing_category": body.get("category"),
            "master_key_allowed": body.get("master_key_allowed", False),
            "call_between": body.get("call_between"),
            "pet_at_home": body.get("pet_at_home", False),
        }
        if body.get("description"):
            values["description"] = _html(body["description"])
        created = Request.create_from_tenant(
            contact, {k: v for k, v in values.items() if v is not None}, origin="api"
        )
        return 201, {"data": Request.browse(created.id)._housing_api_values()[0]}

    @api_route("/service-requests/<int:request_id>")
    def housing_api_service_request(self, request_id, **params):
        query_params(params, ())
        return {"data": find_service_request(request_id)._housing_api_values()[0]}

    @api_route("/service-requests/<int:request_id>/messages")
    def housing_api_service_request_messages(self, request_id, **params):
        query_params(params, ())
        return {"data": find_service_request(request_id)._housing_api_messages()}

    @api_route("/service-requests/<int:request_id>/messages", methods=["POST"])
    def housing_api_service_request_message_post(self, request_id, **params):
        """A message from the tenant (the reporter) that staff and tenant both see."""
        query_params(params, ())
        service_request = find_service_request(request_id)
        body = json_body({"customer_number": (str, True), "body": (str, True)})
        contact = find_contact(body["customer_number"])
        message = service_request.message_post_tenant(contact, _html(body["body"]))
        messages = service_request._housing_api_messages()
        return 201, {"data": next(m for m in messages if m["id"] == message.id)}

    @api_route("/service-requests/<int:request_id>/close-request", methods=["POST"])
    def housing_api_service_request_close(self, request_id, **params):
        """The reporter asks to close the request; staff decide."""
        query_params(params, ())
        service_request = find_service_request(request_id)
        body = json_body({"customer_number": (str, True), "reason": (str, True)})
        contact = find_contact(body["customer_number"])
        service_request.action_request_close(body["reason"], partner=contact)
        return {"data": service_request._housing_api_values()[0]}
