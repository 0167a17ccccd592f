from odoo import http
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.portal.controllers.portal import CustomerPortal


class HousingPortal(CustomerPortal):
    """Tenant pages under /my: contact details, leases, service requests, parking."""

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
