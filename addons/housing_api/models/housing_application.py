from odoo import models

from ..tools.formatting import contact_ref, iso_date, iso_datetime, none_if_false


class HousingApplication(models.Model):
    _name = "housing.application"
    _inherit = ["housing.application", "housing.api.synced"]

    def _housing_api_values(self):
        return [
            {
                "id": application.id,
                "listing": {
                    "id": application.listing_id.id,
                    "rental_object_code": application.rental_object_id.code,
                    "state": application.listing_id.state,
                },
                "contact": contact_ref(application.partner_id),
                "application_type": none_if_false(application.application_type),
                "state": application.state,
                "priority": none_if_false(application.priority),
                "priority_reason": none_if_false(application.priority_reason),
                "rank": application.rank or None,
                "queue_start_date": iso_date(application.queue_start_date),
                "applied_at": iso_datetime(application.create_date),
                "updated_at": iso_datetime(application.write_date),
            }
            for application in self
        ]

    def _housing_api_letting_values(self):
        """The resources of /applications: those of /parking/applications with the
        category."""
        rows = self._housing_api_values()
        for application, row in zip(self, rows, strict=True):
            row["category"] = application.category
        return rows
