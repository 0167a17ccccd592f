from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import format_amount, format_date

from odoo.addons.housing_base.tools.dates import stockholm_today
from odoo.addons.housing_letting.tools import letting
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .housing_portal import pop_flash, redirect_with_flash

QUEUES_URL = "/my/queues"
LISTINGS_PER_PAGE = 20


class HousingPortalLetting(CustomerPortal):
    """The tenant's and applicant's side of the letting engine: their queue places
    (/my/queues) and, for each installed category without a page of its own (homes,
    storage), the published listings with their own place, applying and withdrawing,
    invitations to viewings and offers. Everything runs as the portal user: record rules
    show them their own queue data and the published listings, and the engine's methods
    check that they act for themselves and whether they may."""

    # ------------------------------------------------------------------ shared
    def _housing_letting_record(self, model, record_id, category=None):
        """The user's own record (record rules) of ``model``, of ``category`` when given,
        or 404."""
        record = request.env[model].browse(record_id)
        try:
            record.check_access("read")
            record.ensure_one()
        except (AccessError, MissingError):
            raise NotFound() from None
        if category and record.category != category:
            raise NotFound()
        return record

    def _housing_letting_act(self, url, error_key, action, success):
        """Run ``action`` in a savepoint and go back to ``url``: a refusal leaves nothing
        behind and is shown next to the form it came from."""
        try:
            with request.env.cr.savepoint():
                result = action()
        except UserError as exc:
            return redirect_with_flash(url, errors={error_key: exc.args[0]})
        return redirect_with_flash(url, message=success(result))

    @staticmethod
    def _housing_category_rules(category):
        """The rules of ``category``, or 404 when its module is not installed."""
        rules = request.env.get(f"housing.letting.rules.{category}")
        if rules is None:
            raise NotFound()
        return rules

    # ------------------------------------------------------------------ queues
    @http.route(QUEUES_URL, type="http", auth="user", website=True)
    def housing_queues(self, **kw):
        flash = pop_flash(QUEUES_URL)
        Membership = request.env["housing.queue.membership"]
        return request.render(
            "housing_portal.portal_my_queues",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "housing_queues",
                "memberships": Membership.search([]),
                "join_options": Membership._join_options(request.env.user.partner_id),
                "queue_names": dict(
                    Membership._fields["queue_type"]._description_selection(request.env)
                ),
                "errors": flash["errors"],
                "message": flash["message"],
            },
        )

    @http.route(
        f"{QUEUES_URL}/<int:membership_id>/confirm",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def housing_queue_confirm(self, membership_id, **kw):
        membership = self._housing_letting_record("housing.queue.membership", membership_id)
        return self._housing_letting_act(
            QUEUES_URL,
            f"membership_{membership.id}",
            membership.action_confirm_place,
            lambda result: (
                request.env._(
                    "Your place in the %(queue)s queue is confirmed until %(date)s.",
                    queue=membership.queue_name,
                    date=format_date(request.env, membership.expires_at),
                )
                if membership.expires_at
                else request.env._(
                    "Your place in the %(queue)s queue is confirmed.", queue=membership.queue_name
                )
            ),
        )

    @http.route(
        f"{QUEUES_URL}/<string:queue_type>/join",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def housing_queue_join(self, queue_type, **kw):
        Membership = request.env["housing.queue.membership"]
        if queue_type not in Membership._joinable_queues():
            raise NotFound()
        return self._housing_letting_act(
            QUEUES_URL,
            "join",
            lambda: Membership.join_queue(request.env.user.partner_id, queue_type),
            lambda membership: request.env._(
                "You are now in the %(queue)s queue: your queue points count from today.",
                queue=membership.queue_name,
            ),
        )

    # ------------------------------------------------------------------ listings
    def _housing_category_values(self, category, page=1, area=None, rooms=None, max_rent=None):
        env = request.env
        rules = self._housing_category_rules(category)
        url = f"/my/{category}"
        flash = pop_flash(url)
        partner = env.user.partner_id
        domain = [("category", "=", category)]
        Listing = env["housing.listing"]
        applications = env["housing.application"].search(domain, order="id desc")
        open_applications = applications.filtered(lambda app: app.state in ("active", "offered"))
        offers = env["housing.offer"].search([*domain, ("state", "=", "active")])
        invitations = env["housing.viewing.invitation"].search([*domain, ("state", "=", "pending")])
        listing_domain, filters, filter_errors = Listing._portal_filter_domain(
            category, area=area, rooms=rooms, max_rent=max_rent
        )
        listing_domain &= Domain("id", "not in", open_applications.listing_id.ids)
        pager = portal_pager(
            url=url,
            url_args=filters,
            total=Listing.search_count(listing_domain),
            page=page,
            step=LISTINGS_PER_PAGE,
        )
        shown = Listing.search(listing_domain, limit=LISTINGS_PER_PAGE, offset=pager["offset"])
        counted = shown | open_applications.listing_id
        areas, room_codes = Listing._portal_filter_options(category)
        errors = flash["errors"]
        in_place = (
            {f"offer_{offer.id}" for offer in offers}
            | {f"invitation_{invitation.id}" for invitation in invitations}
            | {f"application_{app.id}" for app in open_applications}
            | {f"listing_{listing.id}" for listing in shown}
        )
        # The searches run as the user (record rules); sudo only reads the register data
        # of what they found (rental objects, properties) for display.
        return {
            **self._prepare_portal_layout_values(),
            "page_name": "housing_category",
            "category": category,
            "category_url": url,
            "category_name": self._housing_category_name(category),
            "applications": applications.sudo(),
            "offers": offers.sudo(),
            "invitations": invitations.sudo(),
            "listings": shown.sudo(),
            "listing_pager": pager,
            "filters": filters,
            "filter_errors": filter_errors,
            "areas": areas,
            "room_codes": room_codes,
            "applicant_counts": counted._portal_applicant_counts(),
            "eligibility": {
                listing.id: verdicts[False]
                for listing, verdicts in shown._get_eligibility(partner).items()
            },
            "reasons": rules._refusal_messages(),
            "contact_reasons": (letting.NOT_IDENTIFIED,),
            "customer_service": env.company.sudo().partner_id,
            "errors": errors,
            "general_errors": [error for key, error in errors.items() if key not in in_place],
            "message": flash["message"],
        }

    @http.route(
        [
            "/my/<any(housing,storage):category>",
            "/my/<any(housing,storage):category>/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def housing_category(self, category, page=1, area=None, rooms=None, max_rent=None, **kw):
        """The queue's page; the listings to apply for are filtered by the GET parameters
        area (a residential area's id), rooms (a room type) and max_rent (kronor)."""
        return request.render(
            "housing_portal.portal_my_letting_category",
            self._housing_category_values(
                category, page=page, area=area, rooms=rooms, max_rent=max_rent
            ),
        )

    @http.route(
        "/my/<any(housing,storage):category>/listings/<int:listing_id>",
        type="http",
        auth="user",
        website=True,
    )
    def housing_category_listing(self, category, listing_id, **kw):
        """One listing the user may read (published, or one they applied for): what is let,
        the number of applicants, their own place and whether they may apply, and once it
        is let the winner's queue start date and points."""
        rules = self._housing_category_rules(category)
        listing = self._housing_letting_record("housing.listing", listing_id, category)
        env = request.env
        application = env["housing.application"].search(
            [("listing_id", "=", listing.id)], order="id desc", limit=1
        )
        running = application.state in ("active", "offered")
        verdict = (
            listing._get_eligibility(env.user.partner_id)[listing][False]
            if listing.state == "published" and not running
            else None
        )
        return request.render(
            "housing_portal.portal_my_letting_listing",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "housing_category_listing",
                "category": category,
                "category_url": f"/my/{category}",
                "category_name": self._housing_category_name(category),
                "listing": listing.sudo(),
                "application": application.sudo(),
                "running": running,
                "applicant_count": listing._portal_applicant_counts().get(listing.id, 0),
                "verdict": verdict,
                "reasons": rules._refusal_messages(),
                "contact_reasons": (letting.NOT_IDENTIFIED,),
                "customer_service": env.company.sudo().partner_id,
                "result": listing._portal_letting_result(),
                "errors": {},
            },
        )

    @staticmethod
    def _housing_category_name(category):
        return {
            "housing": request.env._("Housing queue"),
            "storage": request.env._("Storage queue"),
        }[category]

    @http.route(
        "/my/<any(housing,storage):category>/listings/<int:listing_id>/apply",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def housing_category_apply(self, category, listing_id, **kw):
        self._housing_category_rules(category)
        listing = self._housing_letting_record("housing.listing", listing_id, category)
        partner = request.env.user.partner_id
        return self._housing_letting_act(
            f"/my/{category}",
            f"listing_{listing.id}",
            lambda: listing.apply(partner),
            lambda application: request.env._(
                "You have applied for %(listing)s.", listing=listing.sudo().display_name
            ),
        )

    @http.route(
        "/my/<any(housing,storage):category>/applications/<int:application_id>/withdraw",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def housing_category_withdraw(self, category, application_id, **kw):
        self._housing_category_rules(category)
        application = self._housing_letting_record("housing.application", application_id, category)
        return self._housing_letting_act(
            f"/my/{category}",
            f"application_{application.id}",
            application.action_withdraw,
            lambda result: request.env._("Your application has been withdrawn."),
        )

    @http.route(
        "/my/<any(parking,housing,storage):category>/invitations/<int:invitation_id>"
        "/<any(interested,not_interested):answer>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def housing_category_invitation(self, category, invitation_id, answer, **kw):
        """Answer an invitation to a viewing (every category: parking's page lists them
        too)."""
        self._housing_category_rules(category)
        invitation = self._housing_letting_record(
            "housing.viewing.invitation", invitation_id, category
        )
        env = request.env
        return self._housing_letting_act(
            f"/my/{category}",
            f"invitation_{invitation.id}",
            invitation.action_interested
            if answer == "interested"
            else invitation.action_not_interested,
            lambda result: (
                env._(
                    "Thank you: you are interested. Offers are made in queue order among those "
                    "interested when the answers are in."
                )
                if answer == "interested"
                else env._("Thank you for your answer: you are not interested.")
            ),
        )

    @http.route(
        "/my/<any(housing,storage):category>/offers/<int:offer_id>/<any(accept,decline):answer>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def housing_category_answer(self, category, offer_id, answer, **kw):
        """Answer an offer: the buttons lead to a summary of what the answer does (GET),
        which the applicant confirms (POST)."""
        self._housing_category_rules(category)
        offer = self._housing_letting_record("housing.offer", offer_id, category)
        return self._housing_offer_answer(offer, answer, f"/my/{category}")

    def _housing_offer_answer(self, offer, answer, url):
        """The confirmation page of answering ``offer`` (GET) or the answer (POST), for
        every category; ``url`` is the page of the offer's queue."""
        env = request.env
        key = f"offer_{offer.id}"
        if request.httprequest.method == "GET":
            if offer.state != "active":
                return redirect_with_flash(
                    url,
                    errors={
                        key: offer.sudo()
                        .listing_id._rules()
                        ._refusal_messages()[letting.OFFER_NOT_ACTIVE]
                    },
                )
            summary = offer._get_portal_answer_summary(stockholm_today())
            return request.render(
                "housing_portal.portal_my_parking_offer_confirm",
                {
                    **self._prepare_portal_layout_values(),
                    "page_name": "housing_parking_offer"
                    if offer.category == "parking"
                    else "housing_category_offer",
                    "answer": answer,
                    "back_url": url,
                    **summary,
                    "consequences": self._housing_offer_consequences(answer, summary),
                },
            )
        if answer == "accept":
            return self._housing_letting_act(
                url,
                key,
                offer.action_accept,
                lambda lease: (
                    env._(
                        "Thank you! Your parking lease %(lease)s starts on %(date)s. "
                        "We have sent you a confirmation by e-mail.",
                        lease=lease.name,
                        date=format_date(env, lease.date_start),
                    )
                    if offer.category == "parking"
                    else env._(
                        "Thank you! Your lease %(lease)s starts on %(date)s. "
                        "We have sent you a confirmation by e-mail.",
                        lease=lease.name,
                        date=format_date(env, lease.date_start),
                    )
                ),
            )
        return self._housing_letting_act(
            url,
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
        parking = listing.category == "parking"
        if answer == "decline":
            return [
                env._(
                    "The parking space is offered to the next in the queue; you cannot change "
                    "your answer."
                )
                if parking
                else env._(
                    "It is offered to the next in the queue; you cannot change your answer."
                ),
                env._(
                    "You keep your place in the queue and your %(points)s queue points.",
                    points=points,
                )
                if points is not None
                else env._("You keep your place in the queue."),
            ]
        date = format_date(env, summary["lease_start"])
        rent = format_amount(env, listing.base_rent, listing.currency_id)
        consequences = [
            env._(
                "You get a lease for the parking space from %(date)s at %(rent)s per month. "
                "The lease is binding.",
                date=date,
                rent=rent,
            )
            if parking
            else env._(
                "You get a lease from %(date)s at %(rent)s per month. The lease is binding.",
                date=date,
                rent=rent,
            )
        ]
        if points is not None:
            consequences.append(
                env._(
                    "Your time in the parking queue starts again today: your %(points)s queue "
                    "points go back to 0.",
                    points=points,
                )
                if parking
                else env._(
                    "Your time in the queue starts again today: your %(points)s queue points "
                    "go back to 0.",
                    points=points,
                )
            )
        consequences += [
            env._("Your offer of parking space %(space)s is declined.", space=other.listing_id.name)
            if other.category == "parking"
            else env._("Your offer of %(listing)s is declined.", listing=other.listing_id.name)
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
