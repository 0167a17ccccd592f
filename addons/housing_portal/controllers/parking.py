from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.housing_parking_queue.tools.rules import APPLICATION_TYPES
from odoo.addons.portal.controllers.portal import CustomerPortal

PARKING_URL = "/my/parking"


class HousingPortalParking(CustomerPortal):
    """The tenant's parking queue: queue time, applications, offers and the listings they
    may apply for. Everything runs as the portal user: record rules show them their own
    queue data and the published listings, and the queue's methods check that they act
    for themselves."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "housing_parking_count" in counters:
            values["housing_parking_count"] = request.env[
                "housing.parking.application"
            ].search_count([("state", "in", ("active", "offered"))])
        return values

    def _housing_parking_values(self, errors=None, message=None):
        env = request.env
        partner = env.user.partner_id
        listings = env["housing.parking.listing"].search([("state", "=", "published")])
        applications = env["housing.parking.application"].search([], order="id desc")
        applied = applications.filtered(lambda app: app.state in ("active", "offered")).listing_id
        eligibility = listings._get_eligibility(partner)
        reasons = dict(
            env["housing.parking.application"]
            ._fields["priority_reason"]
            ._description_selection(env)
        )
        offers = env["housing.parking.offer"].search([("state", "=", "active")])
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
        errors = errors or {}
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
            "message": message,
        }

    def _housing_parking_page(self, errors=None, message=None):
        return request.render(
            "housing_portal.portal_my_parking", self._housing_parking_values(errors, message)
        )

    def _housing_parking_record(self, model, record_id):
        """The user's own record (record rules), or 404."""
        record = request.env[model].browse(record_id)
        try:
            record.check_access("read")
            record.ensure_one()
        except (AccessError, MissingError):
            raise NotFound() from None
        return record

    def _housing_parking_act(self, error_key, action, success):
        """Run ``action`` in a savepoint: a refusal leaves nothing behind and is shown next
        to the form it came from."""
        try:
            with request.env.cr.savepoint():
                result = action()
        except UserError as exc:
            return self._housing_parking_page(errors={error_key: exc.args[0]})
        return self._housing_parking_page(message=success(result))

    @http.route(PARKING_URL, type="http", auth="user", website=True)
    def housing_parking(self, **kw):
        return self._housing_parking_page()

    @http.route(
        f"{PARKING_URL}/listings/<int:listing_id>/apply",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def housing_parking_apply(self, listing_id, application_type=None, **kw):
        listing = self._housing_parking_record("housing.parking.listing", listing_id)
        key = f"listing_{listing.id}"
        if application_type not in APPLICATION_TYPES:
            return self._housing_parking_page(
                errors={key: request.env._("Choose whether you replace a parking space.")}
            )
        partner = request.env.user.partner_id

        def success(application):
            if application.state == "accepted":
                return request.env._(
                    "Parking space %(space)s is yours: lease %(lease)s starts on %(date)s.",
                    space=listing.sudo().name,
                    lease=listing.sudo().lease_id.name,
                    date=listing.sudo().lease_id.date_start,
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
        application = self._housing_parking_record("housing.parking.application", application_id)
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
        methods=["POST"],
    )
    def housing_parking_answer(self, offer_id, answer, **kw):
        offer = self._housing_parking_record("housing.parking.offer", offer_id)
        if answer == "accept":
            return self._housing_parking_act(
                f"offer_{offer.id}",
                offer.action_accept,
                lambda lease: request.env._(
                    "Thank you! Your parking lease %(lease)s starts on %(date)s.",
                    lease=lease.name,
                    date=lease.date_start,
                ),
            )
        return self._housing_parking_act(
            f"offer_{offer.id}",
            offer.action_decline,
            lambda result: request.env._("You have declined the offer."),
        )
