from odoo import http
from odoo.http import request

from odoo.addons.housing_base.tools.identity import (
    normalize_organisation_number,
    normalize_personal_number,
)

from ..schemas.contacts import Contact, ContactLookup, ContactQuery
from ..tools.errors import HousingApiError
from .common import api_route, find_one, search_page

CONTACT_DOMAIN = [("is_housing_contact", "=", True)]
TAG = "Contacts"


def find_contact(customer_number):
    """The tenant or applicant with this customer number, or 404."""
    return find_one(
        request.env["res.partner"], "customer_number", customer_number, "contact", CONTACT_DOMAIN
    )


class HousingApiContacts(http.Controller):
    @api_route("/contacts", tag=TAG, response=Contact, shape="page", query=ContactQuery)
    def housing_api_contacts(self, query):
        """Tenants and applicants (synchronise with modified_since, then cursor)."""
        return search_page(request.env["res.partner"], query, CONTACT_DOMAIN)

    @api_route(
        "/contacts/<string:customer_number>",
        tag=TAG,
        response=Contact,
        path_params={"customer_number": "Customer number, e.g. P000123."},
    )
    def housing_api_contact(self, customer_number):
        """A tenant or applicant by customer number."""
        return {"data": find_contact(customer_number)._housing_api_values()[0]}

    @api_route(
        "/contacts/lookup",
        methods=["POST"],
        readonly=True,
        tag=TAG,
        response=Contact,
        body=ContactLookup,
    )
    def housing_api_contact_lookup(self, body):
        """Find a tenant or applicant by personnummer or organisationsnummer (in the body,
        so identity numbers stay out of URLs and access logs)."""
        env = request.env
        field = "personal_number" if body.personal_number else "organisation_number"
        normalize = (
            normalize_personal_number
            if field == "personal_number"
            else normalize_organisation_number
        )
        try:
            number = normalize(getattr(body, field))
        except ValueError:
            raise HousingApiError(
                400,
                "validation_error",
                env._(
                    "%(number)s is not a valid Swedish identity number.",
                    number=getattr(body, field),
                ),
                {"fields": {field: getattr(body, field)}},
            ) from None
        contact = env["res.partner"].search([*CONTACT_DOMAIN, (field, "=", number)], limit=1)
        if not contact:
            raise HousingApiError(
                404,
                "not_found",
                env._("There is no tenant or applicant with this identity number."),
                {"resource": "contact"},
            )
        return {"data": contact._housing_api_values()[0]}
