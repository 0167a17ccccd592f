from collections import namedtuple

from odoo import api, models
from odoo.tools import SQL

from ..tools import letting

RULES_MODEL = "housing.letting.rules.%s"
# The contact fields that say whether a contact is identified (see _identified).
IDENTITY_FIELDS = (
    "is_housing_contact",
    "customer_number",
    "personal_number",
    "organisation_number",
    "protected_identity",
)


class HousingLettingRules(models.AbstractModel):
    """The rules of one letting category, plugged into the engine.

    A category is a model ``housing.letting.rules.<category>`` inheriting this one (the
    registry of categories is Odoo's registry of models: a category exists in a database
    where its module is installed). It gathers the facts of many contacts in a constant
    number of queries and hands them to its pure rule module (facts → letting.Verdict);
    the engine (housing.listing and friends) ranks, offers and lets with the verdicts."""

    _name = "housing.letting.rules"
    _description = "Letting category rules"

    # The rental object type a listing of the category lets.
    _object_type = None
    # The application types of the category (False: applications have no type).
    _application_types = (False,)
    # The type of an application staff add without one.
    _default_application_type = False
    # The staff action showing a listing's applicants (its Applicants button).
    _application_action = "housing_letting.action_housing_application"
    # The reason code refusing a contact without a home (no residence lease counted in
    # the facts' ``housing``) joining the category's queue; None: the queue is for anyone.
    _tenants_only_refusal = None

    @api.model
    def _reason_selection(self):
        """(code, label) of the category's eligibility and priority reasons, translated."""
        return [
            (letting.FIRST_COME, self.env._("First come, first served")),
            (letting.NOT_IDENTIFIED, self.env._("Not an identified housing contact")),
            (letting.QUEUE_MEMBERSHIP_EXPIRED, self.env._("Queue place lapsed")),
        ]

    @api.model
    def _refusal_messages(self):
        """{code: message shown to a refused applicant or user} of the category."""
        return {
            letting.NOT_IDENTIFIED: self.env._(
                "Applying needs an identified housing contact: a personal identity number (or "
                "an organisation number for a company) and a customer number. Please contact "
                "customer service."
            ),
            letting.ALREADY_APPLIED: self.env._("You have already applied for this listing."),
            letting.LISTING_CLOSED: self.env._("This listing is no longer open for applications."),
            letting.OFFER_NOT_ACTIVE: self.env._(
                "This offer has already been answered or has expired."
            ),
            letting.OFFER_EXPIRED: self.env._("The time to answer this offer has run out."),
            letting.APPLICATION_CLOSED: self.env._("This application can no longer be withdrawn."),
            letting.QUEUE_MEMBERSHIP_EXPIRED: self.env._(
                "Your place in this queue has lapsed because it was not confirmed in time. "
                "Please contact customer service to have it restored."
            ),
            letting.INVITATION_NOT_ACTIVE: self.env._(
                "This invitation to a viewing has already been answered or has expired."
            ),
            letting.INVITATION_EXPIRED: self.env._(
                "The time to answer this invitation to a viewing has run out."
            ),
            letting.ALREADY_IN_QUEUE: self.env._("You are already in this queue."),
        }

    @api.model
    def _queue_type(self, listing):
        """The queue (housing.queue.membership queue_type) whose points rank ``listing``'s
        applicants and whose queue date letting it resets; None: no queue."""
        return None

    @api.model
    def _join_refusal(self, partner):
        """Why ``partner`` may not join the category's queue on their own (My pages, the
        API): a reason code of _refusal_messages, or None. Any identified housing contact
        may, unless the queue is for tenants (_tenants_only_refusal) and they have no
        home."""
        if not self._identified(partner.sudo()):
            return letting.NOT_IDENTIFIED
        if self._tenants_only_refusal:
            facts = self._facts_by_partner(self.env["housing.listing"], partner)[partner.id]
            if not facts["housing"]:
                return self._tenants_only_refusal
        return None

    @api.model
    def _facts_by_partner(self, listings, partners):
        """{partner id: facts} of ``partners`` for the category's rules, in a constant
        number of queries whatever the number of partners. The engine reads
        ``identified`` (an identified housing contact) from them."""
        raise NotImplementedError

    @api.model
    def _contacts(self, partner_ids, columns=()):
        """The contacts ``partner_ids`` as rows (namedtuples of id, IDENTITY_FIELDS and
        ``columns`` of res_partner, archived contacts too), from one query and without
        records: a ranking reads tens of thousands of contacts, which as records cost
        more than the ranking."""
        names = ("id", *IDENTITY_FIELDS, *columns)
        self.env["res.partner"].flush_model(names[1:])
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM res_partner WHERE id = ANY(%s)",
                SQL(", ").join(SQL.identifier(name) for name in names),
                letting.sql_array(partner_ids),
            )
        )
        return list(map(namedtuple("Contact", names)._make, self.env.cr.fetchall()))

    @api.model
    def _identified(self, partner):
        """Whether ``partner`` (read with IDENTITY_FIELDS, as superuser) is an identified
        housing contact: a customer number and an identity number (a protected contact's
        identity number is in the protected register)."""
        return bool(
            partner.is_housing_contact
            and partner.customer_number
            and (
                partner.personal_number or partner.organisation_number or partner.protected_identity
            )
        )

    @api.model
    def _terms_by_listing(self, listings):
        """{listing: the listing's terms for the category's rules} today."""
        raise NotImplementedError

    @api.model
    def _verdict(self, listing, terms, facts, application_type):
        """letting.Verdict on a contact with ``facts`` applying to ``listing``."""
        raise NotImplementedError

    @api.model
    def _check_at_offer(self, listing, terms, facts, application_type):
        """letting.Verdict on the applicant when ``listing`` is offered (the ranking an
        offer round walks): by default that of applying. A category repeats or adds the
        checks that must hold for the contract (homes: a reference rejected since); a
        contact it refuses but would rank keeps their place (``ranked_as``) and is
        disqualified when the round reaches them, as for any check failed at offer, unless
        the refusal is only for now (letting.deferral, homes: a reference still under
        review): then the round passes them over and keeps their application."""
        return self._verdict(listing, terms, facts, application_type)

    @api.model
    def _on_let(self, listing, application):
        """``listing`` has just been let to ``application``'s contact (lease confirmed,
        queue date reset): what else letting means in the category (homes: the contact's
        other home applications are withdrawn). Nothing by default."""

    @api.model
    def _anonymise_expired(self, policy, cutoff, today):
        """The retention run (housing.letting.retention) for ``policy`` of the category:
        anonymise the category's own applicant data no longer needed on ``today`` (homes:
        application profiles and rejected references; ``cutoff`` is ``today`` less the
        policy's retention months) and return how many records were anonymised. The
        engine has already anonymised the applicants of listings ended before
        ``cutoff``. Nothing by default."""
        return 0

    @api.model
    def _wrong_object_message(self, rental_object):
        """Why ``rental_object`` cannot be listed in this category."""
        return self.env._(
            "%(object)s cannot be listed in this queue: its type does not match the queue.",
            object=rental_object.display_name,
        )
