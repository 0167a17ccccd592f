from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.portal.controllers.portal import CustomerPortal


class HousingPortal(CustomerPortal):
    """Tenant pages under /my: contact details, leases, service requests, parking."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "housing_lease_count" in counters:
            # Record rules limit the count to the user's own leases.
            values["housing_lease_count"] = request.env["housing.lease"].search_count(
                [("state", "!=", "draft")]
            )
        return values

    # ------------------------------------------------------------------ leases
    @http.route("/my/leases", type="http", auth="user", website=True)
    def housing_leases(self, **kw):
        # The search runs as the portal user: record rules keep it to their own leases;
        # sudo only reads the related register data of those leases for display.
        leases = request.env["housing.lease"].search([("state", "!=", "draft")]).sudo()
        return request.render(
            "housing_portal.portal_my_leases",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "housing_leases",
                "leases": leases,
            },
        )

    @http.route("/my/leases/<int:lease_id>", type="http", auth="user", website=True)
    def housing_lease(self, lease_id, report_type=None, download=False, **kw):
        try:
            lease = self._document_check_access("housing.lease", lease_id)
        except (AccessError, MissingError):
            return request.redirect("/my/leases")
        if report_type in ("pdf", "html"):
            return self._show_report(
                lease, report_type, "housing_lease.action_report_housing_lease", download=download
            )
        return request.render(
            "housing_portal.portal_my_lease",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "housing_lease",
                "lease": lease,
                "today": request.env.cr.now().date(),
            },
        )

    # ------------------------------------------------------------------ contact details
    @http.route("/my/contact", type="http", auth="user", website=True, methods=["GET", "POST"])
    def housing_contact(self, **post):
        partner = request.env.user.partner_id
        values = {"phone": partner.phone or "", "email": partner.email or ""}
        errors = {}
        saved = False
        if request.httprequest.method == "POST":
            values, errors = self._housing_validate_contact(partner, post)
            if not errors:
                # The portal user edits their own partner only: no id comes from the request.
                partner.sudo().write(values)
                saved = True
        return request.render(
            "housing_portal.portal_my_contact",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "housing_contact",
                "partner": partner,
                "values": values,
                "errors": errors,
                "saved": saved,
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
