from odoo import api, models
from odoo.tools import SQL

from odoo.addons.housing_lease.models.housing_lease import ACTIVE_STATES
from odoo.addons.housing_letting.tools import letting

from ..tools import storage_rules


class HousingLettingRulesStorage(models.AbstractModel):
    """The storage queue (förrådskö) as a category of the letting engine: the facts of
    tools/storage_rules.py gathered in batches, and the storage wording. Letting a storage
    room makes a storage lease (the lease type follows the rental object) and, when the
    listing is scored, starts the contact's storage queue date again."""

    _name = "housing.letting.rules.storage"
    _inherit = "housing.letting.rules"
    _description = "Storage queue rules"

    _object_type = "storage"
    _application_action = "housing_storage_queue.action_housing_storage_application"
    # Storage rooms are let to tenants only (storage_rules.evaluate).
    _tenants_only_refusal = storage_rules.NOT_TENANT

    @api.model
    def _reason_selection(self):
        return [
            *super()._reason_selection(),
            (storage_rules.SAME_PROPERTY, self.env._("A home in the same property")),
            (storage_rules.SAME_AREA, self.env._("A home in the same residential area")),
            (storage_rules.OTHER_TENANT, self.env._("A tenant in another area")),
            (storage_rules.NOT_TENANT, self.env._("No current or upcoming housing lease")),
            (
                storage_rules.PROPERTY_RESIDENTS_ONLY,
                self.env._("The storage room is for its property's residents"),
            ),
        ]

    @api.model
    def _refusal_messages(self):
        return {
            **super()._refusal_messages(),
            storage_rules.NOT_TENANT: self.env._(
                "Only tenants with a current or upcoming housing lease may rent a storage room."
            ),
            storage_rules.PROPERTY_RESIDENTS_ONLY: self.env._(
                "This storage room is only for tenants who live in its property."
            ),
            letting.ALREADY_APPLIED: self.env._("You have already applied for this storage room."),
            letting.LISTING_CLOSED: self.env._(
                "This storage room is no longer open for applications."
            ),
        }

    @api.model
    def _queue_type(self, listing):
        # Both rules rank by the storage queue; only the scored one joins and resets it.
        return "storage"

    @api.model
    def _wrong_object_message(self, rental_object):
        return self.env._(
            "%(object)s is not a storage room: only storage rooms are listed in the storage queue.",
            object=rental_object.display_name,
        )

    @api.model
    def _facts_by_partner(self, listings, partners):
        """{partner id: {"housing": residence leases, "properties"/"areas": the property
        and residential area ids of their homes, "identified"}} for ``partners``: two
        queries whatever the number of partners. A residence lease counts when it is
        upcoming, current or under notice."""
        partner_ids = list(set(partners.ids))
        facts = {
            pid: {"housing": 0, "properties": set(), "areas": set(), "identified": False}
            for pid in partner_ids
        }
        if not partner_ids:
            return facts
        # The tenants of a lease are a stored compute: flush new leases before grouping.
        self.env["housing.lease"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT rel.res_partner_id, lease.property_id, lease.residential_area_id, count(*)
                  FROM housing_lease lease
                  JOIN housing_lease_res_partner_rel rel ON rel.housing_lease_id = lease.id
                 WHERE rel.res_partner_id = ANY(%s) AND lease.state IN %s
                   AND lease.lease_type = 'residence'
                 GROUP BY 1, 2, 3
                """,
                letting.sql_array(partner_ids),
                tuple(ACTIVE_STATES),
            )
        )
        for partner_id, prop_id, area_id, count in self.env.cr.fetchall():
            data = facts[partner_id]
            data["housing"] += count
            data["properties"].add(prop_id)
            data["areas"].add(area_id)
        for partner in self._contacts(partner_ids):
            facts[partner.id]["identified"] = self._identified(partner)
        return facts

    @api.model
    def _terms_by_listing(self, listings):
        """{listing: (storage_rules.ListingTerms, its property id, its residential area
        id)}."""
        terms = {}
        for listing in listings.sudo():
            obj = listing.rental_object_id
            terms[listing] = (
                storage_rules.ListingTerms(residents_only=obj.storage_residents_only),
                obj.property_id.id,
                obj.residential_area_id.id,
            )
        return terms

    @api.model
    def _verdict(self, listing, terms, data, application_type):
        terms, prop_id, area_id = terms
        facts = storage_rules.ApplicantFacts(
            housing=data["housing"],
            home_in_property=bool(prop_id) and prop_id in data["properties"],
            home_in_area=bool(area_id) and area_id in data["areas"],
        )
        verdict = storage_rules.evaluate(terms, facts)
        if verdict.eligible and listing.rule != "scored":
            # First come, first served among those who may rent it.
            return letting.Verdict("", letting.FIRST_COME)
        return verdict
