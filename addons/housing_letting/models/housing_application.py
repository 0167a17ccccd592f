import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, mute_logger

from ..tools import letting
from ..tools.dates import queue_points, stockholm_today

APPLICATION_STATES = [
    ("active", "Active"),
    ("offered", "Offered"),
    ("accepted", "Offer accepted"),
    ("declined", "Offer declined"),
    ("expired", "Offer expired"),
    ("assigned_other", "Assigned to another applicant"),
    ("withdrawn_user", "Withdrawn by the applicant"),
    ("withdrawn_manager", "Withdrawn by staff"),
    ("disqualified", "Disqualified"),
]
# How many result e-mails are queued in one transaction.
RESULT_MAIL_BATCH = 200
PRIORITIES = [("1", "1"), ("2", "2"), ("3", "3"), ("none", "Not rankable")]


class HousingApplication(models.Model):
    """A contact's application (intresseanmälan) for one listing."""

    _name = "housing.application"
    _description = "Application"
    _order = "listing_id, rank, id"
    _rec_name = "partner_id"

    listing_id = fields.Many2one("housing.listing", required=True, index=True, ondelete="cascade")
    category = fields.Selection(
        related="listing_id.category", store=True, index=True, string="Queue"
    )
    rental_object_id = fields.Many2one(related="listing_id.rental_object_id")
    listing_state = fields.Selection(related="listing_id.state", string="Listing status")
    # Empty only once anonymised after the retention period (housing.letting.retention).
    partner_id = fields.Many2one("res.partner", string="Applicant", index=True, ondelete="cascade")
    anonymised_at = fields.Datetime(
        string="Anonymised on",
        readonly=True,
        copy=False,
        help="When the applicant was removed after the retention period.",
    )
    customer_number = fields.Char(related="partner_id.customer_number")
    # The category's application types (parking: replace or additional); empty when the
    # category has none.
    application_type = fields.Selection([], string="Type")
    state = fields.Selection(APPLICATION_STATES, default="active", required=True, index=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    priority_reason = fields.Selection(
        selection="_reason_selection", string="Reason", readonly=True
    )
    queue_start_date = fields.Date(
        readonly=True, help="The applicant's queue start date when the ranking was made."
    )
    queue_points = fields.Integer(compute="_compute_queue_points")
    rank = fields.Integer(readonly=True, help="Place in the ranking of the listing.")
    offer_ids = fields.One2many("housing.offer", "application_id", string="Offers")
    result_mail_pending = fields.Boolean(
        readonly=True,
        copy=False,
        help="The listing was let to another applicant and the e-mail telling this "
        "applicant is still to be queued (by the letting queue's result e-mail run).",
    )

    _partner_unless_anonymised = models.Constraint(
        "CHECK(partner_id IS NOT NULL OR anonymised_at IS NOT NULL)",
        "An application needs an applicant.",
    )
    _partner_listing_unique = models.Constraint(
        "UNIQUE(listing_id, partner_id)", "The contact has already applied for this listing."
    )
    _result_mail_pending_index = models.Index("(id) WHERE result_mail_pending")

    @api.model
    def _reason_selection(self):
        """The eligibility and priority reasons of every installed category."""
        reasons = {}
        for name in self.env.registry.descendants(["housing.letting.rules"], "_inherit"):
            if name != "housing.letting.rules":
                reasons.update(self.env[name]._reason_selection())
        return list(reasons.items())

    def mail_allowed_qweb_expressions(self):
        # The letting e-mails name the listing: with it allowed, a template that uses
        # only such expressions is filled in by Odoo's plain substitution instead of
        # compiling QWeb for every applicant (50,000 result e-mails in seconds, not
        # minutes). The listing's name is its rental object's code, no secret.
        return (*super().mail_allowed_qweb_expressions(), "object.listing_id.name")

    @api.depends("queue_start_date")
    def _compute_queue_points(self):
        today = stockholm_today()
        for application in self:
            application.queue_points = queue_points(application.queue_start_date, today)

    def init(self):
        # Every ranking rewrites the places of a listing's applicants (tens of thousands):
        # with room left in each page PostgreSQL updates them in place (HOT), without a
        # new entry in each of the table's indexes, at half the cost.
        self.env.cr.execute("ALTER TABLE housing_application SET (fillfactor = 50)")

    @api.model_create_multi
    def create(self, vals_list):
        """Staff adding an application in the listing form go through the same checks as
        the portal and the API."""
        if self.env.context.get("housing_letting_apply"):
            return super().create(vals_list)
        # Staff only: tenants and integrations apply through listing.apply().
        self.check_access("create")
        applications = self.browse()
        Listing = self.env["housing.listing"]
        for vals in vals_list:
            listing = Listing.browse(vals["listing_id"])
            partner = self.env["res.partner"].browse(vals["partner_id"])
            application_type = (
                vals.get("application_type") or listing._rules()._default_application_type
            )
            applications |= listing.apply(partner, application_type)
        return applications

    @api.model
    def _create_unique(self, vals):
        """Create the application of ``vals``; when the same contact's application for the
        same listing was committed a moment ago by a concurrent request (invisible to this
        transaction's snapshot, so the listing lock cannot tell), refuse with the ordinary
        "already applied" instead of a database error."""
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                return self.create(vals)
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != self._partner_listing_unique.full_name(self):
                raise
            listing = self.env["housing.listing"].browse(vals["listing_id"])
            raise listing._refusal(letting.ALREADY_APPLIED) from None

    @api.model
    def _store_ranking(self, rows):
        """Store (id, priority, reason, queue start, rank) of many applications in one
        statement (the listing's _rank passes only the applications whose place
        changed)."""
        if not rows:
            return
        ids, priorities, reasons, starts, ranks = zip(*rows, strict=True)
        self.flush_model(["priority", "priority_reason", "queue_start_date", "rank"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE housing_application AS app
                   SET priority = new.priority, priority_reason = new.reason,
                       queue_start_date = new.start, rank = new.rank
                  FROM unnest(%s, %s, %s, %s, %s) AS new(id, priority, reason, start, rank)
                 WHERE app.id = new.id
                """,
                letting.sql_array(ids),
                letting.sql_array(priorities, "varchar"),
                letting.sql_array(reasons, "varchar"),
                letting.sql_array(starts, "date"),
                letting.sql_array(ranks),
            )
        )
        self.browse(ids).invalidate_recordset(
            ["priority", "priority_reason", "queue_start_date", "rank"]
        )

    def _queue_result_mails(self):
        """Tell these applications' contacts (their result e-mail pending, see
        _set_state) that their listing was let to another applicant, with their policy's
        result e-mail: the first RESULT_MAIL_BATCH at once, the others by the result
        e-mail run (_cron_send_result_mails, started at once), one batch per transaction.
        Letting a listing of 50,000 applicants takes seconds instead of rendering 50,000
        e-mails while the new tenant waits."""
        self[:RESULT_MAIL_BATCH]._send_result_mails()
        if len(self) > RESULT_MAIL_BATCH:
            self.env.ref("housing_letting.ir_cron_letting_result_mails")._trigger()

    def _send_result_mails(self):
        """Queue the pending result e-mails of these applications (their policy's)."""
        pending = self.filtered("result_mail_pending")
        for policy, applications in pending.grouped(lambda app: app.listing_id._policy()).items():
            policy._send("result_template_id", applications)
        self.env.cr.execute(
            SQL(
                "UPDATE housing_application SET result_mail_pending = FALSE WHERE id = ANY(%s)",
                list(pending.ids),
            )
        )
        pending.invalidate_recordset(["result_mail_pending"])

    @api.model
    def _cron_send_result_mails(self):
        """Queue the result e-mails still pending, RESULT_MAIL_BATCH at a time: each
        batch is committed on its own when run by the scheduler (the rest waits for the
        next run if time is up); called otherwise (tests), everything in one go."""
        Application = self.sudo()
        domain = [("result_mail_pending", "=", True)]
        scheduled = self.env.context.get("cron_id")
        if scheduled:
            self.env["ir.cron"]._commit_progress(remaining=Application.search_count(domain))
        while batch := Application.search(domain, limit=RESULT_MAIL_BATCH, order="id"):
            batch._send_result_mails()
            if scheduled and not self.env["ir.cron"]._commit_progress(len(batch)):
                break

    def _set_state(self, state, result_mail=False):
        """Move many applications to ``state`` in one statement (the ORM would update them
        in batches of a few hundred rows; nothing depends on the state of an
        application); ``result_mail``: their result e-mail is to be sent (in the same
        statement: see _queue_result_mails)."""
        if not self:
            return
        self.flush_recordset(["state", "result_mail_pending"])
        self.env.cr.execute(
            SQL(
                "UPDATE housing_application SET state = %s, write_date = %s, write_uid = %s, "
                "result_mail_pending = result_mail_pending OR %s WHERE id = ANY(%s)",
                state,
                fields.Datetime.now(),
                self.env.uid,
                result_mail,
                list(self.ids),
            )
        )
        self.invalidate_recordset(["state", "write_date", "write_uid", "result_mail_pending"])

    def _check_acting_for(self, partner):
        """Staff, integrations and superuser act for anybody; others only for themselves."""
        user = self.env.user
        if self.env.su or user.has_group("housing_base.group_housing_user"):
            return
        if user.has_group("housing_base.group_housing_integration"):
            return
        if partner.commercial_partner_id != user.partner_id.commercial_partner_id:
            raise AccessError(self.env._("You can only act on your own applications."))

    def action_withdraw(self, by_applicant=None):
        """Withdraw the applications. They count as withdrawn by the applicant when the
        acting user is the applicant (or ``by_applicant`` says so: an integration acting
        for the tenant), otherwise by staff. An application with an active offer withdraws
        that offer, which starts the next round."""
        self.check_access("read")
        for application in self:
            application._check_acting_for(application.partner_id)
        me = self.env.user.partner_id.commercial_partner_id
        applications = self.sudo()
        applications.listing_id._lock()
        closed = applications.filtered(lambda app: app.state not in ("active", "offered"))
        if closed:
            raise closed.listing_id[:1]._refusal(letting.APPLICATION_CLOSED)
        offers = applications.offer_ids.filtered(lambda offer: offer.state == "active")
        own = applications.filtered(
            lambda app: by_applicant or app.partner_id.commercial_partner_id == me
        )
        if by_applicant is False:
            own = applications.browse()
        own.write({"state": "withdrawn_user"})
        (applications - own).write({"state": "withdrawn_manager"})
        if offers:
            offers.write({"state": "withdrawn", "answered_at": fields.Datetime.now()})
            offers.listing_id.write({"state": "ready"})
            offers.listing_id._start_offer_rounds()
        invitations = self.env["housing.viewing.invitation"].search(
            [("application_id", "in", applications.ids), ("state", "=", "pending")]
        )
        if invitations:
            # A round whose last pending invitation is withdrawn closes: offer now.
            invitations._withdraw()
            invitations.listing_id._start_offer_rounds(locked=True)
        return True
