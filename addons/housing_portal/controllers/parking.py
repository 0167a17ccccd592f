from odoo import http
from odoo.http import request
from odoo.tools import format_date

from odoo.addons.housing_parking_queue.tools import rules

from .housing_portal import pop_flash, redirect_with_flash
from .letting import HousingPortalLetting

PARKING_URL = "/my/parking"


class HousingPortalParking(HousingPortalLetting):
    """The tenant's parking queue: queue time, applications, offers and the listings they
    may apply for. Everything runs as the portal user: record rules show them their own
    queue data and the published listings, and the queue's methods check that they act
    for themselves."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "housing_parking_count" in counters:
            values["housing_parking_count"] = request.env["housing.application"].search_count(
                [("category", "=", "parking"), ("state", "in", ("active", "offered"))]
            )
        if "housing_offer_count" in counters:
            values["housing_offer_count"] = request.env["housing.offer"].search_count(
                [("category", "=", "parking"), ("state", "=", "active")]
            )
        return values

    def _housing_parking_values(self):
        env = request.env
        flash = pop_flash(PARKING_URL)
        partner = env.user.partner_id
        parking = [("category", "=", "parking")]
        listings = env["housing.listing"].search([*parking, ("state", "=", "published")])
        applications = env["housing.application"].search(parking, order="id desc")
        applied = applications.filtered(lambda app: app.state in ("active", "offered")).listing_id
        eligibility = listings._get_eligibility(partner)
        # A refused applicant reads why in the words meant for them.
        reasons = env["housing.letting.rules.parking"]._refusal_messages()
        offers = env["housing.offer"].search([*parking, ("state", "=", "active")])
        invitations = env["housing.viewing.invitation"].search(
            [*parking, ("state", "=", "pending")]
        )
        shown = listings - applied
        # Errors of forms that are on the page are shown beside them, the others on top.
        in_place = {f"offer_{offer.id}" for offer in offers}
        in_place |= {f"invitation_{invitation.id}" for invitation in invitations}
        in_place |= {
            f"application_{app.id}" for app in applications if app.state in ("active", "offered")
        }
        in_place |= {
            f"listing_{listing.id}"
            for listing in shown
            if any(verdict.eligible for verdict in eligibility[listing.sudo()].values())
        }
        errors = flash["errors"]
        # The searches run as the user (record rules); sudo only reads the register data
        # of what they found (parking spaces, properties) for display.
        return {
            **self._prepare_portal_layout_values(),
            "page_name": "housing_parking",
            "membership": env["housing.queue.membership"].search(
                [("queue_type", "=", "parking_internal")], limit=1
            ),
            "applications": applications.sudo(),
            "category_url": PARKING_URL,
            "offers": offers.sudo(),
            "invitations": invitations.sudo(),
            "listings": shown.sudo(),
            "applicant_counts": shown._portal_applicant_counts(),
            "eligibility": {listing.id: verdicts for listing, verdicts in eligibility.items()},
            "reasons": reasons,
            "errors": errors,
            "general_errors": [error for key, error in errors.items() if key not in in_place],
            "message": flash["message"],
            "customer_service": env.company.sudo().partner_id,
            "contact_reasons": (rules.NOT_IDENTIFIED, rules.INCOMPLETE_ADDRESS),
        }

    def _housing_parking_record(self, model, record_id):
        """The user's own record of the parking queue (record rules), or 404."""
        return self._housing_letting_record(model, record_id, "parking")

    def _housing_parking_act(self, error_key, action, success):
        return self._housing_letting_act(PARKING_URL, error_key, action, success)

    @http.route(PARKING_URL, type="http", auth="user", website=True)
    def housing_parking(self, **kw):
        return request.render("housing_portal.portal_my_parking", self._housing_parking_values())

    @http.route(
        f"{PARKING_URL}/listings/<int:listing_id>/apply",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def housing_parking_apply(self, listing_id, application_type=None, **kw):
        listing = self._housing_parking_record("housing.listing", listing_id)
        key = f"listing_{listing.id}"
        if application_type not in rules.APPLICATION_TYPES:
            return redirect_with_flash(
                PARKING_URL,
                errors={key: request.env._("Choose whether you replace a parking space.")},
            )
        partner = request.env.user.partner_id

        def success(application):
            if application.state == "accepted":
                return request.env._(
                    "Parking space %(space)s is yours: lease %(lease)s starts on %(date)s.",
                    space=listing.sudo().name,
                    lease=listing.sudo().lease_id.name,
                    date=format_date(request.env, listing.sudo().lease_id.date_start),
                )
            return request.env._(
                "You have applied for parking space %(space)s.", space=listing.sudo().name
            )

        return self._housing_parking_act(
            key, lambda: listing.apply(partner, application_type), success
        )

    @http.route(
        f"{PARKING_URL}/applications/<int:application_id>/withdraw",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def housing_parking_withdraw(self, application_id, **kw):
        application = self._housing_parking_record("housing.application", application_id)
        return self._housing_parking_act(
            f"application_{application.id}",
            application.action_withdraw,
            lambda result: request.env._("Your application has been withdrawn."),
        )

    @http.route(
        f"{PARKING_URL}/offers/<int:offer_id>/<any(accept,decline):answer>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def housing_parking_answer(self, offer_id, answer, **kw):
        """Answer an offer: the buttons lead to a summary of what the answer does (GET),
        which the tenant confirms (POST)."""
        offer = self._housing_parking_record("housing.offer", offer_id)
        return self._housing_offer_answer(offer, answer, PARKING_URL)
