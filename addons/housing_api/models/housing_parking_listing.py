from odoo import models

from ..tools.formatting import code_ref, iso_date, iso_datetime


class HousingParkingListing(models.Model):
    _name = "housing.listing"
    _inherit = ["housing.listing", "housing.api.synced"]

    def _housing_api_values(self):
        return [
            {
                "id": listing.id,
                "rental_object": {
                    "id": listing.rental_object_id.id,
                    "code": listing.rental_object_id.code,
                    "name": listing.rental_object_id.name,
                },
                "property": code_ref(listing.property_id),
                "residential_area": code_ref(listing.residential_area_id),
                "parking_type": listing.parking_type or None,
                "monthly_rent": listing.base_rent,
                "currency": listing.currency_id.name,
                "rule": listing.rule,
                "state": listing.state,
                "residents_only": listing.special_rule,
                "published_from": iso_date(listing.date_from),
                "published_until": iso_date(listing.date_to),
                "vacant_from": iso_date(listing.vacant_from),
                "updated_at": iso_datetime(listing.write_date),
            }
            for listing in self
        ]
