from odoo import http
from odoo.fields import Domain
from odoo.http import request

from ..schemas.register import (
    Building,
    Property,
    PropertyQuery,
    RentalObject,
    RentalObjectQuery,
    ResidentialArea,
    ResidentialAreaQuery,
)
from .common import api_route, find_one, search_page

TAG = "Register"
CODE = {"code": "The code."}


def find_rental_object(code):
    return find_one(request.env["housing.rental.object"], "code", code, "rental_object")


def _by_code(param, model, field):
    """Filter: records whose ``field`` is the ``model`` record with the given code."""
    return lambda value: Domain(field, "=", find_one(request.env[model], "code", value, param).id)


class HousingApiRegister(http.Controller):
    """The property tree: residential areas, properties with buildings and entrances,
    rental objects with status and current rent."""

    @api_route(
        "/residential-areas",
        tag=TAG,
        response=ResidentialArea,
        shape="page",
        query=ResidentialAreaQuery,
    )
    def housing_api_residential_areas(self, query):
        """Residential areas (bostadsområden)."""
        return search_page(request.env["housing.residential.area"], query, order="code")

    @api_route("/properties", tag=TAG, response=Property, shape="page", query=PropertyQuery)
    def housing_api_properties(self, query):
        """Properties with their buildings and entrances."""
        filters = {
            "residential_area": _by_code(
                "residential_area", "housing.residential.area", "residential_area_id"
            )
        }
        return search_page(request.env["housing.property"], query, filters=filters, order="code")

    @api_route("/properties/<string:code>", tag=TAG, response=Property, path_params=CODE)
    def housing_api_property(self, code):
        """A property (fastighet) by code, with its buildings and entrances."""
        prop = find_one(request.env["housing.property"], "code", code, "property")
        return {"data": prop._housing_api_values()[0]}

    @api_route("/buildings/<string:code>", tag=TAG, response=Building, path_params=CODE)
    def housing_api_building(self, code):
        """A building by code, with its property and entrances."""
        building = find_one(request.env["housing.building"], "code", code, "building")
        return {"data": building._housing_api_values()[0]}

    @api_route(
        "/rental-objects", tag=TAG, response=RentalObject, shape="page", query=RentalObjectQuery
    )
    def housing_api_rental_objects(self, query):
        """Rental objects with status and current rent."""
        filters = {
            "type": lambda value: Domain("object_type", "=", value),
            "status": lambda value: Domain("status", "=", value),
            "property": _by_code("property", "housing.property", "property_id"),
            "building": _by_code("building", "housing.building", "building_id"),
            "residential_area": _by_code(
                "residential_area", "housing.residential.area", "residential_area_id"
            ),
        }
        return search_page(
            request.env["housing.rental.object"], query, filters=filters, order="code"
        )

    @api_route("/rental-objects/<string:code>", tag=TAG, response=RentalObject, path_params=CODE)
    def housing_api_rental_object(self, code):
        """A rental object by code, with status, current lease and current rent."""
        return {"data": find_rental_object(code)._housing_api_values()[0]}
