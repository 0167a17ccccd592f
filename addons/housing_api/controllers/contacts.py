from odoo import http
from odoo.http import request

from odoo.addons.housing_base.tools.identity import (
    normalize_organisation_number,
    normalize_personal_number,
)

from ..tools.errors import HousingApiError
from .common import api_route, find_one, json_body, query_params, search_page

CONTACT_DOMAIN = [("is_housing_contact", "=", True)]


def find_contact(customer_number):
    """The tenant or applicant with this customer number, or 404."""
    return find_one(
        request.env["res.partner"], "customer_number", customer_number, "contact", CONTACT_DOMAIN
    )


class HousingApiContacts(http.Controller):
    @api_route("/contacts")
    def housing_api_contacts(self, **params):
        return search_page(request.env["res.partner"], params, CONTACT_DOMAIN)

    @api_route("/contacts/<string:customer_number>")
    def housing_api_contact(self, customer_number, **params):
        query_params(params, ())
        return {"data": find_contact(customer_number)._housing_api_values()[0]}

    @api_route("/contacts/lookup", methods=["POST"], readonly=True)
    def housing_api_contact_lookup(self, **params):
        """Find a contact by personnummer or organisationsnummer. A POST so that identity
        numbers stay out of URLs and access logs."""
        query_params(params, ())
        env = request.env
        body = json_body({"personal_number": (str, False), "organisation_number": (str, False)})
        if bool(body.get("personal_number")) == bool(body.get("organisation_number")):
            raise HousingApiError(
                400,
                "validation_error",
                env._("Give either personal_number or organisation_number."),
            )
        field = "personal_number" if body.get("personal_number") else "organisation_number"
        normalize = (
            normalize_personal_number
            if field == "personal_number"
            else normalize_organisation_number
        )
        try:
            number = normalize(body[field])
        except ValueError:
            raise HousingApiError(
                400,
                "validation_error",
                env._("%(number)s is not a valid Swedish identity number.", number=body[field]),
                {"fields": {field: body[field]}},
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
