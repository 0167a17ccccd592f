from odoo import http
from odoo.fields import Domain
from odoo.http import request

from .common import api_route, check_selection, find_one, query_params, search_page


def find_rental_object(code):
    return find_one(request.env["housing.rental.object"], "code", code, "rental_object")


def _by_code(param, model, field):
    """Filter: records whose ``field`` is the ``model`` record with the given code."""
    return lambda value: Domain(field, "=", find_one(request.env[model], "code", value, param).id)


class HousingApiRegister(http.Controller):
    """The property tree: residential areas, properties with buildings and entrances,
    rental objects with status and current rent."""

    @api_route("/residential-areas")
    def housing_api_residential_areas(self, **params):
        return search_page(request.env["housing.residential.area"], params, order="code")

    @api_route("/properties")
    def housing_api_properties(self, **params):
        filters = {
            "residential_area": _by_code(
                "residential_area", "housing.residential.area", "residential_area_id"
            )
        }
        return search_page(request.env["housing.property"], params, filters=filters, order="code")

    @api_route("/properties/<string:code>")
    def housing_api_property(self, code, **params):
        query_params(params, ())
        prop = find_one(request.env["housing.property"], "code", code, "property")
        return {"data": prop._housing_api_values()[0]}

    @api_route("/buildings/<string:code>")
    def housing_api_building(self, code, **params):
        query_params(params, ())
        building = find_one(request.env["housing.building"], "code", code, "building")
        return {"data": building._housing_api_values()[0]}

    @api_route("/rental-objects")
    def housing_api_rental_objects(self, **params):
        Object = request.env["housing.rental.object"]
        filters = {
            "type": lambda value: Domain(
                "object_type", "=", check_selection(Object, "object_type", value, "type")
            ),
            "status": lambda value: Domain(
                "status", "=", check_selection(Object, "status", value, "status")
            ),
            "property": _by_code("property", "housing.property", "property_id"),
            "building": _by_code("building", "housing.building", "building_id"),
            "residential_area": _by_code(
                "residential_area", "housing.residential.area", "residential_area_id"
            ),
        }
        return search_page(Object, params, filters=filters, order="code")

    @api_route("/rental-objects/<string:code>")
    def housing_api_rental_object(self, code, **params):
        query_params(params, ())
        return {"data": find_rental_object(code)._housing_api_values()[0]}
