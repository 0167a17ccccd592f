from odoo import http
from odoo.fields import Domain
from odoo.http import request

from .common import api_route, check_selection, find_one, query_params, search_page
from .contacts import find_contact
from .register import find_rental_object


class HousingApiLeases(http.Controller):
    @api_route("/leases")
    def housing_api_leases(self, **params):
        """Leases by contact (any tenant role), rental object, state or type."""
        Lease = request.env["housing.lease"]
        filters = {
            "contact": lambda value: Domain("partner_ids", "in", find_contact(value).ids),
            "rental_object": lambda value: Domain(
                "rental_object_id", "=", find_rental_object(value).id
            ),
            "state": lambda value: Domain(
                "state", "=", check_selection(Lease, "state", value, "state")
            ),
            "type": lambda value: Domain(
                "lease_type", "=", check_selection(Lease, "lease_type", value, "type")
            ),
        }
        return search_page(Lease, params, filters=filters, order="date_start desc, id desc")

    @api_route("/leases/<path:number>")
    def housing_api_lease(self, number, **params):
        """A lease by number (rental object code/NN; the slash may be sent as is or as
        %2F)."""
        query_params(params, ())
        lease = find_one(request.env["housing.lease"], "name", number, "lease")
        return {"data": lease._housing_api_values()[0]}
