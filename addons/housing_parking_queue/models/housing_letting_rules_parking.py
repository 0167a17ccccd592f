from collections import defaultdict
from types import MappingProxyType

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.housing_lease.models.housing_lease import ACTIVE_STATES
from odoo.addons.housing_letting.tools import letting
from odoo.addons.housing_letting.tools.dates import stockholm_today

from ..tools import rules

PARKING_LEASE_TYPES = ("parking", "garage")
# Parking leases that count for the priority: a lease under notice is ending (Mimer).
PARKING_COUNTED_STATES = ("upcoming", "current")
# The leases of a contact are counted by residential area and by property.
WHERES = ("area", "property")
# The counts by area or property of a contact without such leases (shared, read-only).
NO_COUNTS = MappingProxyType({})


class HousingLettingRulesParking(models.AbstractModel):
    """The parking queue (bilplatskö) as a category of the letting engine: the facts of
    tools/rules.py gathered in batches, the parking policy and the parking wording."""

    _name = "housing.letting.rules.parking"
    _inherit = "housing.letting.rules"
    _description = "Parking queue rules"

    _object_type = "parking"
    _application_types = rules.APPLICATION_TYPES
    _default_application_type = rules.ADDITIONAL
    _application_action = "housing_parking_queue.action_housing_parking_application"
    # The internal queue ranks tenants only (rules.evaluate: not_tenant on scored listings).
    _tenants_only_refusal = rules.NOT_TENANT

    @api.model
    def _reason_selection(self):
        return super()._reason_selection() + rules.reason_selection(self.env)

    @api.model
    def _refusal_messages(self):
        return {**super()._refusal_messages(), **rules.refusal_messages(self.env)}

    @api.model
    def _queue_type(self, listing):
        # Both rules rank by the internal queue; only the scored one joins and resets it.
        return "parking_internal"

    @api.model
    def _wrong_object_message(self, rental_object):
        return self.env._(
            "%(object)s is not a parking space: only parking spaces are listed in the "
            "parking queue.",
            object=rental_object.display_name,
        )

    @api.model
    def _facts_by_partner(self, listings, partners):
        """{partner id: per-partner counters} of the housing and parking leases that count
        (see rules.ApplicantFacts), with debt collection date and address, for
        ``partners`` — a constant number of queries whatever the number of partners.

        Residence leases count when upcoming, current or under notice; the upcoming ones
        also apart (``upcoming_*``), as they decide the residents-only rules. Parking
        leases count when upcoming or current: one under notice is ending (Mimer)."""
        partner_ids = set(partners.ids)
        counters = ("housing", "upcoming", "parking")
        # The counts by area and property are made for those who have a lease: tens of
        # thousands of applicants do not get six empty mappings each.
        facts = {
            pid: {
                **dict.fromkeys(counters, 0),
                **dict.fromkeys(
                    (f"{counter}_{where}" for counter in counters for where in WHERES), NO_COUNTS
                ),
            }
            for pid in partner_ids
        }
        if not partner_ids:
            return facts
        # The tenants of a lease are a stored compute: make sure new leases are in the
        # database before grouping on them. One aggregate in SQL: the ORM's grouping would
        # make records of every group (tens of thousands for a large ranking).
        self.env["housing.lease"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT rel.res_partner_id, lease.lease_type, lease.state,
                       lease.residential_area_id, lease.property_id, count(*)
                  FROM housing_lease lease
                  JOIN housing_lease_res_partner_rel rel ON rel.housing_lease_id = lease.id
                 WHERE rel.res_partner_id = ANY(%s) AND lease.state IN %s
                 GROUP BY 1, 2, 3, 4, 5
                """,
                letting.sql_array(partner_ids),
                tuple(ACTIVE_STATES),
            )
        )
        for partner_id, lease_type, state, area_id, prop_id, count in self.env.cr.fetchall():
            if lease_type == "residence":
                kinds = ("housing", "upcoming") if state == "upcoming" else ("housing",)
            elif lease_type in PARKING_LEASE_TYPES and state in PARKING_COUNTED_STATES:
                kinds = ("parking",)
            else:
                continue
            data = facts[partner_id]
            for kind in kinds:
                data[kind] += count
                # Without an area or property: False, as the listing's empty ids read.
                for where, where_id in (("area", area_id), ("property", prop_id)):
                    key = f"{kind}_{where}"
                    if data[key] is NO_COUNTS:
                        data[key] = defaultdict(int)
                    data[key][where_id or False] += count
        for partner in self._contacts(
            partner_ids, ("debt_collection_date", "street", "zip", "city")
        ):
            data = facts[partner.id]
            data["debt_collection_date"] = partner.debt_collection_date or None
            data["complete_address"] = bool(partner.street and partner.zip and partner.city)
            data["identified"] = self._identified(partner)
        return facts

    @api.model
    def _terms_by_listing(self, listings):
        """{listing: (rules.ListingTerms, its residential area id, the ids of the
        properties that count as its property)} of these listings today, looking each
        rule's policy up once."""
        today = stockholm_today()
        Policy = self.env["housing.letting.policy"]
        debt_collection_since = {
            rule: Policy._for("parking", rule)._debt_collection_since(today)
            for rule in set(listings.mapped("rule"))
        }
        terms = {}
        for listing in listings.sudo():
            obj = listing.rental_object_id
            terms[listing] = (
                rules.ListingTerms(
                    scored=listing.rule == "scored",
                    special_area=obj.residential_area_id.parking_residents_only,
                    special_property=obj.property_id.parking_residents_only,
                    debt_collection_since=debt_collection_since[listing.rule],
                ),
                obj.residential_area_id.id,
                # Properties of one group count as one for the residents-only rules.
                tuple((obj.property_id.parking_group_id.property_ids or obj.property_id).ids),
            )
        return terms

    @api.model
    def _verdict(self, listing, terms, data, application_type):
        terms, area, props = terms

        def in_property(counts):
            return sum(counts.get(prop, 0) for prop in props)

        # The upcoming home decides the residents-only rules when there is one (without
        # one, every residence lease counted is current or under notice).
        home = "upcoming" if data["upcoming"] else "housing"
        facts = rules.ApplicantFacts(
            housing=data["housing"],
            housing_in_area=data["housing_area"].get(area, 0),
            home_in_area=bool(data[f"{home}_area"].get(area)),
            home_in_property=bool(in_property(data[f"{home}_property"])),
            parking=data["parking"],
            parking_in_area=data["parking_area"].get(area, 0),
            parking_in_property=in_property(data["parking_property"]),
            debt_collection_date=data["debt_collection_date"],
            complete_address=data["complete_address"],
        )
        return rules.evaluate(terms, facts, application_type)
