from odoo import models
from odoo.fields import Domain

from odoo.addons.housing_base.models.res_partner import PROTECTION_GROUP

from ..tools.formatting import code_ref, iso_date, iso_datetime


class HousingListing(models.Model):
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

    def _housing_api_letting_values(self, contact=None):
        """The resources of /listings: those of /parking/listings with the category and
        the number of active applications; with ``contact``, whether they may apply (per
        application type, the category's verdicts) and their own application (as the API
        user may read it: a protected contact's is not)."""
        counts = dict(
            self.env["housing.application"]
            .sudo()
            ._read_group(
                Domain("listing_id", "in", self.ids) & Domain("state", "in", ("active", "offered")),
                ["listing_id"],
                ["__count"],
            )
        )
        rows = self._housing_api_values()
        for listing, row in zip(self, rows, strict=True):
            row["category"] = listing.category
            row["applicant_count"] = counts.get(listing, 0)
        if contact is None:
            return rows
        eligibility = self._housing_api_eligibility(contact)
        own = {
            application.listing_id.id: application
            for application in self.env["housing.application"].search(
                [("listing_id", "in", self.ids), ("partner_id", "=", contact.id)]
            )
        }
        for row in rows:
            row["eligibility"] = eligibility.get(row["id"])
            application = own.get(row["id"])
            row["application"] = (
                {"id": application.id, "state": application.state, "rank": application.rank or None}
                if application
                else None
            )
        return rows

    def _housing_api_eligibility(self, contact):
        """{listing id: the verdicts of /eligibility and /listings?contact=}: may
        ``contact`` apply for each of these listings, per application type of its
        category, by the verdicts applying uses (get_eligibility), with the message a
        refusal would give. Empty when the verdicts are hidden (_housing_api_hides_verdicts)."""
        if self._housing_api_hides_verdicts(contact):
            return {}
        eligibility = self.get_eligibility(contact)
        result = {}
        for listing in self:
            messages = listing._rules()._refusal_messages()
            result[listing.id] = [
                {
                    "application_type": application_type or None,
                    **verdict,
                    "message": None if verdict["eligible"] else messages.get(verdict["reason"]),
                }
                for application_type, verdict in eligibility[listing.id].items()
            ]
        return result

    def _housing_api_hides_verdicts(self, contact):
        """Whether the API user may not see ``contact``'s verdicts: a protected contact's,
        unless the user has the Protected identities privilege (no integration has it). A
        verdict tells whether the contact lives in the listing's property or area
        (storage same_property, parking no_parking or special_area)."""
        return bool(contact.protected_identity) and not self.env.user.has_group(PROTECTION_GROUP)
