from odoo import models

from odoo.addons.housing_base.tools.dates import stockholm_today

from ..tools.formatting import code_ref, iso_date, iso_datetime, none_if_false


class HousingRentalObject(models.Model):
    _name = "housing.rental.object"
    _inherit = ["housing.rental.object", "housing.api.synced"]

    def _housing_api_values(self):
        """Rental objects with their place in the property tree, status (derived from
        blocks and leases), current lease and rent, and blocks in force or to come."""
        today = stockholm_today()
        return [
            {
                "id": obj.id,
                "code": obj.code,
                "name": obj.name,
                "type": obj.object_type,
                "status": obj.status,
                "property": code_ref(obj.property_id),
                "building": code_ref(obj.building_id),
                "staircase": code_ref(obj.staircase_id),
                "residential_area": code_ref(obj.residential_area_id),
                "caretaker_area": code_ref(obj.caretaker_area_id),
                "address": {
                    "street": none_if_false(obj.street),
                    "zip": none_if_false(obj.zip),
                    "city": none_if_false(obj.city),
                },
                "area": obj.area or None,
                "room_code": none_if_false(obj.room_code),
                "apartment_number": none_if_false(obj.apartment_number),
                "floor": obj.floor,
                "has_elevator": obj.has_elevator,
                "has_balcony": obj.has_balcony,
                "is_accessible": obj.is_accessible,
                "parking_type": none_if_false(obj.parking_type),
                "has_charging": obj.has_charging,
                "base_rent": obj.base_rent,
                "current_rent": obj.current_rent,
                "currency": obj.currency_id.name,
                "vacant_from": iso_date(obj.vacant_from),
                "current_lease": {
                    "id": obj.current_lease_id.id,
                    "number": obj.current_lease_id.name,
                }
                if obj.current_lease_id
                else None,
                "blocks": [
                    {
                        "reason": block.reason,
                        "note": none_if_false(block.note),
                        "date_from": iso_date(block.date_from),
                        "date_to": iso_date(block.date_to),
                    }
                    for block in obj.block_ids
                    if not block.date_to or block.date_to >= today
                ],
                "updated_at": iso_datetime(obj.write_date),
            }
            for obj in self
        ]
