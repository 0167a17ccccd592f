from dateutil.relativedelta import relativedelta

from odoo import models

from odoo.addons.housing_base.tools.dates import stockholm_today


class HousingQueueMembership(models.Model):
    _inherit = "housing.queue.membership"

    def _portal_queue_time(self):
        """The time in the queue as the applicant reads it beside the points: "3 years and
        12 days" (whole years since the queue start date, then the days since the last
        anniversary), on the company's day."""
        self.ensure_one()
        today = stockholm_today()
        start = self.queue_start_date
        if not start or start >= today:
            return self.env._("0 days")
        years = relativedelta(today, start).years
        days = (today - (start + relativedelta(years=years))).days
        days_text = self.env._("1 day") if days == 1 else self.env._("%(days)s days", days=days)
        if not years:
            return days_text
        years_text = (
            self.env._("1 year") if years == 1 else self.env._("%(years)s years", years=years)
        )
        return self.env._("%(years)s and %(days)s", years=years_text, days=days_text)
