from odoo import models

from ..tools.formatting import none_if_false


class HousingStaircase(models.Model):
    _inherit = "housing.staircase"

    def _housing_api_values(self):
        return [
            {
                "id": staircase.id,
                "code": staircase.code,
                "name": staircase.name,
                "address": {
                    "street": none_if_false(staircase.street),
                    "zip": none_if_false(staircase.zip),
                    "city": none_if_false(staircase.city),
                },
            }
            for staircase in self
        ]
