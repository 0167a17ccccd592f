import datetime
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, format_date

from odoo.addons.housing_base.tools.dates import record_argument

from ..tools import letting
from ..tools.cron import run_alone
from ..tools.dates import offer_deadline, queue_points, stockholm_today
from .housing_letting_policy import LISTING_CATEGORIES, LISTING_RULES
from .housing_letting_rules import RULES_MODEL

OPEN_STATES = ("published", "ready", "offered")
RANKED_STATES = ("active", "offered")
# What a ranking stores on each application (housing.application._store_ranking).
RANKING_FIELDS = ("priority", "priority_reason", "queue_start_date", "rank")
# The category of a listing follows the type of its rental object.
CATEGORY_OF_OBJECT_TYPE = {"parking": "parking", "residence": "housing", "storage": "storage"}


class HousingListing(models.Model):
    """A vacant rental object advertised (annons) to a queue: a parking space, a home or a
    storage room (the category, with its own rules: housing.letting.rules.<category>).

    published → ready for offer (publication ended) → offered → assigned | closed. Scored
    listings are offered by queue ranking in rounds; non-scored (external) listings go to
    the first eligible applicant.
    """

    _name = "housing.listing"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Listing"
    _order = "date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    rental_object_id = fields.Many2one(
        "housing.rental.object",
        string="Rental object",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    category = fields.Selection(
        LISTING_CATEGORIES,
        required=True,
        index=True,
        string="Queue",
        help="What is let, and so which queue and rules rank the applicants: parking, "
        "housing or storage. By default the queue of the rental object's type.",
    )
    property_id = fields.Many2one(related="rental_object_id.property_id", store=True)
    residential_area_id = fields.Many2one(
        related="rental_object_id.residential_area_id", store=True, index=True
    )
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
        help="The lease starts on this day, or on the day the offer is accepted if that is later.",
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
    application_ids = fields.One2many("housing.application", "listing_id", string="Applications")
    application_count = fields.Integer(compute="_compute_application_count")
    offer_ids = fields.One2many("housing.offer", "listing_id", string="Offers")
    viewing_ids = fields.One2many("housing.viewing", "listing_id", string="Viewings")
    viewing_round = fields.Boolean(
        compute="_compute_viewing_round",
        help="The listing's policy invites the first applicants to a viewing before the offer.",
    )
    active_offer_id = fields.Many2one(
        "housing.offer", compute="_compute_active_offer", string="Active offer"
    )
    lease_id = fields.Many2one("housing.lease", readonly=True, copy=False, tracking=True)
    street = fields.Char(related="rental_object_id.street")
    category_object_type = fields.Char(
        compute="_compute_category_object_type",
        string="Rental object type",
        help="The type of rental object the listing's category lets (the form offers only those).",
    )
    ranking_html = fields.Html(
        string="Ranking now",
        compute="_compute_ranking_html",
        groups="housing_base.group_housing_user,housing_base.group_housing_integration",
        help="The applicants in the order they would be offered the space today (the first "
        "200), computed whenever the listing is shown.",
    )

    _one_open_listing = models.UniqueIndex(
        "(rental_object_id) WHERE state IN ('published', 'ready', 'offered')",
        "This rental object already has an open listing.",
    )
    _dates_ordered = models.Constraint(
        "CHECK(date_to >= date_from)", "A listing cannot end before it is published."
    )

    # ------------------------------------------------------------------ computes
    @api.depends("rental_object_id.code")
    def _compute_name(self):
        for listing in self:
            listing.name = listing.rental_object_id.code or ""

    @api.depends("category")
    def _compute_category_object_type(self):
        object_type_of = {category: kind for kind, category in CATEGORY_OF_OBJECT_TYPE.items()}
        for listing in self:
            listing.category_object_type = object_type_of.get(listing.category, False)

    @api.depends("application_ids")
    def _compute_application_count(self):
        counts = dict(
            self.env["housing.application"]._read_group(
                [("listing_id", "in", self.ids)], ["listing_id"], ["__count"]
            )
        )
        for listing in self:
            listing.application_count = counts.get(listing, 0)

    @api.depends("category", "rule")
    def _compute_viewing_round(self):
        for listing in self:
            listing.viewing_round = bool(
                listing.category and listing.rule and listing._policy().viewing_round
            )

    @api.depends("offer_ids.state")
    def _compute_active_offer(self):
        for listing in self:
            listing.active_offer_id = listing.offer_ids.filtered(
                lambda offer: offer.state == "active"
            )[:1]

    @api.onchange("rental_object_id")
    def _onchange_rental_object_category(self):
        if self.rental_object_id and not self.category:
            self.category = CATEGORY_OF_OBJECT_TYPE.get(self.rental_object_id.object_type)

    @api.onchange("rule", "date_from", "category")
    def _onchange_rule(self):
        if self.rule and self.date_from and self.category:
            policy = self._policy()
            self.date_to = self.date_from + datetime.timedelta(days=policy.publication_days)

    @api.constrains("rental_object_id", "category")
    def _check_object_type(self):
        for listing in self:
            rules = listing._rules()
            if listing.rental_object_id.object_type != rules._object_type:
                raise ValidationError(rules._wrong_object_message(listing.rental_object_id))

    def action_view_applications(self):
        """The listing's applicants, in the screens of its category."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(self._rules()._application_action)
        action["domain"] = [("listing_id", "=", self.id)]
        action["context"] = {"default_listing_id": self.id}
        return action

    # ------------------------------------------------------------------ categories
    def _rules(self):
        """The rules of the listing's category (housing.letting.rules.<category>); a
        category whose module is not installed has none."""
        self.ensure_one()
        rules = self.env.get(RULES_MODEL % self.category)
        if rules is None:
            raise UserError(
                self.env._(
                    "Nothing can be let in the %(category)s queue yet: its rules are not "
                    "installed.",
                    category=dict(self._fields["category"]._description_selection(self.env)).get(
                        self.category, self.category
                    ),
                )
            )
        return rules

    def _policy(self):
        self.ensure_one()
        return self.env["housing.letting.policy"]._for(self.category, self.rule)

    def _queue_type(self):
        """The category's queue: its queue dates rank the applicants; applying for a
        scored listing joins it and letting one resets the queue date (None: no queue)."""
        self.ensure_one()
        return self._rules()._queue_type(self)

    def _refusal(self, code):
        """The refusal ``code`` (to raise) in the words of the listing's category."""
        return letting.LettingRefusal(self._rules()._refusal_messages(), code)

    @api.constrains("rental_object_id", "vacant_from", "state")
    def _check_published_space_not_blocked(self):
        self.filtered(lambda listing: listing.state == "published")._check_not_blocked(
            ValidationError
        )

    def _lease_start(self, today):
        """The first day of the lease if the object is let on ``today``."""
        self.ensure_one()
        return max(self.vacant_from, today)

    def _blocks(self, today):
        """{listing: the rental block in force on the day its lease would start} of the
        listings whose rental object is blocked then (a lease cannot start in a block)."""
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
        """Raise ``error`` naming the block if any of these listings' objects is blocked on
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
        Policy = self.env["housing.letting.policy"]
        objects = self.env["housing.rental.object"].browse(
            [vals["rental_object_id"] for vals in vals_list if vals.get("rental_object_id")]
        )
        default_category = self.default_get(["category"]).get("category")
        for vals in vals_list:
            vals.setdefault(
                "category",
                default_category
                or CATEGORY_OF_OBJECT_TYPE.get(
                    objects.browse(vals.get("rental_object_id")).object_type
                ),
            )
            if not vals.get("date_to"):
                policy = Policy._for(vals["category"], vals.get("rule", "scored"))
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
                    "SELECT id FROM housing_listing WHERE id IN %s ORDER BY id FOR UPDATE",
                    tuple(self.ids),
                )
            )
            self.invalidate_recordset()
            # Whole models: reading a listing's 50,000 application ids to forget them
            # would cost more than reading again what is needed.
            self.env["housing.offer"].invalidate_model()
            self.env["housing.application"].invalidate_model()

    # ------------------------------------------------------------------ eligibility
    def _by_category(self):
        """{rules of a category: these listings of that category}."""
        return {listings[:1]._rules(): listings for listings in self.grouped("category").values()}

    def _evaluation(self, partners):
        """({partner id: facts}, {listing: terms}) of ``partners`` and these listings, by
        the rules of each listing's category: a constant number of queries per category
        whatever the number of partners. Facts are per category: {rules: {partner id:
        facts}}, with the engine's own fact ``expired_queues``: the queues where the
        contact's place has lapsed (see _lapsing_queue)."""
        facts, terms = self._category_facts(partners)
        expired = self.env["housing.queue.membership"]._expired_queues(partners)
        for category_facts in facts.values():
            for partner_id, data in category_facts.items():
                data["expired_queues"] = expired.get(partner_id, frozenset())
        return facts, terms

    def _category_facts(self, partners):
        """_evaluation without the engine's own fact."""
        facts, terms = {}, {}
        for rules, listings in self.sudo()._by_category().items():
            facts[rules._name] = rules._facts_by_partner(listings, partners)
            terms.update(rules._terms_by_listing(listings))
        return facts, terms

    def _lapsing_queue(self):
        """The queue whose place a contact needs, still valid (not lapsed), to apply for
        this listing: that of a scored listing (None: none needed)."""
        self.ensure_one()
        return self._queue_type() if self.rule == "scored" else None

    def _verdict(self, terms, data, application_type):
        """letting.Verdict on a contact with ``data`` (facts of the listing's category)
        applying to this listing with ``application_type``."""
        if not data["identified"]:
            # A self-registered account, or a contact staff have not identified: nobody
            # applies for anything without a customer number and an identity number.
            return letting.refusal(letting.NOT_IDENTIFIED)
        if self._lapsing_queue() in data["expired_queues"]:
            return letting.refusal(letting.QUEUE_MEMBERSHIP_EXPIRED)
        return self._rules()._verdict(self, terms, data, application_type)

    def get_eligibility(self, partner):
        """For programs and JSON-2: may ``partner`` (a record or an id) apply to each of
        these listings, and why not, in JSON values: {listing id: {application type:
        {"eligible", "priority", "reason", "label"}}}; priority only when eligible."""
        partner = record_argument(self.env["res.partner"], partner, "partner")
        labels = dict(
            self.env["housing.application"]
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
        """The verdicts (letting.Verdict: priority and reason code) on ``partner``
        applying to each of these listings with each application type of its category:
        {listing: {application type: verdict}}, from one batch of queries per category.
        Used by the portal and the API to show why a contact may not apply."""
        facts, terms = self._evaluation(partner)
        return {
            listing: {
                application_type: listing._verdict(
                    listing_terms, facts[listing._rules()._name][partner.id], application_type
                )
                for application_type in listing._rules()._application_types
            }
            for listing, listing_terms in terms.items()
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
                        self._ranking_row(rank, app, verdict, start)
                        for rank, (app, verdict, start) in enumerate(
                            ranked[: letting.RANKING_SHOWN], 1
                        )
                    ],
                    stockholm_today(),
                )
                if ranked
                else False
            )

    @api.model
    def _ranking_row(self, rank, application, verdict, start):
        """One row of a ranking (the listing's now, an offer's snapshot). Staff read it
        without the Protected identities privilege: a protected applicant is neither
        named nor linked (partner and partner_id empty, protected true)."""
        partner = application.partner_id
        protected = partner.protected_identity
        return {
            "rank": rank,
            "partner_id": None if protected else partner.id,
            "partner": None if protected else partner.name,
            "protected": protected,
            "priority": verdict.priority,
            "reason": verdict.reason,
            "queue_start_date": start and start.isoformat(),
            "state": application.state,
        }

    @api.model
    def _ranking_table(self, rows, day):
        """An HTML table of ranking rows (dicts with rank, partner, priority, reason,
        queue_start_date, state: a listing's ranking now or an offer's snapshot): the
        reasons and states as words, dates in the user's format, queue points on ``day``."""
        if not rows:
            return False
        Application = self.env["housing.application"]
        reasons = dict(Application._fields["priority_reason"]._description_selection(self.env))
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
                    # Without a name: protected, or anonymised after the retention period.
                    partner=row["partner"]
                    or (
                        self.env._("Protected identity")
                        if row.get("protected")
                        else self.env._("Anonymised")
                    ),
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

    def _ranking(self, at_offer=False):
        """Evaluate every active application of the listings (one batch of queries for
        all of them), nothing stored. ``at_offer``: the verdicts of making the offer now
        (the category's _check_at_offer), not those of applying. Returns {listing:
        [(application, verdict, queue start date)] in ranking order}."""
        return self._as_ranking(self._ranked(at_offer))

    def _rank(self, at_offer=False):
        """Rank the listings' applicants (_ranking) and store priority, reason, queue start
        and rank on the applications whose place changed. Returns the ranking as _ranking
        does."""
        ranked = self._ranked(at_offer)
        changed = []
        for rows in ranked.values():
            for position, (app_id, verdict, start, stored) in enumerate(rows, 1):
                place = (verdict.priority or "none", verdict.reason, start, position)
                if place != stored:
                    changed.append((app_id, *place))
        self.env["housing.application"]._store_ranking(changed)
        return self._as_ranking(ranked)

    def _as_ranking(self, ranked):
        """_ranked's rows as records: the records share one prefetch, so that reading the
        first ones reads a batch."""
        Application = self.env["housing.application"].sudo()
        return {
            listing: [
                (application, verdict, start)
                for application, (__, verdict, start, __) in zip(
                    Application.browse([row[0] for row in rows]), rows, strict=True
                )
            ]
            for listing, rows in ranked.items()
        }

    def _ranked(self, at_offer=False):
        """_ranking as plain values: {listing: [(application id, verdict, queue start date,
        (priority, reason, queue start, rank) stored now)] in ranking order}.

        The applications, with their contact's place in the listing's queue, are read
        and sorted as plain values from one query (tens of thousands of records would
        cost more than the ranking); the categories' facts come in a constant number of
        queries."""
        Application = self.env["housing.application"]
        Application.flush_model(
            ["listing_id", "partner_id", "application_type", "state", *RANKING_FIELDS]
        )
        self.env["housing.queue.membership"].flush_model(
            ["partner_id", "queue_type", "queue_start_date", "state"]
        )
        listings = self.sudo()
        queues = {listing.id: listing._queue_type() for listing in listings}
        self.env.cr.execute(
            SQL(
                """
                SELECT app.id, app.listing_id, app.partner_id, app.application_type,
                       app.create_date, member.queue_start_date, member.state = 'expired',
                       app.priority, app.priority_reason, app.queue_start_date, app.rank
                  FROM housing_application app
                  JOIN unnest(%s::int[], %s::varchar[]) AS listing(id, queue_type)
                       ON listing.id = app.listing_id
                  LEFT JOIN housing_queue_membership member
                       ON member.partner_id = app.partner_id
                      AND member.queue_type = listing.queue_type
                      -- A removed place has no queue points.
                      AND member.state != 'removed'
                 WHERE app.state IN %s
                """,
                list(queues),
                list(queues.values()),
                RANKED_STATES,
            )
        )
        rows = self.env.cr.fetchall()
        partners = self.env["res.partner"].browse({row[2] for row in rows})
        facts, all_terms = listings._category_facts(partners)
        by_listing = defaultdict(list)
        for row in rows:
            by_listing[row[1]].append(row)
        ranked = {}
        not_identified = letting.refusal(letting.NOT_IDENTIFIED)
        lapsed = letting.refusal(letting.QUEUE_MEMBERSHIP_EXPIRED)
        for listing, terms in all_terms.items():
            rules = listing._rules()
            judge = rules._check_at_offer if at_offer else rules._verdict
            category_facts = facts[rules._name]
            # Only a scored listing needs the place in force (_lapsing_queue).
            lapses = listing._lapsing_queue() is not None
            keyed = []
            for row in by_listing[listing.id]:
                app_id, __, partner_id, application_type, applied_at, start, expired = row[:7]
                data = category_facts[partner_id]
                # listing._verdict, without looking the listing's rules up per applicant.
                if not data["identified"]:
                    verdict = not_identified
                elif lapses and expired:
                    verdict = lapsed
                else:
                    verdict = judge(listing, terms, data, application_type)
                keyed.append(
                    (
                        letting.ranking_key(verdict, start, applied_at, app_id),
                        (app_id, verdict, start, row[7:]),
                    )
                )
            # The keys end with the application id: no two are equal.
            keyed.sort(key=lambda item: item[0])
            ranked[listing] = [item[1] for item in keyed]
        return ranked

    def action_refresh_ranking(self):
        """Staff: rank the applicants again now. _rank stores the ranking in SQL, so the
        right to change listings is checked here (integrations and tenants only read)."""
        self.check_access("write")
        self._rank()
        return True

    # ------------------------------------------------------------------ applying
    def apply(self, partner, application_type=False):
        """``partner`` applies for this listing (portal, API or staff) with
        ``application_type`` (one of the category's, False when it has none). Re-applying
        after a withdrawal reactivates the application. On a non-scored listing the first
        eligible applicant gets the lease at once. Returns the application; raises
        letting.LettingRefusal with a reason code when the contact may not apply."""
        self.ensure_one()
        self.check_access("read")
        partner = record_argument(self.env["res.partner"], partner, "partner")
        application_type = application_type or self._rules()._default_application_type
        if application_type not in self._rules()._application_types:
            # E.g. a parking application type for a home (the API takes any category's).
            raise ValidationError(
                self.env._(
                    "This listing's queue has no application type '%(type)s'.",
                    type=application_type,
                )
            )
        Application = self.env["housing.application"]
        Application._check_acting_for(partner)
        caller_env = self.env
        self = self.sudo()
        self._lock()
        if self.state != "published":
            raise self._refusal(letting.LISTING_CLOSED)
        Application = Application.sudo().with_context(housing_letting_apply=True)
        existing = Application.search(
            [("listing_id", "=", self.id), ("partner_id", "=", partner.id)], limit=1
        )
        if existing and existing.state not in ("withdrawn_user", "withdrawn_manager"):
            raise self._refusal(letting.ALREADY_APPLIED)
        verdict = self._get_eligibility(partner)[self][application_type]
        if not verdict.eligible:
            raise self._refusal(verdict.reason)
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
        Membership = self.env["housing.queue.membership"]
        if self.rule == "scored" and self._queue_type():
            Membership._ensure(partner, self._queue_type())
        if self._queue_type():
            # Applying shows the contact still wants their place (keep-alive).
            Membership._confirm(partner, self._queue_type())
        self.message_post(
            body=self.env._("%(partner)s applied.", partner=partner._housing_staff_name()),
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
        # A viewing round collecting answers: the offer waits for the round to close.
        todo = todo.filtered(lambda listing: listing not in blocked and not listing._open_viewing())
        # A viewing round with nobody interested left to offer: the next are invited at
        # once (ranked by the verdicts of applying; the offer's checks come at the offer).
        invite = todo.filtered(
            lambda listing: (
                listing._policy().viewing_round and not listing._interested_application_ids()
            )
        )
        todo -= invite
        if not todo and not invite:
            return self.env["housing.offer"]
        ranking = todo._rank(at_offer=True)
        Application = self.env["housing.application"]
        Round = self.env["housing.allocation.round"]
        disqualified_ids, offer_vals, empty = [], [], self.browse()
        passed_over = {}
        now = fields.Datetime.now()
        for listing in todo:
            ranked = ranking[listing]
            # With a viewing round, only those who answered that they are interested are
            # offered the object, in ranking order.
            interested = (
                listing._interested_application_ids() if listing._policy().viewing_round else None
            )
            # Walk the ranking down to the first eligible applicant: those above who fail
            # the checks now are disqualified, those who cannot be offered it yet passed
            # over; those who cannot be ranked (and everybody below) are left as they are
            # (Mimer's findAndDisqualifyIneligibleApplicant).
            candidate, deferred = None, []
            first_disqualified = len(disqualified_ids)
            for app, verdict, __ in ranked:
                if app.state != "active" or not verdict.rankable:
                    continue
                if interested is not None and app.id not in interested:
                    continue
                if verdict.eligible:
                    candidate = app
                    break
                if verdict.deferred:
                    deferred.append((app, verdict))
                else:
                    disqualified_ids.append(app.id)
            # The allocation audit of the round: everybody's place, and what the round
            # did with them.
            outcomes = dict.fromkeys(disqualified_ids[first_disqualified:], "disqualified")
            if candidate is None and deferred:
                # Only applicants who cannot be offered it yet are left: the listing waits
                # for them (the queue run offers it again), and a round that changed
                # nothing leaves no audit.
                if outcomes:
                    Round._record(listing, ranked, outcomes)
                continue
            if candidate:
                outcomes[candidate.id] = "offered"
                passed_over[listing] = deferred
            audit = Round._record(listing, ranked, outcomes)
            if candidate is None:
                if interested is not None:
                    invite |= listing  # nobody interested is left: invite the next
                else:
                    empty |= listing
                continue
            offer_vals.append(
                {
                    "listing_id": listing.id,
                    "application_id": candidate.id,
                    "partner_id": candidate.partner_id.id,
                    "sent_at": now,
                    "deadline": offer_deadline(now, listing._policy().offer_business_days),
                    "allocation_round_id": audit.id,
                }
            )
        Application.browse(disqualified_ids)._set_state("disqualified")
        offers = self.env["housing.offer"].create(offer_vals)
        offers.application_id.write({"state": "offered"})
        offers.listing_id.write({"state": "offered"})
        reasons = dict(Application._fields["priority_reason"]._description_selection(self.env))
        for offer in offers:
            offer.listing_id.message_post(
                body=self.env._(
                    "Offered to %(partner)s until %(deadline)s.",
                    partner=offer.partner_id._housing_staff_name(),
                    deadline=offer.deadline_display,
                ),
                message_type="notification",
            )
            for app, verdict in passed_over[offer.listing_id]:
                offer.listing_id.message_post(
                    body=self.env._(
                        "%(partner)s was passed over for now (%(reason)s): the application "
                        "stays, and the object can be offered to them later if it is still to "
                        "be let.",
                        partner=app.partner_id._housing_staff_name(),
                        reason=reasons.get(verdict.reason, verdict.reason),
                    ),
                    message_type="notification",
                )
        offers._send_by_policy("offer_template_id")
        empty |= invite._start_viewing_rounds()
        empty._no_candidate()
        return offers

    # ------------------------------------------------------------------ viewing rounds
    def _open_viewing(self):
        """The listing's viewing round collecting answers (or an empty recordset)."""
        self.ensure_one()
        return self.viewing_ids.filtered(lambda viewing: viewing.state == "open")[:1]

    def _interested_application_ids(self):
        """The ids of the active applications whose contacts answered, in a closed round,
        that they are interested (those still to be offered the object)."""
        self.ensure_one()
        return set(
            self.viewing_ids.filtered(lambda viewing: viewing.state == "closed")
            .invitation_ids.filtered(lambda invitation: invitation.state == "interested")
            .application_id.filtered(lambda application: application.state == "active")
            .ids
        )

    def _start_viewing_rounds(self):
        """Invite the next applicants of these listings (locked; their policy has a viewing
        round, nobody interested is left) to a viewing: the first in the ranking who are
        active, eligible to apply and not invited before, as many as the policy invites;
        those above them who are no longer eligible are disqualified. The staff's planned
        viewing (time, place) is used, or a new one made. Returns the listings that have
        nobody left to invite."""
        if not self:
            return self
        ranking = self._rank()
        Invitation = self.env["housing.viewing.invitation"]
        # The unique index on running rounds must see the rounds closed just before.
        self.env["housing.viewing"].flush_model(["state"])
        now = fields.Datetime.now()
        disqualified_ids, nobody, invitation_vals = [], self.browse(), []
        for listing in self:
            policy = listing._policy()
            ranked = ranking[listing]
            invited = set(listing.viewing_ids.invitation_ids.application_id.ids)
            chosen = []
            first_disqualified = len(disqualified_ids)
            for rank, (app, verdict, __) in enumerate(ranked, 1):
                if len(chosen) >= policy.viewing_invitations:
                    break
                if app.state != "active" or not verdict.rankable or app.id in invited:
                    continue
                if verdict.eligible:
                    chosen.append((rank, app))
                else:
                    disqualified_ids.append(app.id)
            # The allocation audit of the round, as for an offer round.
            audit = self.env["housing.allocation.round"]._record(
                listing,
                ranked,
                dict.fromkeys(disqualified_ids[first_disqualified:], "disqualified"),
                kind="viewing",
            )
            if not chosen:
                nobody |= listing
                continue
            planned = listing.viewing_ids.filtered(lambda viewing: viewing.state == "planned")
            viewing = planned[:1] or self.env["housing.viewing"].create({"listing_id": listing.id})
            viewing.write({"state": "open", "sent_at": now, "allocation_round_id": audit.id})
            deadline = offer_deadline(now, policy.viewing_business_days)
            invitation_vals += [
                {
                    "viewing_id": viewing.id,
                    "application_id": app.id,
                    "partner_id": app.partner_id.id,
                    "rank": rank,
                    "sent_at": now,
                    "deadline": deadline,
                }
                for rank, app in chosen
            ]
        self.env["housing.application"].browse(disqualified_ids)._set_state("disqualified")
        invitations = Invitation.create(invitation_vals)
        for listing, invited in invitations.grouped("listing_id").items():
            listing.message_post(
                body=self.env._(
                    "Invited to the viewing: %(partners)s; answer by %(deadline)s.",
                    partners=", ".join(
                        partner._housing_staff_name() for partner in invited.partner_id
                    ),
                    deadline=invited[0].deadline_display,
                ),
                message_type="notification",
            )
            listing._policy()._send("viewing_invitation_template_id", invited)
        return nobody

    def action_close_viewing_round(self):
        """Staff: close the listings' viewing rounds now and offer to the interested."""
        self.viewing_ids.filtered(lambda viewing: viewing.state == "open").action_close_round()
        return True

    def _no_candidate(self):
        """Nobody can be offered these listings: close them, or re-publish them as
        non-scored when the policy says so."""
        Policy = self.env["housing.letting.policy"]
        today = stockholm_today()
        for listing in self:
            if listing._policy().no_candidate_action == "republish":
                external = Policy._for(listing.category, "non_scored")
                listing.write(
                    {
                        "rule": "non_scored",
                        "state": "published",
                        "date_from": today,
                        "date_to": today + datetime.timedelta(days=external.publication_days),
                    }
                )
                body = self.env._(
                    "Nobody in the queue could be offered the space: published again."
                )
            else:
                listing.write({"state": "closed"})
                body = self.env._("Nobody in the queue could be offered the space: closed.")
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
        self.viewing_ids._cancel()
        self.application_ids.filtered(lambda app: app.state in RANKED_STATES).write(
            {"state": "withdrawn_manager"}
        )
        self.write({"state": "closed"})
        return True

    # ------------------------------------------------------------------ letting
    def _assign(self, application):
        """Let the rental object to ``application``'s contact: create and confirm the
        lease, mark the listing assigned and the other applicants assigned to another,
        restart the contact's queue time. Returns the lease."""
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
        others = self.env["housing.application"].search(
            [
                ("listing_id", "=", self.id),
                ("state", "in", RANKED_STATES),
                ("id", "!=", application.id),
            ]
        )
        others._set_state("assigned_other", result_mail=True)
        application.write({"state": "accepted"})
        self.write({"state": "assigned", "lease_id": lease.id})
        if self.rule == "scored" and self._queue_type():
            # Only an offer from the internal queue costs the queue time (Mimer's
            # reply-to-offer; the external process leaves the queue alone).
            self.env["housing.queue.membership"]._restart(partner, self._queue_type(), today)
        self._rules()._on_let(self, application)
        self.message_post(
            body=self.env._(
                "Let to %(partner)s under lease %(lease)s.",
                partner=partner._housing_staff_name(),
                lease=lease.name,
            ),
            message_type="notification",
        )
        others._queue_result_mails()
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
        overdue = self.env["housing.offer"].search(
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
        return run_alone(self.env, self._run_queue_step, f"Listing {self.id}")

    def _run_queue_step(self):
        """This listing's step of the queue run (the listing is locked first and read
        again): expire its offer if overdue, end its publication if due, then offer it."""
        self.ensure_one()
        listing = self.sudo()
        listing._lock()
        listing.offer_ids._expire_overdue()
        listing.viewing_ids._close_due()
        if listing.state == "published" and listing.date_to < stockholm_today():
            listing.state = "ready" if listing.rule == "scored" else "closed"
        listing._start_offer_rounds(locked=True)
