from odoo import http
from odoo.http import request

from odoo.addons.housing_api.controllers.common import NOT_FOUND, api_route, find_one
from odoo.addons.housing_api.controllers.contacts import find_contact

from ..schemas.profile import ApplicationProfile, ApplicationProfileUpdate

TAG = "Housing queue"
CUSTOMER_NUMBER = {"customer_number": "Customer number, e.g. P000123."}
NOT_FOUND["application_profile"] = lambda env, value: env._(
    "The contact %(value)s has no application profile.", value=value
)


class HousingApiHomeQueue(http.Controller):
    @api_route(
        "/contacts/<string:customer_number>/application-profile",
        tag=TAG,
        response=ApplicationProfile,
        path_params=CUSTOMER_NUMBER,
    )
    def housing_api_application_profile(self, customer_number):
        """The contact's application profile for homes (404 when they have none, or when
        the contact has a protected identity)."""
        contact = find_contact(customer_number)
        profile = find_one(
            request.env["housing.application.profile"],
            "partner_id",
            contact.id,
            "application_profile",
        )
        return {"data": profile._housing_api_values()[0]}

    @api_route(
        "/contacts/<string:customer_number>/application-profile",
        methods=["PUT"],
        tag=TAG,
        response=ApplicationProfile,
        body=ApplicationProfileUpdate,
        path_params=CUSTOMER_NUMBER,
    )
    def housing_api_save_application_profile(self, customer_number, body):
        """The applicant saves their application profile (created on the first save, its
        reference then pending review): only the applicant's own fields; valid six months
        from now, and the contact's housing queue place is confirmed."""
        contact = find_contact(customer_number)
        vals = body.model_dump(exclude_unset=True)
        profile = request.env["housing.application.profile"].save_application_profile(contact, vals)
        return {"data": profile._housing_api_values()[0]}
