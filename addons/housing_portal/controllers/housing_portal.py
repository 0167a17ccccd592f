from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import email_normalize, format_date, is_html_empty, plaintext2html

from odoo.addons.housing_base.tools.dates import parse_date, stockholm_today
from odoo.addons.housing_service_request.models.maintenance_request import (
    TENANT_PHOTO_MAX_COUNT,
    TENANT_PHOTO_MAX_SIZE,
    TENANT_PHOTO_TYPES,
)
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

LEASE_URL = "/my/leases"
SERVICE_REQUEST_URL = "/my/service-requests"
FLASH_KEY = "housing_portal_flash"
# Typed text kept for the page after a refused form, at most this long per field (the
# session is no place for whatever a client posts).
FLASH_VALUE_MAX_LENGTH = 20000


def redirect_with_flash(url, message=None, errors=None, values=None):
    """Post/redirect/get: every portal form answers with a redirect to ``url``; what that
    page should show once (the message, the errors by field, the values typed) waits in
    the session for it."""
    request.session[FLASH_KEY] = {
        "url": url.split("?")[0],
        "message": message,
        "errors": errors or {},
        "values": {
            key: value[:FLASH_VALUE_MAX_LENGTH] if isinstance(value, str) else value
            for key, value in (values or {}).items()
        },
    }
    return request.redirect(url)


def pop_flash(url):
    """What redirect_with_flash kept for the page at ``url`` (shown once), or nothing."""
    flash = request.session.pop(FLASH_KEY, None)
    if not flash or flash["url"] != url:
        return {"message": None, "errors": {}, "values": {}}
    return flash


class HousingPortal(CustomerPortal):
    """Tenant pages under /my: contact details, leases, service requests, parking."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "housing_lease_count" in counters:
            # Record rules limit the count to the user's own leases.
            values["housing_lease_count"] = request.env["housing.lease"].search_count(
                [("state", "!=", "draft")]
            )
        if "housing_service_request_count" in counters:
            Request = request.env["maintenance.request"]
            values["housing_service_request_count"] = (
                Request.search_count(Request._tenant_domain(request.env.user.partner_id))
                if Request.has_access("read")
                else 0
            )
        return values

    def _housing_list_page(
        self, template, page_name, records_name, model, domain, order, url, page
    ):
        """Render one pager page of the ``model`` records matching ``domain`` into
        ``template`` as ``records_name``. The search runs as the portal user: record rules
        keep it to their own records; sudo only reads the related data of what was found
        for display."""
        Model = request.env[model]
        pager = portal_pager(
            url=url, total=Model.search_count(domain), page=page, step=self._items_per_page
        )
        records = Model.search(
            domain, order=order, limit=self._items_per_page, offset=pager["offset"]
        ).sudo()
        return request.render(
            template,
            {
                **self._prepare_portal_layout_values(),
                "page_name": page_name,
                records_name: records,
                "pager": pager,
                "default_url": url,
            },
        )

    # ------------------------------------------------------------------ leases
    @http.route([LEASE_URL, f"{LEASE_URL}/page/<int:page>"], type="http", auth="user", website=True)
    def housing_leases(self, page=1, **kw):
        return self._housing_list_page(
            "housing_portal.portal_my_leases",
            "housing_leases",
            "leases",
            "housing.lease",
            [("state", "!=", "draft")],
            order="date_start desc, id desc",
            url=LEASE_URL,
            page=page,
        )

    @http.route(f"{LEASE_URL}/<int:lease_id>", type="http", auth="user", website=True)
    def housing_lease(self, lease_id, report_type=None, download=False, **kw):
        try:
            lease = self._document_check_access("housing.lease", lease_id)
        except (AccessError, MissingError):
            raise NotFound() from None
        if report_type in ("pdf", "html"):
            return self._show_report(
                lease, report_type, "housing_lease.action_report_housing_lease", download=download
            )
        return self._housing_lease_page(lease)

    def _housing_lease_page(self, lease):
        today = stockholm_today()
        flash = pop_flash(lease.access_url)
        notice_earliest = lease._get_portal_notice_earliest(today)
        return request.render(
            "housing_portal.portal_my_lease",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "housing_lease",
                "lease": lease,
                "today": today,
                "notice_earliest": notice_earliest,
                "notice_earliest_text": notice_earliest
                and request.env._(
                    "If you give notice today, the lease ends on %(date)s at the earliest.",
                    date=format_date(request.env, notice_earliest),
                ),
                "notice_rule": notice_earliest and self._housing_notice_rule_text(lease),
                "notice_values": flash["values"],
                "notice_errors": flash["errors"],
                "message": flash["message"],
            },
        )

    def _housing_notice_rule_text(self, lease):
        """The notice rule of the lease's type in words, as one sentence to translate."""
        env = request.env
        rule = lease._notice_rule()
        period = (
            env._("one month")
            if rule.notice_months == 1
            else env._("%(months)s months", months=rule.notice_months)
        )
        if rule.to_month_end:
            return env._(
                "The notice period is %(period)s, counted to the turn of a month "
                "(Jordabalken 12 kap.): the lease ends on the last day of the month the "
                "period ends in.",
                period=period,
            )
        return env._(
            "The notice period is %(period)s from the day you give notice (Jordabalken 12 kap.).",
            period=period,
        )

    def _housing_notice_lease(self, lease_id):
        """The user's own lease on which they may give notice today (sudo), or 404."""
        try:
            # Checks that the lease is the user's own (record rules); returns it in sudo.
            lease = self._document_check_access("housing.lease", lease_id)
        except (AccessError, MissingError):
            raise NotFound() from None
        if not lease._get_portal_notice_earliest(stockholm_today()):
            raise NotFound()
        return lease

    @http.route(
        f"{LEASE_URL}/<int:lease_id>/notice",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def housing_lease_notice(self, lease_id, preferred_move_out_date=None, **kw):
        """The tenant gives notice on their lease from today: the form on the lease page
        leads to a summary to confirm (GET), the confirmation registers it (POST)."""
        lease = self._housing_notice_lease(lease_id)
        env = request.env
        today = stockholm_today()
        values = {"preferred_move_out_date": preferred_move_out_date or ""}
        preferred = None
        if preferred_move_out_date:
            try:
                preferred = parse_date(preferred_move_out_date)
            except ValueError:
                return redirect_with_flash(
                    lease.access_url,
                    errors={"preferred_move_out_date": env._("Enter a date, e.g. 2026-12-31.")},
                    values=values,
                )
        if request.httprequest.method == "GET":
            try:
                termination = lease._get_notice_termination_date(today, preferred)
            except UserError as exc:
                return redirect_with_flash(
                    lease.access_url,
                    errors={"preferred_move_out_date": exc.args[0]},
                    values=values,
                )
            return request.render(
                "housing_portal.portal_my_lease_notice_confirm",
                {
                    **self._prepare_portal_layout_values(),
                    "page_name": "housing_lease",
                    "lease": lease,
                    "today": today,
                    "preferred": preferred,
                    "termination": termination,
                    "notice_earliest": lease._get_portal_notice_earliest(today),
                    "notice_rule": self._housing_notice_rule_text(lease),
                    "values": values,
                },
            )
        try:
            with env.cr.savepoint():
                # The checked lease comes as OdooBot: sudo with the tenant as the user, who
                # gives the notice (its author in the chatter).
                termination = (
                    lease.with_user(env.user)
                    .sudo()
                    .give_notice(today, "tenant", preferred_move_out_date=preferred)
                )
        except UserError as exc:
            return redirect_with_flash(
                lease.access_url, errors={"preferred_move_out_date": exc.args[0]}, values=values
            )
        return redirect_with_flash(
            lease.access_url,
            message=env._(
                "Your notice has been registered: the lease ends on %(date)s. "
                "We have sent you a confirmation by e-mail.",
                date=format_date(env, termination),
            ),
        )

    # ------------------------------------------------------------------ contact details
    # Odoo's own account and address pages would let a tenant rename themselves and type
    # any address; a housing contact's name and address come from staff (the model says
    # whose: res.partner._housing_registered_by_staff), the tenant edits phone and e-mail.
    @http.route()
    def account(self, **kwargs):
        if request.env.user.partner_id._housing_registered_by_staff():
            return request.redirect("/my/contact")
        return super().account(**kwargs)

    @http.route()
    def my_addresses(self, **query_params):
        if request.env.user.partner_id._housing_registered_by_staff():
            return request.redirect("/my/contact")
        return super().my_addresses(**query_params)

    @http.route()
    def portal_address(self, partner_id=None, **query_params):
        if request.env.user.partner_id._housing_registered_by_staff():
            return request.redirect("/my/contact")
        return super().portal_address(partner_id=partner_id, **query_params)

    @http.route()
    def portal_address_submit(self, partner_id=None, **form_data):
        if request.env.user.partner_id._housing_registered_by_staff():
            raise Forbidden()
        return super().portal_address_submit(partner_id=partner_id, **form_data)

    @http.route("/my/contact", type="http", auth="user", website=True, methods=["GET", "POST"])
    def housing_contact(self, **post):
        partner = request.env.user.partner_id
        if request.httprequest.method == "POST":
            values, errors = self._housing_validate_contact(partner, post)
            if errors:
                return redirect_with_flash("/my/contact", errors=errors, values=values)
            # The portal user edits their own partner only: no id comes from the request.
            partner.sudo().write(values)
            return redirect_with_flash(
                "/my/contact", message=request.env._("Your contact details have been saved.")
            )
        flash = pop_flash("/my/contact")
        return request.render(
            "housing_portal.portal_my_contact",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "housing_contact",
                "partner": partner,
                "values": flash["values"]
                or {"phone": partner.phone or "", "email": partner.email or ""},
                "errors": flash["errors"],
                "message": flash["message"],
                "customer_service": request.env.company.sudo().partner_id,
            },
        )

    def _housing_validate_contact(self, partner, post):
        env = request.env
        values = {
            "phone": (post.get("phone") or "").strip(),
            "email": (post.get("email") or "").strip(),
        }
        errors = {}
        if values["phone"]:
            region = partner.country_id.code or "SE"
            phone = partner._format_phone_e164(values["phone"], region)
            if phone:
                values["phone"] = phone
            else:
                errors["phone"] = env._("Enter a valid phone number, e.g. 070-123 45 67.")
        if not values["email"]:
            errors["email"] = env._("Enter your e-mail address.")
        elif not email_normalize(values["email"]):
            errors["email"] = env._("Enter a valid e-mail address, e.g. namn@example.se.")
        return values, errors

    # ------------------------------------------------------------------ service requests
    @http.route(
        [SERVICE_REQUEST_URL, f"{SERVICE_REQUEST_URL}/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def housing_service_requests(self, page=1, **kw):
        # The tenant domain keeps it to the requests they reported and staff did not hide.
        return self._housing_list_page(
            "housing_portal.portal_my_service_requests",
            "housing_service_requests",
            "service_requests",
            "maintenance.request",
            request.env["maintenance.request"]._tenant_domain(request.env.user.partner_id),
            order="request_date desc, id desc",
            url=SERVICE_REQUEST_URL,
            page=page,
        )

    @http.route(f"{SERVICE_REQUEST_URL}/<int:request_id>", type="http", auth="user", website=True)
    def housing_service_request(self, request_id, **kw):
        record_sudo = self._housing_service_request_check(request_id)
        return self._housing_render_service_request(record_sudo)

    @http.route(
        f"{SERVICE_REQUEST_URL}/<int:request_id>/message",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def housing_service_request_message(self, request_id, message="", **kw):
        record_sudo = self._housing_service_request_check(request_id)
        body = (message or "").strip()
        error = self._housing_tenant_action(
            record_sudo,
            lambda record, partner: record.message_post_tenant(
                partner, plaintext2html(body) if body else ""
            ),
        )
        if error:
            return redirect_with_flash(
                record_sudo.access_url, errors={"message": error}, values={"message": message}
            )
        return redirect_with_flash(
            record_sudo.access_url, message=request.env._("Your message has been sent.")
        )

    @http.route(
        f"{SERVICE_REQUEST_URL}/<int:request_id>/close",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def housing_service_request_close(self, request_id, reason="", **kw):
        record_sudo = self._housing_service_request_check(request_id)
        error = self._housing_tenant_action(
            record_sudo,
            lambda record, partner: record.action_request_close(
                (reason or "").strip(), partner=partner
            ),
        )
        if error:
            return redirect_with_flash(
                record_sudo.access_url, errors={"reason": error}, values={"reason": reason}
            )
        return redirect_with_flash(
            record_sudo.access_url,
            message=request.env._(
                "We have received your request to close. Staff will decide and let you know."
            ),
        )

    @http.route(
        [
            f"{SERVICE_REQUEST_URL}/<int:request_id>/photo/<int:attachment_id>",
            f"{SERVICE_REQUEST_URL}/<int:request_id>/photo/<int:attachment_id>/<int:size>",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def housing_service_request_photo(self, request_id, attachment_id, size=0, **kw):
        """An image of a message the tenant may read on their own request (portal users
        read no attachments themselves); 404 for anything else."""
        record_sudo = self._housing_service_request_check(request_id)
        attachment_sudo = record_sudo._tenant_messages().attachment_ids.filtered(
            lambda attachment: (
                attachment.id == attachment_id and (attachment.mimetype or "") in TENANT_PHOTO_TYPES
            )
        )
        if not attachment_sudo:
            raise NotFound()
        size = min(max(size, 0), 1024)
        stream = request.env["ir.binary"]._get_image_stream_from(
            attachment_sudo, "raw", width=size, height=size
        )
        return stream.get_response()

    @http.route(
        f"{SERVICE_REQUEST_URL}/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def housing_service_request_new(self, **post):
        partner = request.env.user.partner_id
        choices = self._housing_location_choices(partner)
        values = dict.fromkeys(
            (
                "location",
                "common_space_type",
                "housing_category",
                "name",
                "description",
                "call_between",
            ),
            "",
        )
        values.update(master_key_allowed=False, pet_at_home=False)
        url = f"{SERVICE_REQUEST_URL}/new"
        if request.httprequest.method == "POST":
            values, errors, vals, photos = self._housing_validate_service_request(choices, post)
            if not errors:
                try:
                    # Nothing of a refused report stays behind (request, photos, messages).
                    with request.env.cr.savepoint():
                        record = request.env["maintenance.request"].create_from_tenant(
                            partner, vals, origin="portal", photos=photos
                        )
                except UserError as error:
                    errors["form"] = error.args[0]
                else:
                    return redirect_with_flash(
                        record.access_url,
                        message=request.env._("Thank you, your fault report has been received."),
                    )
            return redirect_with_flash(url, errors=errors, values=values)
        flash = pop_flash(url)
        values.update(flash["values"])
        errors = flash["errors"]
        Request = request.env["maintenance.request"]
        return request.render(
            "housing_portal.portal_my_service_request_new",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "housing_service_request_new",
                "choices": choices,
                "categories": Request._fields["housing_category"]._description_selection(
                    request.env
                ),
                "common_spaces": Request._fields["common_space_type"]._description_selection(
                    request.env
                ),
                "photo_types": ",".join(TENANT_PHOTO_TYPES),
                "photo_help": request.env._(
                    "At most %(count)s photos (JPEG, PNG, GIF, WebP or HEIC), %(size)s MB each.",
                    count=TENANT_PHOTO_MAX_COUNT,
                    size=TENANT_PHOTO_MAX_SIZE // (1024 * 1024),
                ),
                "values": values,
                "errors": errors,
            },
        )

    def _housing_service_request_check(self, request_id):
        """The current user's own service request (sudo) or 404 for anything else:
        missing, another tenant's, hidden from the tenant, not a service request."""
        try:
            # Read access as the user: the portal record rule limits it to their reports.
            record_sudo = self._document_check_access("maintenance.request", request_id)
        except (AccessError, MissingError):
            raise NotFound() from None
        # Explicit ownership check beside the sudo (staff users pass the record rules).
        if not record_sudo.filtered_domain(record_sudo._tenant_domain(request.env.user.partner_id)):
            raise NotFound()
        return record_sudo

    def _housing_tenant_action(self, record_sudo, action):
        """Run ``action(record, partner)`` for the user's own contact inside a savepoint;
        returns the error message to show, or None. The record is the user's (checked by
        _housing_service_request_check) and the model checks again that ``partner``
        reported it; sudo with the user's id, as the tenant methods expect (a portal user
        reads no stages)."""
        record = record_sudo.with_user(request.env.user).sudo()
        try:
            with request.env.cr.savepoint():
                action(record, request.env.user.partner_id)
        except AccessError:
            raise NotFound() from None
        except UserError as error:
            return error.args[0]
        return None

    def _housing_render_service_request(self, record_sudo):
        env = request.env
        flash = pop_flash(record_sudo.access_url)
        field = record_sudo._fields["housing_category"]
        categories = dict(field._description_selection(env))
        # Whole sentences for the translators, with the tenant's own words as values.
        texts = {
            "call_between": record_sudo.call_between
            and env._("Call between %(hours)s.", hours=record_sudo.call_between),
            "close_pending": record_sudo.close_requested
            and env._(
                "You have asked us to close this request: %(reason)s. "
                "Staff will decide and let you know.",
                reason=record_sudo.close_request_reason or "",
            ),
        }
        return request.render(
            "housing_portal.portal_my_service_request",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "housing_service_request",
                "service_request": record_sudo,
                "category": categories.get(record_sudo.housing_category, ""),
                "has_description": not is_html_empty(record_sudo.description),
                "texts": texts,
                "tenant_messages": record_sudo._tenant_messages(),
                "photo_types": TENANT_PHOTO_TYPES,
                "errors": flash["errors"],
                "values": flash["values"],
                "message": flash["message"],
            },
        )

    def _housing_location_choices(self, partner):
        """Where the tenant may report a fault: the rental objects of their active leases
        and the properties they rent in (for common spaces), keyed by form value. Each
        property comes with the entrance of the tenant's home there, if any."""
        leases = request.env["maintenance.request"]._housing_active_leases(partner)
        kinds = dict(
            request.env["housing.rental.object"]
            ._fields["object_type"]
            ._description_selection(request.env)
        )
        objects = {
            f"object:{obj.id}": (
                obj,
                f"{obj.code}, {obj.street or obj.name or ''} ({kinds.get(obj.object_type)})",
            )
            for obj in leases.rental_object_id.sorted(
                lambda o: (o.object_type != "residence", o.code)
            )
        }
        properties = {}
        for prop in leases.property_id.sorted("code"):
            homes = leases.filtered(
                lambda lease, p=prop: lease.property_id == p and lease.lease_type == "residence"
            )
            properties[f"property:{prop.id}"] = (
                prop,
                homes[:1].rental_object_id.staircase_id,
                request.env._("Common space in %(property)s", property=prop.name or prop.code),
            )
        return {"objects": objects, "properties": properties}

    def _housing_validate_service_request(self, choices, post):
        """Check the new-request form. Returns the values to show again, the errors by
        field, the values for create_from_tenant and the photos as (file name, bytes)."""
        env = request.env
        Request = env["maintenance.request"]
        values = {
            key: (post.get(key) or "").strip()
            for key in (
                "location",
                "common_space_type",
                "housing_category",
                "name",
                "description",
                "call_between",
            )
        }
        values["master_key_allowed"] = bool(post.get("master_key_allowed"))
        values["pet_at_home"] = bool(post.get("pet_at_home"))
        errors = {}
        vals = {
            "name": values["name"],
            "description": plaintext2html(values["description"]) if values["description"] else "",
            "housing_category": values["housing_category"],
            "master_key_allowed": values["master_key_allowed"],
            "call_between": values["call_between"],
            "pet_at_home": values["pet_at_home"],
        }
        location = values["location"]
        if not location:
            errors["location"] = env._("Choose where the fault is.")
        elif location in choices["objects"]:
            vals["rental_object_code"] = choices["objects"][location][0].code
        elif location in choices["properties"]:
            prop, staircase, _label = choices["properties"][location]
            spaces = dict(Request._fields["common_space_type"]._description_selection(env))
            if values["common_space_type"] not in spaces:
                errors["common_space_type"] = env._("Choose the kind of common space.")
            vals.update(common_space_type=values["common_space_type"], property_code=prop.code)
            if staircase:
                vals["staircase_code"] = staircase.code
        else:
            errors["location"] = env._(
                "Choose one of your own rental objects or a common space where you rent."
            )
        categories = dict(Request._fields["housing_category"]._description_selection(env))
        if values["housing_category"] not in categories:
            errors["housing_category"] = env._("Choose the kind of fault.")
        if not values["name"]:
            errors["name"] = env._("Give the fault a short title.")
        for key, error in Request._housing_tenant_text_errors(values).items():
            errors.setdefault(key, error)
        photos = [
            # One byte more than allowed is enough to refuse a file that is too large.
            (upload.filename, upload.read(TENANT_PHOTO_MAX_SIZE + 1))
            for upload in request.httprequest.files.getlist("photos")
            if upload.filename
        ]
        try:
            Request._housing_check_tenant_photos(photos)
        except ValidationError as error:
            errors["photos"] = error.args[0]
        return values, errors, vals, photos
