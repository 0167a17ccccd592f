from odoo import models

from ..tools.formatting import iso_datetime, none_if_false

CONTACT_FIELDS = [
    "customer_number",
    "name",
    "is_company",
    "personal_number",
    "organisation_number",
    "email",
    "phone",
    "street",
    "street2",
    "zip",
    "city",
    "country_id",
    "protected_identity",
    "trustee_id",
    "write_date",
]


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "housing.api.synced"]

    def _housing_api_values(self):
        """The contacts as the API shows them.

        Goes through ``read`` on purpose: housing_base hides the address, identity number,
        phone and e-mail of protected identities there for everyone but housing managers.
        """
        rows = self.read(CONTACT_FIELDS)
        countries = self.env["res.country"].browse(
            {row["country_id"][0] for row in rows if row["country_id"]}
        )
        country_codes = {country.id: country.code for country in countries}
        trustees = self.browse({row["trustee_id"][0] for row in rows if row["trustee_id"]})
        trustee_numbers = {trustee.id: trustee.customer_number for trustee in trustees}
        return [
            {
                "id": row["id"],
                "customer_number": none_if_false(row["customer_number"]),
                "name": row["name"],
                "is_company": row["is_company"],
                "personal_number": none_if_false(row["personal_number"]),
                "organisation_number": none_if_false(row["organisation_number"]),
                "email": none_if_false(row["email"]),
                "phone": none_if_false(row["phone"]),
                "address": {
                    "street": none_if_false(row["street"]),
                    "street2": none_if_false(row["street2"]),
                    "zip": none_if_false(row["zip"]),
                    "city": none_if_false(row["city"]),
                    "country": country_codes.get(row["country_id"] and row["country_id"][0]),
                },
                "protected_identity": row["protected_identity"],
                "trustee": {
                    "customer_number": none_if_false(trustee_numbers[row["trustee_id"][0]]),
                    "name": row["trustee_id"][1],
                }
                if row["trustee_id"]
                else None,
                "updated_at": iso_datetime(row["write_date"]),
            }
            for row in rows
        ]
