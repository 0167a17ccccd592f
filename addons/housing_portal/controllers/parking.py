from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import format_amount, format_date

from odoo.addons.housing_base.tools.dates import stockholm_today
from odoo.addons.housing_parking_queue.tools import rules
from odoo.addons.portal.controllers.portal import CustomerPortal

from .housing_portal import pop_flash, redirect_with_flash

PARKING_URL = "/my/parking"


class HousingPortalParking(CustomerPortal):
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
        shown = listings - applied
        # Errors of forms that are on the page are shown beside them, the others on top.
        in_place = {f"offer_{offer.id}" for offer in offers}
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
            "offers": offers.sudo(),
            "listings": shown.sudo(),
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
        record = request.env[model].browse(record_id)
        try:
            record.check_access("read")
            record.ensure_one()
        except (AccessError, MissingError):
            raise NotFound() from None
        if record.category != "parking":
            raise NotFound()
        return record

    def _housing_parking_act(self, error_key, action, success):
        """Run ``action`` in a savepoint and go back to the parking page: a refusal leaves
        nothing behind and is shown next to the form it came from."""
        try:
            with request.env.cr.savepoint():
                result = action()
        except UserError as exc:
            return redirect_with_flash(PARKING_URL, errors={error_key: exc.args[0]})
        return redirect_with_flash(PARKING_URL, message=success(result))

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
        env = request.env
        key = f"offer_{offer.id}"
        if request.httprequest.method == "GET":
            if offer.state != "active":
                return redirect_with_flash(
                    PARKING_URL,
                    errors={
                        key: env["housing.letting.rules.parking"]._refusal_messages()[
                            rules.OFFER_NOT_ACTIVE
                        ]
                    },
                )
            summary = offer._get_portal_answer_summary(stockholm_today())
            return request.render(
                "housing_portal.portal_my_parking_offer_confirm",
                {
                    **self._prepare_portal_layout_values(),
                    "page_name": "housing_parking_offer",
                    "answer": answer,
                    **summary,
                    "consequences": self._housing_offer_consequences(answer, summary),
                },
            )
        if answer == "accept":
            return self._housing_parking_act(
                key,
                offer.action_accept,
                lambda lease: env._(
                    "Thank you! Your parking lease %(lease)s starts on %(date)s. "
                    "We have sent you a confirmation by e-mail.",
                    lease=lease.name,
                    date=format_date(env, lease.date_start),
                ),
            )
        return self._housing_parking_act(
            key,
            offer.action_decline,
            lambda result: env._(
                "You have declined the offer. We have sent you a confirmation by e-mail."
            ),
        )

    def _housing_offer_consequences(self, answer, summary):
        """What accepting or declining does, as whole sentences for the translators."""
        env = request.env
        listing = summary["listing"]
        points = summary["queue_points"]
        if answer == "decline":
            return [
                env._(
                    "The parking space is offered to the next in the queue; you cannot change "
                    "your answer."
                ),
                env._(
                    "You keep your place in the queue and your %(points)s queue points.",
                    points=points,
                )
                if points is not None
                else env._("You keep your place in the queue."),
            ]
        consequences = [
            env._(
                "You get a lease for the parking space from %(date)s at %(rent)s per month. "
                "The lease is binding.",
                date=format_date(env, summary["lease_start"]),
                rent=format_amount(env, listing.base_rent, listing.currency_id),
            )
        ]
        if points is not None:
            consequences.append(
                env._(
                    "Your time in the parking queue starts again today: your %(points)s queue "
                    "points go back to 0.",
                    points=points,
                )
            )
        consequences += [
            env._("Your offer of parking space %(space)s is declined.", space=other.listing_id.name)
            for other in summary["other_offers"]
        ]
        if summary["replace"]:
            consequences.append(
                env._(
                    "You applied to replace a parking space: give notice on the one you rent "
                    "now on its lease page."
                )
            )
        return consequences
