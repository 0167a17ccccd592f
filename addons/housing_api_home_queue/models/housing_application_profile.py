from odoo import models

from odoo.addons.housing_api.tools.formatting import iso_date, iso_datetime, none_if_false


class HousingApplicationProfile(models.Model):
    _inherit = "housing.application.profile"

    def _housing_api_values(self):
        return [
            {
                "customer_number": profile.customer_number,
                "num_adults": profile.num_adults,
                "num_children": profile.num_children,
                "num_persons": profile.num_persons,
                "housing_type": none_if_false(profile.housing_type),
                "housing_type_description": none_if_false(profile.housing_type_description),
                "landlord": none_if_false(profile.landlord),
                "monthly_income": profile.monthly_income or None,
                "currency": profile.currency_id.name,
                "reference_phone": none_if_false(profile.reference_phone),
                "reference_email": none_if_false(profile.reference_email),
                "reference_status": profile.reference_status,
                "reference_reason_rejected": none_if_false(profile.reference_reason_rejected),
                "reference_expires_at": iso_date(profile.reference_expires_at),
                "last_updated_at": iso_datetime(profile.last_updated_at),
                "expires_at": iso_datetime(profile.expires_at),
                "valid": profile.is_valid,
                "updated_at": iso_datetime(profile.write_date),
            }
            for profile in self
        ]
