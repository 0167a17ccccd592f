from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields, models, tools

LISTING_CATEGORIES = [
    ("parking", "Parking"),
    ("housing", "Housing"),
    ("storage", "Storage"),
]
# The category whose scored listings rank by each queue (housing.queue.membership).
QUEUE_CATEGORIES = {
    "parking_internal": "parking",
    "parking_external": "parking",
    "housing": "housing",
    "storage": "storage",
}
LISTING_RULES = [
    ("scored", "Scored (internal queue)"),
    ("non_scored", "Non-scored (external, first come first served)"),
]


class HousingLettingPolicy(models.Model):
    """How listings of one category (parking, housing, storage) and rule (scored or
    non-scored) run: publication, offer deadline, credit check, what happens when nobody is
    eligible, and which e-mails are sent."""

    _name = "housing.letting.policy"
    _description = "Letting policy"
    _order = "category, rule"
    _rec_name = "rule"

    category = fields.Selection(LISTING_CATEGORIES, required=True, string="Queue")
    rule = fields.Selection(LISTING_RULES, required=True)
    publication_days = fields.Integer(
        default=14,
        required=True,
        help="Default length of the publication window of a new listing, in days.",
    )
    offer_business_days = fields.Integer(
        string="Days to answer an offer",
        default=3,
        required=True,
        help="An offer expires at 23:59:59 Swedish time on this Swedish business day after "
        "the day it is sent (weekends and public holidays are skipped).",
    )
    credit_check_months = fields.Integer(
        default=6,
        required=True,
        help="A contact whose rent was sent to debt collection within this many months "
        "fails the credit check.",
    )
    no_candidate_action = fields.Selection(
        [("close", "Close the listing"), ("republish", "Publish it again as non-scored")],
        string="When nobody is eligible",
        default="close",
        required=True,
    )
    retention_months = fields.Integer(
        string="Months to keep applicant data",
        default=0,
        required=True,
        help="The applicants of a listing assigned or closed this many months ago are "
        "anonymised by the daily retention run (their applications, offers and ranking "
        "snapshots keep rank, points and reason without the person; leases stay), and the "
        "queue places removed this many months ago are deleted. 0: kept.",
    )
    offer_template_id = fields.Many2one(
        "mail.template",
        string="Offer e-mail",
        domain=[("model", "=", "housing.offer")],
        help="Sent to the applicant with each offer. Empty: no e-mail.",
    )
    accepted_template_id = fields.Many2one(
        "mail.template",
        string="Acceptance e-mail",
        domain=[("model", "=", "housing.offer")],
        help="Sent to the applicant who gets the object. Empty: no e-mail.",
    )
    declined_template_id = fields.Many2one(
        "mail.template",
        string="Decline e-mail",
        domain=[("model", "=", "housing.offer")],
        help="Sent to an applicant who declined an offer, as a receipt. Empty: no e-mail.",
    )
    expired_template_id = fields.Many2one(
        "mail.template",
        string="Expiry e-mail",
        domain=[("model", "=", "housing.offer")],
        help="Sent to an applicant whose offer expired unanswered. Empty: no e-mail.",
    )
    result_template_id = fields.Many2one(
        "mail.template",
        string="Notice of result",
        domain=[("model", "=", "housing.application")],
        help="Sent to every other applicant when the object has been let. Empty: no notice.",
    )
    # Viewing round (visning): the top applicants are invited before anybody is offered.
    viewing_round = fields.Boolean(
        string="Viewing round",
        help="When the publication ends, the first applicants in the ranking are invited to "
        "a viewing; the offer then goes, in ranking order, to those who answer that they "
        "are interested. When none of them gets it, the next applicants are invited.",
    )
    viewing_invitations = fields.Integer(
        string="Applicants invited per viewing",
        default=10,
        required=True,
    )
    viewing_business_days = fields.Integer(
        string="Days to answer an invitation",
        default=3,
        required=True,
        help="An invitation to a viewing must be answered by 23:59:59 Swedish time on this "
        "Swedish business day after the day it is sent.",
    )
    viewing_invitation_template_id = fields.Many2one(
        "mail.template",
        string="Invitation e-mail",
        domain=[("model", "=", "housing.viewing.invitation")],
        default=lambda self: self.env.ref(
            "housing_letting.mail_template_viewing_invitation", raise_if_not_found=False
        ),
        help="Sent to each applicant invited to a viewing. Empty: no e-mail.",
    )
    viewing_changed_template_id = fields.Many2one(
        "mail.template",
        string="Viewing changed e-mail",
        domain=[("model", "=", "housing.viewing.invitation")],
        default=lambda self: self.env.ref(
            "housing_letting.mail_template_viewing_changed", raise_if_not_found=False
        ),
        help="Sent to the invited who have not said no when the time or place of the viewing "
        "changes after the invitations went out. Empty: no e-mail.",
    )
    # Keep-alive: a queue place lapses unless the applicant confirms it.
    keep_alive_months = fields.Integer(
        string="Months a queue place stays valid",
        default=0,
        required=True,
        help="A queue place lapses when the applicant has not confirmed it (logged in to My "
        "pages, applied, saved their profile or confirmed it) for this many months. 0: "
        "queue places never lapse. Applies to the queue of this category's scored "
        "listings.",
    )
    keep_alive_reminder_days = fields.Integer(
        string="Reminder days before lapsing",
        default=30,
        required=True,
        help="The applicant is reminded by e-mail this many days before the queue place lapses.",
    )
    keep_alive_reminder_template_id = fields.Many2one(
        "mail.template",
        string="Keep-alive reminder e-mail",
        domain=[("model", "=", "housing.queue.membership")],
        default=lambda self: self.env.ref(
            "housing_letting.mail_template_queue_keep_alive_reminder", raise_if_not_found=False
        ),
        help="Sent once before a queue place lapses. Empty: no e-mail.",
    )
    keep_alive_lapsed_template_id = fields.Many2one(
        "mail.template",
        string="Queue place lapsed e-mail",
        domain=[("model", "=", "housing.queue.membership")],
        default=lambda self: self.env.ref(
            "housing_letting.mail_template_queue_lapsed", raise_if_not_found=False
        ),
        help="Sent when a queue place lapses. Empty: no e-mail.",
    )
    keep_alive_grace_days = fields.Integer(
        string="Days a lapsed place can be restored",
        default=90,
        required=True,
        help="A queue place lapsed longer than this many days is removed from the queue by "
        "the daily run: it loses its queue points (applying again joins the queue anew, "
        "today), and it is deleted the policy's months to keep applicant data later. "
        "Until then a housing manager can restore it with its queue date. 0: lapsed "
        "places are kept.",
    )
    # Refusals: declined offers (and unanswered invitations and offers) are counted.
    count_refusals = fields.Boolean(
        string="Count refusals",
        help="Declining an offer counts as a refusal on the applicant's queue place; at the "
        "limit the queue date starts again today, or the place is removed from the queue.",
    )
    refusal_limit = fields.Integer(
        string="Refusal limit",
        default=3,
        required=True,
        help="The counted refusal that reaches this number has the consequence of At the limit.",
    )
    refusal_window_months = fields.Integer(
        string="Months a refusal counts",
        default=0,
        required=True,
        help="A refusal counts toward the limit for this many months (0: until the limit is "
        "reached), and only since the queue date was last set; annulled refusals never "
        "count. Whether a refusal counts is worked out again when a new refusal is "
        "counted, by the daily run of the queue places (so the number shown drops the day "
        "after a refusal's months end) and when this setting changes.",
    )
    refusal_consequence = fields.Selection(
        [("reset", "Reset the queue date"), ("remove", "Remove from the queue")],
        string="At the limit",
        default="reset",
        required=True,
        help="Reset the queue date: the queue points count again from today and the "
        "applicant keeps the place. Remove from the queue: the place is removed (it loses "
        "its queue points; applying again joins the queue anew, today). Either way the "
        "counting starts again, and staff can annul a refusal before the limit is "
        "reached.",
    )
    unanswered_counts_as_refusal = fields.Boolean(
        string="No answer counts as a refusal",
        default=True,
        help="An invitation to a viewing or an offer left unanswered past its deadline "
        "counts as a refusal too.",
    )
    refusal_reset_template_id = fields.Many2one(
        "mail.template",
        string="Queue date reset e-mail",
        domain=[("model", "=", "housing.queue.membership")],
        default=lambda self: self.env.ref(
            "housing_letting.mail_template_queue_refusal_reset", raise_if_not_found=False
        ),
        help="Sent when refusals reset an applicant's queue date. Empty: no e-mail.",
    )
    refusal_removed_template_id = fields.Many2one(
        "mail.template",
        string="Removed after refusals e-mail",
        domain=[("model", "=", "housing.queue.membership")],
        default=lambda self: self.env.ref(
            "housing_letting.mail_template_queue_refusal_removed", raise_if_not_found=False
        ),
        help="Sent when refusals remove an applicant's place from the queue. Empty: no e-mail.",
    )

    _category_rule_unique = models.Constraint(
        "UNIQUE(category, rule)", "There is already a policy for this queue and rule."
    )
    _days_positive = models.Constraint(
        "CHECK(publication_days >= 0 AND offer_business_days >= 0 AND credit_check_months >= 0)",
        "Days and months of a letting policy cannot be negative.",
    )
    _retention_positive = models.Constraint(
        "CHECK(retention_months >= 0)", "The months to keep applicant data cannot be negative."
    )
    _viewing_keep_alive_positive = models.Constraint(
        "CHECK(viewing_invitations > 0 AND viewing_business_days >= 0 AND keep_alive_months >= 0 "
        "AND keep_alive_reminder_days >= 0 AND refusal_limit > 0)",
        "A viewing invites at least one applicant, at least one refusal is allowed, and days "
        "and months cannot be negative.",
    )
    _refusal_window_grace_positive = models.Constraint(
        "CHECK(refusal_window_months >= 0 AND keep_alive_grace_days >= 0)",
        "The months a refusal counts and the days a lapsed place can be restored cannot be "
        "negative.",
    )

    @api.model
    def _give_default_templates(self, field_names=None):
        """Give the policies whose e-mail settings ``field_names`` (default: every setting
        with a template of its own) are empty that template. For policies older than the
        setting only: upgrading makes a setting's column before the module's templates
        exist, so its default is not given to the policies there already."""
        for name in field_names or [
            name
            for name, field in self._fields.items()
            if field.type == "many2one" and field.comodel_name == "mail.template" and field.default
        ]:
            template = self._fields[name].default(self)
            if template:
                self.sudo().with_context(active_test=False).search([(name, "=", False)]).write(
                    {name: template.id}
                )

    @api.model
    def _for(self, category, rule):
        """The policy of ``category`` and ``rule`` (a default one, not saved, if none is
        configured)."""
        policy_id = self._policy_id(category, rule)
        if policy_id:
            return self.sudo().browse(policy_id)
        return self.sudo().new({"category": category, "rule": rule})

    @api.model
    def _for_queue(self, queue_type):
        """The policy of the scored listings ranked by the queue ``queue_type`` (its
        keep-alive settings)."""
        return self._for(QUEUE_CATEGORIES[queue_type], "scored")

    @tools.ormcache("category", "rule")
    def _policy_id(self, category, rule):
        # Looked up once per worker, not in every transaction of the queue run (which
        # commits each listing on its own); the cache is cleared when policies change.
        return self.sudo().search([("category", "=", category), ("rule", "=", rule)], limit=1).id

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        policies = super().create(vals_list)
        policies._recount_refusals()
        return policies

    def write(self, vals):
        if {"category", "rule"} & set(vals):
            self.env.registry.clear_cache()
        result = super().write(vals)
        if {"category", "rule", "refusal_window_months"} & set(vals):
            self._recount_refusals()
        return result

    def _queue_types(self):
        """The queues these policies' keep-alive and refusal settings apply to: those of
        their category's scored listings."""
        categories = set(self.filtered(lambda policy: policy.rule == "scored").mapped("category"))
        return [queue for queue, category in QUEUE_CATEGORIES.items() if category in categories]

    def _recount_refusals(self):
        """Work out again which refusals still count in these policies' queues (their
        window changed)."""
        queues = self._queue_types()
        if queues:
            self.env["housing.queue.refusal"].sudo().search(
                [("queue_type", "in", queues), ("annulled", "=", False), ("reset_on", "=", False)]
            )._recount()

    def _refusal_window_start(self, today):
        """The last day outside the refusal window ending ``today`` (a refusal of that day
        or earlier no longer counts), None without a window."""
        self.ensure_one()
        months = self.refusal_window_months
        return today - relativedelta(months=months) if months else None

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    def _send(self, template_field, records):
        """Queue the e-mail of ``template_field`` (if configured) for each of ``records``
        (offers or applications). The company sends them, whoever acted: a tenant's
        answer starts the next offer round, whose e-mail must not come from that tenant."""
        template = self[template_field]
        if not template or not records:
            return
        # Queue places have no listing: the current company sends theirs.
        for company, batch in records.grouped(
            lambda record: "listing_id" in record._fields and record.listing_id.company_id
        ).items():
            company = company or self.env.company
            # As the superuser: without a company address the sender falls back to the
            # current user, here OdooBot instead of the tenant.
            template.with_user(SUPERUSER_ID).send_mail_batch(
                batch.ids,
                email_values={
                    "author_id": company.partner_id.id,
                    "email_from": company.email_formatted,
                },
            )

    def _debt_collection_since(self, today):
        """The first day of the credit check window ending ``today``."""
        self.ensure_one()
        return today - relativedelta(months=self.credit_check_months)
