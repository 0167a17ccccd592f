import datetime

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.housing_base.tools.dates import STOCKHOLM

from ..tools.constants import INTEGRATION_GROUP


class ResUsers(models.Model):
    _inherit = "res.users"

    def housing_issue_api_key(self, name, expiration_date=False):
        """Issue an API key for this integration user and return it (it is shown once).

        For system administrators who set up another system's technical user, which has
        no password to log in and create its own key: over JSON-RPC or JSON-2 as
        ``res.users.housing_issue_api_key([user_id], name, expiration_date)``. The key has
        the 'rpc' scope: it works for JSON-2, JSON-RPC and the /api/housing/v1 endpoints.
        ``expiration_date`` is a day (the key works through that day, Swedish time) or a
        UTC datetime; it must be in the future. Without it the key does not expire.
        """
        self.ensure_one()
        if not self.env.user._is_system():
            raise AccessError(self.env._("Only administrators can issue API keys for other users."))
        if not self.has_group(INTEGRATION_GROUP):
            raise UserError(
                self.env._(
                    "%(user)s is not a housing integration user: API keys are issued only "
                    "for technical users of other systems.",
                    user=self.name,
                )
            )
        if not (name or "").strip():
            raise UserError(self.env._("Describe what the API key is for."))
        expiration = self._housing_key_expiration(expiration_date)
        return (
            self.env["res.users.apikeys"]
            .with_user(self)
            .sudo()
            ._generate("rpc", name.strip(), expiration)
        )

    def _housing_key_expiration(self, value):
        """The UTC expiry of a key valid through ``value``: a date (string or date) counts
        to the end of that day in Stockholm, a datetime as given. None without value; a
        time already passed is refused."""
        if not value:
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            day = value
        elif isinstance(value, str) and len(value.strip()) == 10:
            day = fields.Date.to_date(value.strip())
        else:
            day = None
        if day:
            end_of_day = datetime.datetime.combine(day, datetime.time.max, tzinfo=STOCKHOLM)
            expiration = end_of_day.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
        else:
            expiration = fields.Datetime.to_datetime(value)
        if expiration <= fields.Datetime.now():
            raise UserError(
                self.env._(
                    "The expiry %(expiry)s has already passed: give a day in the future.",
                    expiry=value,
                )
            )
        return expiration
