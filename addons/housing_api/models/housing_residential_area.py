from odoo import models

from ..tools.formatting import code_ref, iso_datetime


class HousingResidentialArea(models.Model):
    _name = "housing.residential.area"
    _inherit = ["housing.residential.area", "housing.api.synced"]

    def _housing_api_values(self):
        return [
            {
                "id": area.id,
                "code": area.code,
                "name": area.name,
                "district": code_ref(area.district_id),
                "updated_at": iso_datetime(area.write_date),
            }
            for area in self
        ]
