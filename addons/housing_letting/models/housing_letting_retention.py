from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.dates import stockholm_today
from .housing_letting_policy import LISTING_CATEGORIES
from .housing_letting_rules import RULES_MODEL

ENDED_STATES = ("assigned", "closed")


class HousingLettingRetention(models.Model):
    """One run of the retention job (gallring): applicant data no longer needed is
    anonymised the policy's retention months after a listing was assigned or closed.
    The runs are kept as the record that the retention schedule (dokumenthanteringsplan)
    is followed; leases are never touched."""

    _name = "housing.letting.retention"
    _description = "Letting data retention run"
    _order = "run_at desc, id desc"
    _rec_name = "run_at"

    run_at = fields.Datetime(string="Run at", required=True, readonly=True)
    line_ids = fields.One2many(
        "housing.letting.retention.line", "retention_id", string="Per queue", readonly=True
    )
    anonymised_count = fields.Integer(
        compute="_compute_anonymised_count", string="Records anonymised", store=True
    )

    @api.depends(
        "line_ids.application_count",
        "line_ids.offer_count",
        "line_ids.membership_count",
        "line_ids.other_count",
    )
    def _compute_anonymised_count(self):
        for run in self:
            run.anonymised_count = sum(
                line.application_count + line.offer_count + line.membership_count + line.other_count
                for line in run.line_ids
            )

    @api.model
    def _cron_run(self):
        return self._run()

    @api.model
    def _run(self, today=None):
        """Anonymise what every policy's retention months allow on ``today`` (the
        company's day), delete the queue places removed longer ago, and log the run with
        its counts per queue."""
        today = today or stockholm_today()
        counts = defaultdict(lambda: defaultdict(int))
        policies = self.env["housing.letting.policy"].sudo().search([("retention_months", ">", 0)])
        for policy in policies:
            cutoff = today - relativedelta(months=policy.retention_months)
            listings = (
                self.env["housing.listing"]
                .sudo()
                .search(
                    [
                        ("category", "=", policy.category),
                        ("rule", "=", policy.rule),
                        ("state", "in", ENDED_STATES),
                        ("ended_on", "<", cutoff),
                        ("applicants_anonymised", "=", False),
                    ]
                )
            )
            found = listings._anonymise_applicants()
            category = counts[policy.category]
            category["listing_count"] += len(listings)
            for key, value in found.items():
                category[key] += value
            category["membership_count"] += self.env["housing.queue.membership"]._delete_removed(
                policy._queue_types(), cutoff
            )
            rules = self.env.get(RULES_MODEL % policy.category)
            if rules is not None:
                category["other_count"] += rules.sudo()._anonymise_expired(policy, cutoff, today)
        return self.sudo().create(
            {
                "run_at": fields.Datetime.now(),
                "line_ids": [
                    fields.Command.create({"category": category, **values})
                    for category, values in sorted(counts.items())
                ],
            }
        )


class HousingLettingRetentionLine(models.Model):
    _name = "housing.letting.retention.line"
    _description = "Letting data retention per queue"
    _order = "retention_id desc, category"

    retention_id = fields.Many2one(
        "housing.letting.retention", string="Run", required=True, index=True, ondelete="cascade"
    )
    category = fields.Selection(LISTING_CATEGORIES, required=True, string="Queue")
    listing_count = fields.Integer(string="Listings")
    application_count = fields.Integer(string="Applications")
    offer_count = fields.Integer(string="Offers and invitations")
    membership_count = fields.Integer(
        string="Removed queue places",
        help="Queue places removed (by staff, by refusals or after lapsing) longer ago than "
        "the months to keep applicant data, deleted with their refusals and messages.",
    )
    other_count = fields.Integer(
        string="Other records",
        help="Records the queue's own module anonymises (homes: application profiles and "
        "rejected references).",
    )


class HousingListing(models.Model):
    _inherit = "housing.listing"

    ended_on = fields.Date(
        string="Ended on",
        compute="_compute_ended_on",
        store=True,
        copy=False,
        help="The day the listing was assigned or closed: its applicants' data is "
        "anonymised the letting policy's retention months later.",
    )
    applicants_anonymised = fields.Boolean(
        string="Applicants anonymised", readonly=True, copy=False
    )

    @api.depends("state")
    def _compute_ended_on(self):
        today = stockholm_today()
        for listing in self:
            if listing.state not in ENDED_STATES:
                listing.ended_on = False
            elif not listing.ended_on:
                listing.ended_on = today

    def _anonymise_applicants(self):
        """Remove the applicants from these ended listings: their applications and offers
        keep rank, priority, reason and queue date without the contact; the allocation
        audit's lines (the rankings of offers and viewings) keep rank, points and reason
        without the person (housing.allocation.line._anonymise); the invitations to
        viewings, the e-mails and the messages to and about the applicants go.
        Set-based: a constant number of queries whatever the number of applicants.
        Returns the counts."""
        if not self:
            return {"application_count": 0, "offer_count": 0}
        cr = self.env.cr
        now = fields.Datetime.now()
        self.env.flush_all()
        ids = list(self.ids)
        cr.execute(
            SQL(
                "SELECT id FROM housing_application WHERE listing_id = ANY(%s)"
                " AND anonymised_at IS NULL",
                ids,
            )
        )
        application_ids = [row[0] for row in cr.fetchall()]
        cr.execute(
            SQL(
                "SELECT id FROM housing_offer WHERE listing_id = ANY(%s) AND anonymised_at IS NULL",
                ids,
            )
        )
        offer_ids = [row[0] for row in cr.fetchall()]
        invitations = self.env["housing.viewing.invitation"].search([("listing_id", "in", ids)])
        # The e-mails sent to the applicants and the messages on their applications,
        # offers and invitations name them; the listing's own messages say who applied
        # and who got it.
        messages = self.env["mail.message"].search(
            Domain.OR(
                [("model", "=", model), ("res_id", "in", record_ids)]
                for model, record_ids in (
                    ("housing.offer", offer_ids),
                    ("housing.application", application_ids),
                    ("housing.viewing.invitation", invitations.ids),
                )
            )
        )
        # Deleting an e-mail deletes its message too (mail.mail inherits mail.message).
        self.env["mail.mail"].search([("mail_message_id", "in", messages.ids)]).unlink()
        messages.exists().unlink()
        self.env["mail.message"].search(
            [
                ("model", "=", "housing.listing"),
                ("res_id", "in", ids),
                ("message_type", "=", "notification"),
            ]
        ).write(
            {
                "body": Markup("<p>%s</p>")
                % self.env._("Applicant details removed after the retention period."),
                "partner_ids": [fields.Command.clear()],
            }
        )
        self.env["mail.followers"].search(
            [("res_model", "=", "housing.offer"), ("res_id", "in", offer_ids)]
        ).unlink()
        invitations.unlink()
        self.env["housing.allocation.line"].search(
            [("round_id.listing_id", "in", ids), ("anonymised", "=", False)]
        )._anonymise()
        for table, record_ids in (
            ("housing_application", application_ids),
            ("housing_offer", offer_ids),
        ):
            cr.execute(
                SQL(
                    "UPDATE %s SET partner_id = NULL, anonymised_at = %s WHERE id = ANY(%s)",
                    SQL.identifier(table),
                    now,
                    record_ids,
                )
            )
        cr.execute(
            SQL(
                "UPDATE housing_listing SET applicants_anonymised = TRUE WHERE id = ANY(%s)",
                ids,
            )
        )
        self.env.invalidate_all()
        return {
            "application_count": len(application_ids),
            "offer_count": len(offer_ids) + len(invitations),
        }
