from odoo import http
from odoo.fields import Domain
from odoo.http import request

from ..schemas.leases import Lease, LeaseQuery
from .common import api_route, find_one, search_page
from .contacts import find_contact
from .register import find_rental_object

TAG = "Leases"


class HousingApiLeases(http.Controller):
    @api_route("/leases", tag=TAG, response=Lease, shape="page", query=LeaseQuery)
    def housing_api_leases(self, query):
        """Leases by contact (any tenant role), rental object, state or type."""
        filters = {
            "contact": lambda value: Domain("partner_ids", "in", find_contact(value).ids),
            "rental_object": lambda value: Domain(
                "rental_object_id", "=", find_rental_object(value).id
            ),
            "state": lambda value: Domain("state", "=", value),
            "type": lambda value: Domain("lease_type", "=", value),
        }
        return search_page(
            request.env["housing.lease"], query, filters=filters, order="date_start desc, id desc"
        )

    @api_route(
        "/leases/<path:number>",
        tag=TAG,
        response=Lease,
        path_params={"number": "Lease number, e.g. 705-808-00-0006/01."},
    )
    def housing_api_lease(self, number):
        """A lease by number (rental object code/NN; the slash as is or as %2F)."""
        lease = find_one(request.env["housing.lease"], "name", number, "lease")
        return {"data": lease._housing_api_values()[0]}
