import datetime
import logging
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, format_date

from odoo.addons.housing_base.tools.dates import record_argument
from odoo.addons.housing_lease.models.housing_lease import ACTIVE_STATES

from ..tools import rules
from ..tools.dates import offer_deadline, queue_points, stockholm_today
from .housing_parking_policy import LISTING_RULES

_logger = logging.getLogger(__name__)

OPEN_STATES = ("published", "ready", "offered")
PARKING_LEASE_TYPES = ("parking", "garage")
RANKED_STATES = ("active", "offered")
# Parking leases that count for the priority: a lease under notice is ending (Mimer).
PARKING_COUNTED_STATES = ("upcoming", "current")
# How often the queue run tries a listing whose step conflicts with another transaction.
QUEUE_STEP_TRIES = 5


class HousingParkingListing(models.Model):
    """A vacant parking space advertised (annons) to the queue.

    published → ready for offer (publication ended) → offered → assigned | closed. Scored
    listings are offered by queue ranking in rounds; non-scored (external) listings go to
    the first eligible applicant.
    """

    _name = "housing.parking.listing"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Parking listing"
    _order = "date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    rental_object_id = fields.Many2one(
        "housing.rental.object",
        string="Parking space",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("object_type", "=", "parking")],
        tracking=True,
    )
    property_id = fields.Many2one(related="rental_object_id.property_id", store=True)
    residential_area_id = fields.Many2one(
        related="rental_object_id.residential_area_id", store=True, index=True
    )
    parking_type = fields.Selection(related="rental_object_id.parking_type")
    base_rent = fields.Monetary(related="rental_object_id.base_rent")
    currency_id = fields.Many2one(related="rental_object_id.currency_id")
    company_id = fields.Many2one(related="rental_object_id.company_id", store=True)
    rule = fields.Selection(
        LISTING_RULES, required=True, default="scored", tracking=True, string="Letting rule"
    )
    date_from = fields.Date(
        string="Published from", required=True, default=stockholm_today, tracking=True
    )
    date_to = fields.Date(string="Published until", required=True, tracking=True)
    vacant_from = fields.Date(
        required=True,
        default=stockholm_today,
        help="The parking lease starts on this day, or on the day the offer is accepted if "
        "that is later.",
    )
    state = fields.Selection(
        [
            ("published", "Published"),
            ("ready", "Ready for offer"),
            ("offered", "Offered"),
            ("assigned", "Assigned"),
            ("closed", "Closed"),
        ],
        default="published",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    special_rule = fields.Boolean(
        compute="_compute_special_rule",
        string="For residents only",
        help="The parking space lies in a residential area or property whose parking is "
        "for its own tenants.",
    )
    application_ids = fields.One2many(
        "housing.parking.application", "listing_id", string="Applications"
    )
    application_count = fields.Integer(compute="_compute_application_count")
    offer_ids = fields.One2many("housing.parking.offer", "listing_id", string="Offers")
    active_offer_id = fields.Many2one(
        "housing.parking.offer", compute="_compute_active_offer", string="Active offer"
    )
    lease_id = fields.Many2one("housing.lease", readonly=True, copy=False, tracking=True)
    street = fields.Char(related="rental_object_id.street")
    has_charging = fields.Boolean(related="rental_object_id.has_charging")
    ranking_html = fields.Html(
        string="Ranking now",
        compute="_compute_ranking_html",
        groups="housing_base.group_housing_user,housing_base.group_housing_integration",
        help="The applicants in the order they would be offered the space today, computed "
        "whenever the listing is shown.",
    )

    _one_open_listing = models.UniqueIndex(
        "(rental_object_id) WHERE state IN ('published', 'ready', 'offered')",
        "This parking space already has an open listing.",
    )
    _dates_ordered = models.Constraint(
        "CHECK(date_to >= date_from)", "A listing cannot end before it is published."
    )

    # ------------------------------------------------------------------ computes
    @api.depends("rental_object_id.code")
    def _compute_name(self):
        for listing in self:
            listing.name = listing.rental_object_id.code or ""

    @api.depends(
        "rental_object_id.residential_area_id.parking_residents_only",
        "rental_object_id.property_id.parking_residents_only",
    )
    def _compute_special_rule(self):
        for listing in self:
            obj = listing.rental_object_id
            listing.special_rule = (
                obj.residential_area_id.parking_residents_only
                or obj.property_id.parking_residents_only
            )

    @api.depends("application_ids")
    def _compute_application_count(self):
        counts = dict(
            self.env["housing.parking.application"]._read_group(
                [("listing_id", "in", self.ids)], ["listing_id"], ["__count"]
            )
        )
        for listing in self:
            listing.application_count = counts.get(listing, 0)

    @api.depends("offer_ids.state")
    def _compute_active_offer(self):
        for listing in self:
            listing.active_offer_id = listing.offer_ids.filtered(
                lambda offer: offer.state == "active"
            )[:1]

    @api.onchange("rule", "date_from")
    def _onchange_rule(self):
        if self.rule and self.date_from:
            policy = self.env["housing.parking.policy"]._for_rule(self.rule)
            self.date_to = self.date_from + datetime.timedelta(days=policy.publication_days)

    @api.constrains("rental_object_id")
    def _check_parking_space(self):
        for listing in self:
            if listing.rental_object_id.object_type != "parking":
                raise ValidationError(
                    self.env._(
                        "%(object)s is not a parking space: only parking spaces are listed "
                        "in the parking queue.",
                        object=listing.rental_object_id.display_name,
                    )
                )

    @api.constrains("rental_object_id", "vacant_from", "state")
    def _check_published_space_not_blocked(self):
        self.filtered(lambda listing: listing.state == "published")._check_not_blocked(
            ValidationError
        )

    def _lease_start(self, today):
        """The first day of the parking lease if the space is let on ``today``."""
        self.ensure_one()
        return max(self.vacant_from, today)

    def _blocks(self, today):
        """{listing: the rental block in force on the day its lease would start} of the
        listings whose parking space is blocked then (a lease cannot start in a block)."""
        Block = self.env["housing.rental.block"]
        blocks = {}
        for listing in self:
            block = listing.rental_object_id.sudo().block_ids.filtered_domain(
                Block._domain_on(listing._lease_start(today))
            )[:1]
            if block:
                blocks[listing] = block
        return blocks

    def _check_not_blocked(self, error):
        """Raise ``error`` naming the block if any of these listings' spaces is blocked on
        the day its lease would start."""
        blocks = self._blocks(stockholm_today())
        if blocks:
            listing, block = next(iter(blocks.items()))
            reasons = dict(block._fields["reason"]._description_selection(self.env))
            raise error(
                self.env._(
                    "%(space)s is blocked from letting (%(reason)s) on %(date)s, the day its "
                    "lease would start: it is not published or offered until the block ends.",
                    space=listing.rental_object_id.code,
                    reason=reasons[block.reason],
                    date=listing._lease_start(stockholm_today()),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("date_to"):
                policy = self.env["housing.parking.policy"]._for_rule(vals.get("rule", "scored"))
                start = fields.Date.to_date(vals.get("date_from")) or stockholm_today()
                vals["date_to"] = start + datetime.timedelta(days=policy.publication_days)
        # The unique index on open listings must see listings closed in this transaction.
        self.flush_model(["state"])
        return super().create(vals_list)

    # ------------------------------------------------------------------ locking
    def _lock(self):
        """Lock the listings' rows until the end of the transaction, in id order: whoever
        answers, expires or offers on a listing waits for the one acting before."""
        if self:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM housing_parking_listing WHERE id IN %s ORDER BY id FOR UPDATE",
                    tuple(self.ids),
                )
            )
            self.invalidate_recordset()
            self.offer_ids.invalidate_recordset()
            self.application_ids.invalidate_recordset()

    # ------------------------------------------------------------------ eligibility
    def _facts_by_partner(self, partners):
        """{partner id: per-partner counters} of the housing and parking leases that count
        (see rules.ApplicantFacts), with debt collection date and address, for
        ``partners`` — a constant number of queries whatever the number of partners.

        Residence leases count when upcoming, current or under notice; the upcoming ones
        also apart (``upcoming_*``), as they decide the residents-only rules. Parking
        leases count when upcoming or current: one under notice is ending (Mimer)."""
        partner_ids = set(partners.ids)
        counters = ("housing", "upcoming", "parking")
        facts = {
            pid: {
                **dict.fromkeys(counters, 0),
                **{
                    f"{counter}_{where}": defaultdict(int)
                    for counter in counters
                    for where in ("area", "property")
                },
            }
            for pid in partner_ids
        }
        if not partner_ids:
            return facts
        # The tenants of a lease are a stored compute: make sure new leases are in the
        # database before grouping on them.
        self.env["housing.lease"].flush_model()
        groups = (
            self.env["housing.lease"]
            .sudo()
            ._read_group(
                [("partner_ids", "in", list(partner_ids)), ("state", "in", ACTIVE_STATES)],
                ["partner_ids", "lease_type", "state", "residential_area_id", "property_id"],
                ["__count"],
            )
        )
        for partner, lease_type, state, area, prop, count in groups:
            if partner.id not in partner_ids:
                continue
            if lease_type == "residence":
                kinds = ("housing", "upcoming") if state == "upcoming" else ("housing",)
            elif lease_type in PARKING_LEASE_TYPES and state in PARKING_COUNTED_STATES:
                kinds = ("parking",)
            else:
                continue
            data = facts[partner.id]
            for kind in kinds:
                data[kind] += count
                data[f"{kind}_area"][area.id] += count
                data[f"{kind}_property"][prop.id] += count
        # One query, whatever the number of partners (reading them one by one would
        # fetch them in batches of 1000).
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("id", "in", list(partner_ids))],
                [
                    "name",
                    "debt_collection_date",
                    "street",
                    "zip",
                    "city",
                    "is_housing_contact",
                    "customer_number",
                    "personal_number",
                    "organisation_number",
                    "protected_identity",
                ],
            )
        )
        for partner in partners:
            data = facts[partner.id]
            data["debt_collection_date"] = partner.debt_collection_date or None
            data["complete_address"] = bool(partner.street and partner.zip and partner.city)
            # A protected contact's identity number is in the protected register.
            data["identified"] = bool(
                partner.is_housing_contact
                and partner.customer_number
                and (
                    partner.personal_number
                    or partner.organisation_number
                    or partner.protected_identity
                )
            )
        return facts

    def _terms_by_listing(self):
        """{listing: rules.ListingTerms} of these listings today, looking each rule's
        policy up once."""
        today = stockholm_today()
        Policy = self.env["housing.parking.policy"]
        debt_collection_since = {
            rule: Policy._for_rule(rule)._debt_collection_since(today)
            for rule in set(self.mapped("rule"))
        }
        return {
            listing: rules.ListingTerms(
                scored=listing.rule == "scored",
                special_area=listing.rental_object_id.residential_area_id.parking_residents_only,
                special_property=listing.rental_object_id.property_id.parking_residents_only,
                debt_collection_since=debt_collection_since[listing.rule],
            )
            for listing in self.sudo()
        }

    def _verdict(self, terms, data, application_type):
        if not data["identified"]:
            # A self-registered account, or a contact staff have not identified: nobody
            # applies for anything without a customer number and an identity number.
            return rules.Verdict(rules.NOT_RANKABLE, rules.NOT_IDENTIFIED)
        obj = self.rental_object_id
        area = obj.residential_area_id.id
        # Properties of one group count as one for the residents-only rules.
        props = (obj.property_id.parking_group_id.property_ids or obj.property_id).ids

        def in_property(counts):
            return sum(counts[prop] for prop in props)

        # The upcoming home decides the residents-only rules when there is one (without
        # one, every residence lease counted is current or under notice).
        home = "upcoming" if data["upcoming"] else "housing"
        facts = rules.ApplicantFacts(
            housing=data["housing"],
            housing_in_area=data["housing_area"][area],
            home_in_area=bool(data[f"{home}_area"][area]),
            home_in_property=bool(in_property(data[f"{home}_property"])),
            parking=data["parking"],
            parking_in_area=data["parking_area"][area],
            parking_in_property=in_property(data["parking_property"]),
            debt_collection_date=data["debt_collection_date"],
            complete_address=data["complete_address"],
        )
        return rules.evaluate(terms, facts, application_type)

    def get_eligibility(self, partner):
        """For programs and JSON-2: may ``partner`` (a record or an id) apply to each of
        these listings, and why not, in JSON values: {listing id: {application type:
        {"eligible", "priority", "reason", "label"}}}; priority only when eligible."""
        partner = record_argument(self.env["res.partner"], partner, "partner")
        labels = dict(
            self.env["housing.parking.application"]
            ._fields["priority_reason"]
            ._description_selection(self.env)
        )
        return {
            listing.id: {
                application_type: {
                    "eligible": verdict.eligible,
                    "priority": verdict.priority if verdict.eligible and verdict.priority else None,
                    "reason": verdict.reason,
                    "label": labels.get(verdict.reason),
                }
                for application_type, verdict in verdicts.items()
            }
            for listing, verdicts in self._get_eligibility(partner).items()
        }

    def _get_eligibility(self, partner):
        """The verdicts (rules.Verdict: priority and reason code) on ``partner`` applying
        to each of these listings with each application type:
        {listing: {application type: verdict}}, from one batch of queries. Used by the
        portal and the API to show why a contact may not apply."""
        data = self._facts_by_partner(partner)[partner.id]
        return {
            listing: {
                application_type: listing._verdict(terms, data, application_type)
                for application_type in rules.APPLICATION_TYPES
            }
            for listing, terms in self._terms_by_listing().items()
        }

    @api.depends("application_ids.state", "application_ids.application_type", "state")
    @api.depends_context("lang")
    def _compute_ranking_html(self):
        listings = self.filtered(lambda listing: listing.id and listing.rule == "scored")
        ranking = listings._ranking() if listings else {}
        for listing in self:
            ranked = ranking.get(listing)
            listing.ranking_html = (
                self._ranking_table(
                    [
                        {
                            "rank": rank,
                            "partner": app.partner_id.name,
                            "priority": verdict.priority,
                            "reason": verdict.reason,
                            "queue_start_date": start and start.isoformat(),
                            "state": app.state,
                        }
                        for rank, (app, verdict, start) in enumerate(ranked, 1)
                    ],
                    stockholm_today(),
                )
                if ranked
                else False
            )

    @api.model
    def _ranking_table(self, rows, day):
        """An HTML table of ranking rows (dicts with rank, partner, priority, reason,
        queue_start_date, state: a listing's ranking now or an offer's snapshot): the
        reasons and states as words, dates in the user's format, queue points on ``day``."""
        if not rows:
            return False
        reasons = dict(rules.reason_selection(self.env))
        Application = self.env["housing.parking.application"]
        states = dict(Application._fields["state"]._description_selection(self.env))
        priorities = dict(Application._fields["priority"]._description_selection(self.env))
        rows_html = []
        for row in rows:
            start = row["queue_start_date"] and datetime.date.fromisoformat(row["queue_start_date"])
            rows_html.append(
                Markup(
                    "<tr><td>{rank}</td><td>{partner}</td><td>{priority}</td><td>{reason}</td>"
                    "<td>{start}</td><td class='text-end'>{points}</td><td>{state}</td></tr>"
                ).format(
                    rank=row["rank"],
                    partner=row["partner"],
                    priority=priorities.get(row["priority"] or "none", ""),
                    reason=reasons.get(row["reason"], row["reason"] or ""),
                    start=format_date(self.env, start) if start else "",
                    points=queue_points(start, day) if day else "",
                    state=states.get(row["state"], row["state"]),
                )
            )
        body = Markup("").join(rows_html)
        head = Markup("").join(
            Markup("<th>{}</th>").format(title)
            for title in (
                "#",
                self.env._("Applicant"),
                self.env._("Priority"),
                self.env._("Reason"),
                self.env._("Queue start"),
                self.env._("Queue points"),
                self.env._("Status"),
            )
        )
        return Markup(
            "<table class='table table-sm o_housing_ranking'><thead><tr>{}</tr></thead>"
            "<tbody>{}</tbody></table>"
        ).format(head, body)

    def _ranking(self):
        """Evaluate every active application of the listings (one batch of queries for
        all of them), nothing stored. Returns {listing: [(application, verdict, queue
        start date)] in ranking order}."""
        applications = (
            self.env["housing.parking.application"]
            .sudo()
            .search_fetch(
                [("listing_id", "in", self.ids), ("state", "in", RANKED_STATES)],
                ["listing_id", "partner_id", "application_type", "create_date", "state"],
                order="id",
            )
        )
        partners = applications.partner_id
        facts = self._facts_by_partner(partners)
        queue_starts = self.env["housing.queue.membership"]._start_dates(partners)
        by_listing = defaultdict(list)
        for application in applications:
            by_listing[application.listing_id].append(application)
        ranking = {}
        for listing, terms in self._terms_by_listing().items():
            ranked = []
            for application in by_listing.get(listing, []):
                verdict = listing._verdict(
                    terms, facts[application.partner_id.id], application.application_type
                )
                start = queue_starts.get(application.partner_id.id)
                ranked.append((application, verdict, start))
            ranked.sort(
                key=lambda item: rules.ranking_key(
                    item[1], item[2], item[0].create_date, item[0].id
                )
            )
            ranking[listing] = ranked
        return ranking

    def _rank(self):
        """Rank the listings' applicants (_ranking) and store priority, reason, queue start
        and rank on the applications. Returns the ranking as _ranking does."""
        ranking = self._ranking()
        rows = [
            (application.id, verdict.priority or "none", verdict.reason, start, position)
            for ranked in ranking.values()
            for position, (application, verdict, start) in enumerate(ranked, 1)
        ]
        self.env["housing.parking.application"]._store_ranking(rows)
        return ranking

    def action_refresh_ranking(self):
        """Staff: rank the applicants again now. _rank stores the ranking in SQL, so the
        right to change listings is checked here (integrations and tenants only read)."""
        self.check_access("write")
        self._rank()
        return True

    # ------------------------------------------------------------------ applying
    def apply(self, partner, application_type):
        """``partner`` applies for this listing (portal, API or staff). Re-applying after a
        withdrawal reactivates the application. On a non-scored listing the first eligible
        applicant gets the parking lease at once. Returns the application; raises
        rules.ParkingRefusal with a reason code when the contact may not apply."""
        self.ensure_one()
        self.check_access("read")
        partner = record_argument(self.env["res.partner"], partner, "partner")
        Application = self.env["housing.parking.application"]
        Application._check_acting_for(partner)
        caller_env = self.env
        self = self.sudo()
        self._lock()
        if self.state != "published":
            raise rules.ParkingRefusal(self.env, rules.LISTING_CLOSED)
        Application = Application.sudo().with_context(housing_parking_apply=True)
        existing = Application.search(
            [("listing_id", "=", self.id), ("partner_id", "=", partner.id)], limit=1
        )
        if existing and existing.state not in ("withdrawn_user", "withdrawn_manager"):
            raise rules.ParkingRefusal(self.env, rules.ALREADY_APPLIED)
        verdict = self._get_eligibility(partner)[self][application_type]
        if not verdict.eligible:
            raise rules.ParkingRefusal(self.env, verdict.reason)
        vals = {
            "state": "active",
            "application_type": application_type,
            "priority": verdict.priority or "none",
            "priority_reason": verdict.reason,
        }
        if existing:
            existing.write(vals)
            application = existing
        else:
            application = Application._create_unique(
                {**vals, "listing_id": self.id, "partner_id": partner.id}
            )
        if self.rule == "scored":
            self.env["housing.queue.membership"]._ensure(partner, "parking_internal")
        self.message_post(
            body=self.env._("%(partner)s applied.", partner=partner.display_name),
            message_type="notification",
        )
        if self.rule == "non_scored":
            self._assign(application)
        return application.with_env(caller_env)

    # ------------------------------------------------------------------ offer rounds
    def _start_offer_rounds(self, locked=False):
        """Offer each listing (ready for offer, scored, without an active offer) to the first
        applicant in the ranking who is still eligible; disqualify those above who no longer
        are. Listings nobody can get are closed or re-published as non-scored (policy);
        listings whose space is blocked on the day the lease would start wait until the
        block ends. A constant number of queries per listing, whatever the number of
        applicants. ``locked``: the caller has locked the listings in this transaction."""
        self = self.sudo()
        if not locked:
            self._lock()
        todo = self.filtered(
            lambda listing: (
                listing.rule == "scored"
                and listing.state in ("ready", "offered")
                and not listing.active_offer_id
            )
        )
        blocked = todo._blocks(stockholm_today())
        todo = todo.filtered(lambda listing: listing not in blocked)
        if not todo:
            return self.env["housing.parking.offer"]
        ranking = todo._rank()
        Application = self.env["housing.parking.application"]
        disqualified_ids, offer_vals, empty = [], [], self.browse()
        policy = self.env["housing.parking.policy"]._for_rule("scored")
        now = fields.Datetime.now()
        deadline = offer_deadline(now, policy.offer_business_days)
        for listing in todo:
            ranked = ranking[listing]
            # Walk the ranking down to the first eligible applicant: those above who fail
            # the checks now are disqualified; those who cannot be ranked (and everybody
            # below) are left as they are (Mimer's findAndDisqualifyIneligibleApplicant).
            candidate = None
            for app, verdict, __ in ranked:
                if app.state != "active" or not verdict.rankable:
                    continue
                if verdict.eligible:
                    candidate = app
                    break
                disqualified_ids.append(app.id)
            if candidate is None:
                empty |= listing
                continue
            offer_vals.append(
                {
                    "listing_id": listing.id,
                    "application_id": candidate.id,
                    "partner_id": candidate.partner_id.id,
                    "sent_at": now,
                    "deadline": deadline,
                    "ranking_snapshot": [
                        {
                            "rank": rank,
                            "application_id": app.id,
                            "partner_id": app.partner_id.id,
                            "partner": app.partner_id.name,
                            "application_type": app.application_type,
                            "priority": verdict.priority,
                            "reason": verdict.reason,
                            "queue_start_date": start and start.isoformat(),
                            "state": app.state,
                        }
                        for rank, (app, verdict, start) in enumerate(ranked, 1)
                    ],
                }
            )
        Application.browse(disqualified_ids)._set_state("disqualified")
        offers = self.env["housing.parking.offer"].create(offer_vals)
        offers.application_id.write({"state": "offered"})
        offers.listing_id.write({"state": "offered"})
        for offer in offers:
            offer.listing_id.message_post(
                body=self.env._(
                    "Offered to %(partner)s until %(deadline)s.",
                    partner=offer.partner_id.display_name,
                    deadline=offer.deadline_display,
                ),
                message_type="notification",
            )
        policy._send("offer_template_id", offers)
        empty._no_candidate()
        return offers

    def _no_candidate(self):
        """Nobody can be offered these listings: close them, or re-publish them as
        non-scored when the policy says so."""
        if not self:
            return
        policy = self.env["housing.parking.policy"]._for_rule("scored")
        if policy.no_candidate_action == "republish":
            today = stockholm_today()
            external = self.env["housing.parking.policy"]._for_rule("non_scored")
            self.write(
                {
                    "rule": "non_scored",
                    "state": "published",
                    "date_from": today,
                    "date_to": today + datetime.timedelta(days=external.publication_days),
                }
            )
            body = self.env._("Nobody in the queue could be offered the space: published again.")
        else:
            self.write({"state": "closed"})
            body = self.env._("Nobody in the queue could be offered the space: closed.")
        for listing in self:
            listing.message_post(body=body, message_type="notification")

    def action_start_offer_round(self):
        """Staff: end the publication now and offer the space."""
        if self.filtered(lambda listing: listing.state not in ("published", "ready")):
            raise UserError(self.env._("Only published listings can be offered."))
        if self.filtered(lambda listing: listing.rule != "scored"):
            raise UserError(self.env._("Non-scored listings go to the first eligible applicant."))
        self._check_not_blocked(UserError)
        self.write({"state": "ready"})
        self._start_offer_rounds()
        return True

    def action_close(self):
        if self.filtered(lambda listing: listing.state not in OPEN_STATES):
            raise UserError(self.env._("Only open listings can be closed."))
        self._lock()
        self.active_offer_id.write({"state": "withdrawn"})
        self.application_ids.filtered(lambda app: app.state in RANKED_STATES).write(
            {"state": "withdrawn_manager"}
        )
        self.write({"state": "closed"})
        return True

    # ------------------------------------------------------------------ letting
    def _assign(self, application):
        """Let the parking space to ``application``'s contact: create and confirm the
        parking lease, mark the listing assigned and the other applicants assigned to
        another, restart the contact's queue time. Returns the lease."""
        self.ensure_one()
        today = stockholm_today()
        partner = application.partner_id
        lease = (
            self.env["housing.lease"]
            .sudo()
            .create(
                {
                    "rental_object_id": self.rental_object_id.id,
                    "date_start": self._lease_start(today),
                    "tenant_line_ids": [fields.Command.create({"partner_id": partner.id})],
                }
            )
        )
        lease.action_confirm()
        others = self.application_ids.filtered(
            lambda app: app != application and app.state in RANKED_STATES
        )
        others._set_state("assigned_other")
        application.write({"state": "accepted"})
        self.write({"state": "assigned", "lease_id": lease.id})
        if self.rule == "scored":
            # Only an offer from the internal queue costs the queue time (Mimer's
            # reply-to-offer; the external process leaves the queue alone).
            self.env["housing.queue.membership"]._restart(partner, "parking_internal", today)
        self.message_post(
            body=self.env._(
                "Let to %(partner)s under lease %(lease)s.",
                partner=partner.display_name,
                lease=lease.name,
            ),
            message_type="notification",
        )
        self.env["housing.parking.policy"]._for_rule(self.rule)._send("result_template_id", others)
        return lease

    # ------------------------------------------------------------------ crons
    @api.model
    def _cron_run_queue(self):
        """Nightly (and hourly) run, one listing at a time: expire its offer past the
        deadline, end its publication window, start its offer round.

        Run by the scheduler (``cron_id`` in the context), each listing's step is its own
        transaction: it is committed on its own, and a step that conflicts with somebody
        acting on the same listing at that moment (a tenant answering an offer) is rolled
        back and retried — one conflict costs that listing a retry, never the work done
        on the others. Called otherwise (tests), the run is one transaction."""
        now, today = fields.Datetime.now(), stockholm_today()
        overdue = self.env["housing.parking.offer"].search(
            [("state", "=", "active"), ("deadline", "<", now)]
        )
        todo = (
            overdue.listing_id
            | self.search([("state", "=", "published"), ("date_to", "<", today)])
            | self.search(
                Domain("rule", "=", "scored") & Domain("state", "=", "ready")
                | Domain("state", "=", "offered") & ~Domain("offer_ids.state", "=", "active")
            )
        ).sorted("id")
        if not self.env.context.get("cron_id"):
            for listing in todo:
                listing._run_queue_step()
            return
        listing_ids = todo.ids
        self.env["ir.cron"]._commit_progress(remaining=len(listing_ids))
        for listing_id in listing_ids:
            if not self.browse(listing_id)._run_queue_step_alone():
                break  # out of time: the scheduler runs the cron again soon for the rest

    def _run_queue_step_alone(self):
        """Run this listing's step of the queue run in a transaction of its own, retried
        when it conflicts with another transaction. Returns the time the cron has left."""
        for __ in range(QUEUE_STEP_TRIES):
            try:
                self._run_queue_step()
                return self.env["ir.cron"]._commit_progress(1)
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
                self.env.cr.rollback()
                _logger.info("Parking listing %s: conflict (%s).", self.id, error.pgcode)
        _logger.warning(
            "Parking listing %s: gave up after %s conflicts; the next run takes it up again.",
            self.id,
            QUEUE_STEP_TRIES,
        )
        return self.env["ir.cron"]._commit_progress(1)

    def _run_queue_step(self):
        """This listing's step of the queue run (the listing is locked first and read
        again): expire its offer if overdue, end its publication if due, then offer it."""
        self.ensure_one()
        listing = self.sudo()
        listing._lock()
        listing.offer_ids._expire_overdue()
        if listing.state == "published" and listing.date_to < stockholm_today():
            listing.state = "ready" if listing.rule == "scored" else "closed"
        listing._start_offer_rounds(locked=True)

    # ------------------------------------------------------------------ actions
    def action_view_applications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "housing_parking_queue.action_housing_parking_application"
        )
        action["domain"] = [("listing_id", "=", self.id)]
        action["context"] = {"default_listing_id": self.id}
        return action
