from odoo import models

from ..tools.formatting import code_ref, iso_datetime, none_if_false


class HousingBuilding(models.Model):
    _inherit = "housing.building"

    def _housing_api_values(self):
        staircases = {values["id"]: values for values in self.staircase_ids._housing_api_values()}
        return [
            {
                "id": building.id,
                "code": building.code,
                "name": building.name,
                "type": none_if_false(building.building_type),
                "construction_year": building.construction_year or None,
                "property": code_ref(building.property_id),
                "staircases": [staircases[s.id] for s in building.staircase_ids],
                "rental_object_count": building.rental_object_count,
                "updated_at": iso_datetime(building.write_date),
            }
            for building in self
        ]
