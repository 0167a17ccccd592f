import datetime
from collections import namedtuple

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.housing_letting.models.housing_letting_rules import IDENTITY_FIELDS
from odoo.addons.housing_letting.models.housing_listing import RANKED_STATES
from odoo.addons.housing_letting.tools import letting
from odoo.addons.housing_letting.tools.dates import stockholm_today

from ..tools import housing_rules as rules
from .housing_application_profile import QUEUE_TYPE, RULE_PROFILE_FIELDS, end_of_day


def birth_date(personal_number):
    """The birth date in a personnummer or samordningsnummer (YYYYMMDD-NNNN; the day of
    a samordningsnummer is the day of birth + 60), None when there is none."""
    if not personal_number:
        return None
    day = int(personal_number[6:8])
    return datetime.date(
        int(personal_number[:4]), int(personal_number[4:6]), day - 60 if day > 60 else day
    )


class HousingLettingRulesHousing(models.AbstractModel):
    """The housing queue (bostadskö) as a category of the letting engine: the facts of
    tools/housing_rules.py gathered in batches (profile and reference, age, credit check,
    active home applications, queue place, priority group), the home's room type and rent,
    the housing policy and the housing wording."""

    _name = "housing.letting.rules.housing"
    _inherit = "housing.letting.rules"
    _description = "Housing queue rules"

    _object_type = "residence"
    _application_action = "housing_home_queue.action_housing_home_application"

    @api.model
    def _reason_selection(self):
        return [
            *super()._reason_selection(),
            (rules.PRIORITY_GROUP, self.env._("Priority group (förtur)")),
            (rules.QUEUE_POINTS, self.env._("Housing queue points")),
            (rules.NO_PROFILE, self.env._("No application profile")),
            (rules.PROFILE_EXPIRED, self.env._("Application profile expired")),
            (rules.UNDER_18, self.env._("Under 18")),
            (rules.TOO_MANY_RESIDENTS, self.env._("Household too large for the home")),
            (rules.REFERENCE_REJECTED, self.env._("Reference not approved")),
            (rules.MAX_APPLICATIONS, self.env._("Too many active home applications")),
            # The parking queue's label of the same check.
            (rules.CREDIT_CHECK, self.env._("Rent sent to debt collection recently")),
            (rules.INCOME_TOO_LOW, self.env._("Income below the requirement")),
            (rules.REFERENCE_PENDING, self.env._("Reference not reviewed yet")),
        ]

    @api.model
    def _refusal_messages(self):
        return {
            **super()._refusal_messages(),
            rules.NO_PROFILE: self.env._(
                "Fill in your application profile (household and current living situation) "
                "before applying for a home."
            ),
            rules.PROFILE_EXPIRED: self.env._(
                "Your application profile has expired: it is valid six months after you last "
                "saved it. Check it and save it again to apply."
            ),
            rules.UNDER_18: self.env._("You must be 18 or older to apply for a home."),
            letting.QUEUE_MEMBERSHIP_EXPIRED: self.env._(
                "Your place in the housing queue has lapsed. Contact customer service."
            ),
            rules.TOO_MANY_RESIDENTS: self.env._(
                "Your household has more persons than this home is for."
            ),
            rules.REFERENCE_REJECTED: self.env._(
                "The reference from your current landlord was not approved, so you cannot "
                "apply for homes for now."
            ),
            rules.MAX_APPLICATIONS: self.env._(
                "You already have as many active home applications as allowed. Withdraw one "
                "to apply for this home."
            ),
            rules.CREDIT_CHECK: self.env._(
                "The application cannot be accepted: rent was sent to debt collection within "
                "the last months."
            ),
            rules.INCOME_TOO_LOW: self.env._(
                "Your stated income is below the income this home requires."
            ),
            rules.REFERENCE_PENDING: self.env._(
                "The reference from your current landlord has not been reviewed yet, so the "
                "home cannot be offered to you."
            ),
            letting.ALREADY_APPLIED: self.env._("You have already applied for this home."),
            letting.LISTING_CLOSED: self.env._("This home is no longer open for applications."),
        }

    @api.model
    def _queue_type(self, listing):
        return QUEUE_TYPE

    @api.model
    def _wrong_object_message(self, rental_object):
        return self.env._(
            "%(object)s is not a home: only homes are listed in the housing queue.",
            object=rental_object.display_name,
        )

    # ------------------------------------------------------------------ facts and terms
    @api.model
    def _facts_by_partner(self, listings, partners):
        """{partner id: facts} of ``partners`` for tools/housing_rules: identified, the
        profile (rules.Profile or None), birth date, debt collection date, stated
        income, the listings of their active home applications, their priority group's
        rank (the engine adds whether their queue place has lapsed). A constant number of
        queries whatever the number of partners."""
        partner_ids = list(set(partners.ids))
        facts = {}
        if not partner_ids:
            return facts
        env = self.env(su=True)
        env["res.partner"].flush_model(["debt_collection_date", *IDENTITY_FIELDS])
        env["housing.protected.identity"].flush_model(["partner_id", "personal_number"])
        env["housing.application.profile"].flush_model([*RULE_PROFILE_FIELDS, "monthly_income"])
        env["housing.application"].flush_model(["partner_id", "listing_id", "state", "category"])
        # One query and no records: reading tens of thousands of contacts and profiles
        # as records costs more than the ranking. A protected contact's personnummer is
        # in the protected register.
        env.cr.execute(
            SQL(
                """
                WITH ids AS (SELECT unnest(%(ids)s) AS id)
                SELECT %(partner)s, partner.debt_collection_date,
                       coalesce(identity.personal_number, partner.personal_number),
                       profile.id, profile.monthly_income, %(profile)s, apps.listing_ids
                  FROM ids
                  JOIN res_partner partner ON partner.id = ids.id
                  LEFT JOIN housing_protected_identity identity
                         ON partner.protected_identity AND identity.partner_id = partner.id
                  LEFT JOIN housing_application_profile profile
                         ON profile.partner_id = partner.id
                  LEFT JOIN (SELECT app.partner_id, array_agg(app.listing_id) AS listing_ids
                               FROM ids
                               JOIN housing_application app ON app.partner_id = ids.id
                              WHERE app.category = 'housing' AND app.state IN %(states)s
                              GROUP BY app.partner_id) apps ON apps.partner_id = partner.id
                """,
                partner=SQL(", ").join(
                    SQL.identifier("partner", name) for name in ("id", *IDENTITY_FIELDS)
                ),
                profile=SQL(", ").join(
                    SQL.identifier("profile", name) for name in RULE_PROFILE_FIELDS
                ),
                ids=letting.sql_array(partner_ids),
                states=RANKED_STATES,
            )
        )
        Contact = namedtuple("Contact", ("id", *IDENTITY_FIELDS))
        contact_end = 1 + len(IDENTITY_FIELDS)
        profile_end = contact_end + 4 + len(RULE_PROFILE_FIELDS)
        as_rule_profile = env["housing.application.profile"]._as_rule_profile
        for row in env.cr.fetchall():
            partner = Contact._make(row[:contact_end])
            debt_collection_date, personal_number, profile_id, income = row[
                contact_end : contact_end + 4
            ]
            facts[partner.id] = {
                "identified": self._identified(partner),
                "debt_collection_date": debt_collection_date,
                "birth_date": birth_date(personal_number),
                "profile": profile_id and as_rule_profile(row[contact_end + 4 : profile_end]),
                "monthly_income": income,
                "home_listing_ids": frozenset(row[profile_end] or ()),
                "priority_group": None,
            }
        ranks = env["housing.priority.assignment"]._ranks(partner_ids, stockholm_today())
        for partner_id, rank in ranks.items():
            facts[partner_id]["priority_group"] = rank
        return facts

    @api.model
    def _terms_by_listing(self, listings):
        """{listing: (rules.ListingTerms, scored)} of these listings now: the home's room
        type and rent, the policy's limits, the room type table read once."""
        now = fields.Datetime.now()
        today = stockholm_today()
        table = self.env["housing.room.code.limit"]._limits()
        Policy = self.env["housing.letting.policy"]
        policies = {rule: Policy._for("housing", rule) for rule in set(listings.mapped("rule"))}
        terms = {}
        for listing in listings.sudo():
            policy = policies[listing.rule]
            terms[listing] = (
                rules.ListingTerms(
                    room_code=listing.rental_object_id.room_code,
                    monthly_rent=listing.rental_object_id.base_rent,
                    now=now,
                    debt_collection_since=policy._debt_collection_since(today),
                    max_applications=policy.max_active_applications,
                    income_factor=policy.income_factor,
                    max_residents=table,
                ),
                listing.rule == "scored",
            )
        return terms

    @api.model
    def _applicant_facts(self, listing, data):
        return rules.ApplicantFacts(
            profile=data["profile"],
            birth_date=data["birth_date"],
            # The other homes applied for: an application for this one does not count.
            active_applications=len(data["home_listing_ids"] - {listing.id}),
            debt_collection_date=data["debt_collection_date"],
            monthly_income=data["monthly_income"],
            priority_group=data["priority_group"],
        )

    @api.model
    def _verdict(self, listing, terms, data, application_type):
        terms, scored = terms
        facts = self._applicant_facts(listing, data)
        if not scored:
            # First come, first served: applying is taking the offer, so the offer's
            # checks apply at once.
            verdict = rules.check_at_offer(terms, facts)
            return verdict if not verdict.eligible else letting.Verdict("", letting.FIRST_COME)
        return rules.evaluate(terms, facts)

    @api.model
    def _check_at_offer(self, listing, terms, data, application_type):
        return rules.check_at_offer(terms[0], self._applicant_facts(listing, data))

    # ------------------------------------------------------------------ retention
    @api.model
    def _anonymise_expired(self, policy, cutoff, today):
        """Profiles not saved since ``cutoff`` (long expired: valid six months) are
        deleted with their chatter; references rejected until a day before ``cutoff``
        lose their review. Returns how many profiles were deleted or erased."""
        Profile = self.env["housing.application.profile"].sudo()
        since = end_of_day(cutoff - datetime.timedelta(days=1))
        stale = Profile.search(
            Domain("last_updated_at", "<", since)
            | Domain("last_updated_at", "=", False) & Domain("create_date", "<", since)
        )
        rejected = (
            Profile.search(
                [("reference_status", "=", rules.REJECTED), ("reference_expires_at", "<", cutoff)]
            )
            - stale
        )
        rejected._erase_reference()
        count = len(stale) + len(rejected)
        stale.unlink()
        return count

    # ------------------------------------------------------------------ letting
    @api.model
    def _on_let(self, listing, application):
        """The contact has a home now: their other home applications are withdrawn (an
        active offer among them too, which offers that home to the next)."""
        others = (
            self.env["housing.application"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", application.partner_id.id),
                    ("category", "=", "housing"),
                    ("state", "in", RANKED_STATES),
                    ("id", "!=", application.id),
                ]
            )
        )
        if others:
            others.action_withdraw(by_applicant=False)
            for other in others:
                other.listing_id.message_post(
                    body=self.env._(
                        "%(partner)s was let another home: their application is withdrawn.",
                        partner=application.partner_id._housing_staff_name(),
                    ),
                    message_type="notification",
                )
