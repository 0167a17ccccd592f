from datetime import datetime, time, timedelta

from odoo import api, fields, models

from odoo.addons.housing_letting.models.housing_listing import OPEN_STATES, RANKED_STATES

# The queue's figures of letting (days to let, declined and expired offers) cover a year.
PERIOD_DAYS = 365


class HousingOverview(models.TransientModel):
    _inherit = "housing.overview"

    open_listing_count = fields.Integer(string="Open listings", compute="_compute_queue")
    applicant_count = fields.Integer(string="Applicants on open listings", compute="_compute_queue")
    applicants_per_listing = fields.Float(
        string="Applicants per listing", digits=(16, 1), compute="_compute_queue"
    )
    let_count = fields.Integer(string="Parking spaces let", compute="_compute_queue")
    days_to_let = fields.Float(
        string="Days to let",
        digits=(16, 1),
        compute="_compute_queue",
        help="Average days from publication to the signed parking lease, over the last year.",
    )
    declined_offer_count = fields.Integer(string="Offers declined", compute="_compute_queue")
    expired_offer_count = fields.Integer(string="Offers expired", compute="_compute_queue")

    @api.model
    def _figures(self):
        figures = super()._figures()
        since_day = self._today() - timedelta(days=PERIOD_DAYS)
        since = datetime.combine(since_day, time.min)
        offer_views = ["list", "form", "pivot", "graph"]
        figures.update(
            open_listing={
                "model": "housing.listing",
                "domain": [("state", "in", OPEN_STATES)],
                "name": self.env._("Open parking listings"),
                "views": ["list", "form", "pivot", "graph"],
            },
            applicant={
                "model": "housing.application",
                "domain": [
                    ("listing_id.state", "in", OPEN_STATES),
                    ("state", "in", RANKED_STATES),
                ],
                "name": self.env._("Applicants per open listing"),
                "views": ["pivot", "graph", "list", "form"],
                "context": {"pivot_row_groupby": ["listing_id"]},
            },
            let={
                "model": "housing.listing",
                "domain": [
                    ("state", "=", "assigned"),
                    ("lease_id.contract_date", ">=", since_day),
                ],
                "name": self.env._("Parking spaces let in the last year"),
                "views": ["list", "form", "pivot"],
            },
            declined_offer={
                "model": "housing.offer",
                "domain": [("state", "=", "declined"), ("answered_at", ">=", since)],
                "name": self.env._("Offers declined in the last year"),
                "views": offer_views,
            },
            expired_offer={
                "model": "housing.offer",
                "domain": [("state", "=", "expired"), ("deadline", ">=", since)],
                "name": self.env._("Offers expired in the last year"),
                "views": offer_views,
            },
        )
        return figures

    def _compute_queue(self):
        for overview in self:
            listings = overview._figure_count("open_listing")
            applicants = overview._figure_count("applicant")
            let = overview._figure_records("let")
            days = [
                (listing.lease_id.contract_date - listing.date_from).days
                for listing in let.sudo()
                if listing.lease_id.contract_date
            ]
            overview.open_listing_count = listings
            overview.applicant_count = applicants
            overview.applicants_per_listing = applicants / listings if listings else 0
            overview.let_count = len(let)
            overview.days_to_let = sum(days) / len(days) if days else 0
            overview.declined_offer_count = overview._figure_count("declined_offer")
            overview.expired_offer_count = overview._figure_count("expired_offer")
