from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import format_date

from odoo.addons.housing_letting.tools.dates import stockholm_date
from odoo.addons.housing_portal.controllers.housing_portal import pop_flash, redirect_with_flash
from odoo.addons.portal.controllers.portal import CustomerPortal

PROFILE_URL = "/my/profile"
# The form's fields, as save_application_profile takes them.
COUNT_FIELDS = ("num_adults", "num_children")
TEXT_FIELDS = ("housing_type_description", "landlord", "reference_phone", "reference_email")
DEFAULTS = {
    "num_adults": 1,
    "num_children": 0,
    "housing_type": "",
    **dict.fromkeys(TEXT_FIELDS, ""),
}


class HousingPortalProfile(CustomerPortal):
    """The applicant's application profile for the housing queue. The form only turns the
    posted text into values; save_application_profile checks and saves them (and keeps the
    housing queue place), the review of the reference stays staff's."""

    @http.route(PROFILE_URL, type="http", auth="user", website=True, methods=["GET"])
    def housing_profile(self, **kw):
        env = request.env
        flash = pop_flash(PROFILE_URL)
        Profile = env["housing.application.profile"]
        # Record rules: the user's own profile, if they have saved one.
        profile = Profile.search([], limit=1)
        return request.render(
            "housing_portal_home_queue.portal_my_profile",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "housing_profile",
                "profile": profile,
                "housing_types": Profile._fields["housing_type"]._description_selection(env),
                # What the applicant typed (after a refusal), else what is saved.
                "form": {
                    name: flash["values"].get(name, profile[name] if profile else default)
                    for name, default in DEFAULTS.items()
                },
                "errors": flash["errors"],
                "message": flash["message"],
            },
        )

    @http.route(PROFILE_URL, type="http", auth="user", website=True, methods=["POST"])
    def housing_profile_save(self, **post):
        env = request.env
        typed = {name: (post.get(name) or "").strip() for name in (*COUNT_FIELDS, *TEXT_FIELDS)}
        typed["housing_type"] = post.get("housing_type") or ""
        vals = {name: typed[name] or False for name in TEXT_FIELDS}
        try:
            vals.update({name: int(typed[name] or 0) for name in COUNT_FIELDS})
        except ValueError:
            return redirect_with_flash(
                PROFILE_URL,
                errors={"form": env._("Give the number of adults and children as whole numbers.")},
                values=typed,
            )
        housing_types = dict(
            env["housing.application.profile"]._fields["housing_type"]._description_selection(env)
        )
        if typed["housing_type"] not in housing_types:
            return redirect_with_flash(
                PROFILE_URL,
                errors={"form": env._("Choose your current living situation.")},
                values=typed,
            )
        vals["housing_type"] = typed["housing_type"]
        try:
            with env.cr.savepoint():
                profile = env["housing.application.profile"].save_application_profile(
                    env.user.partner_id, vals
                )
        except UserError as exc:
            return redirect_with_flash(PROFILE_URL, errors={"form": exc.args[0]}, values=typed)
        return redirect_with_flash(
            PROFILE_URL,
            message=env._(
                "Your application profile is saved. It is valid until %(date)s; save it again "
                "before then to keep it.",
                date=format_date(env, stockholm_date(profile.expires_at)),
            ),
        )
