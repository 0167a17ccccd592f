from odoo import models

from ..tools.formatting import code_ref, iso_datetime, none_if_false


class HousingProperty(models.Model):
    _name = "housing.property"
    _inherit = ["housing.property", "housing.api.synced"]

    def _housing_api_values(self):
        """The properties with their buildings and entrances: the property tree down to
        the rental objects (listed by /rental-objects?property=CODE)."""
        buildings = {values["id"]: values for values in self.building_ids._housing_api_values()}
        return [
            {
                "id": prop.id,
                "code": prop.code,
                "name": prop.name,
                "municipality": none_if_false(prop.municipality),
                "residential_area": code_ref(prop.residential_area_id),
                "caretaker_area": code_ref(prop.caretaker_area_id),
                "buildings": [buildings[b.id] for b in prop.building_ids],
                "rental_object_count": prop.rental_object_count,
                "updated_at": iso_datetime(prop.write_date),
            }
            for prop in self
        ]
