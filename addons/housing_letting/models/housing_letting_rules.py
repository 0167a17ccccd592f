from odoo import api, models

from ..tools import letting

RULES_MODEL = "housing.letting.rules.%s"


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

    @api.model
    def _reason_selection(self):
        """(code, label) of the category's eligibility and priority reasons, translated."""
        return [
            (letting.FIRST_COME, self.env._("First come, first served")),
            (letting.NOT_IDENTIFIED, self.env._("Not an identified housing contact")),
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
        }

    @api.model
    def _queue_type(self, listing):
        """The queue (housing.queue.membership queue_type) whose points rank ``listing``'s
        applicants and whose queue date letting it resets; None: no queue."""
        return None

    @api.model
    def _facts_by_partner(self, listings, partners):
        """{partner id: facts} of ``partners`` for the category's rules, in a constant
        number of queries whatever the number of partners. The engine reads
        ``identified`` (an identified housing contact) from them."""
        raise NotImplementedError

    @api.model
    def _terms_by_listing(self, listings):
        """{listing: the listing's terms for the category's rules} today."""
        raise NotImplementedError

    @api.model
    def _verdict(self, listing, terms, facts, application_type):
        """letting.Verdict on a contact with ``facts`` applying to ``listing``."""
        raise NotImplementedError

    @api.model
    def _wrong_object_message(self, rental_object):
        """Why ``rental_object`` cannot be listed in this category."""
        return self.env._(
            "%(object)s cannot be listed in this queue: its type does not match the queue.",
            object=rental_object.display_name,
        )
