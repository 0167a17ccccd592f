from odoo import models
from odoo.tools.safe_eval import safe_eval, time

# Leases a tenant may give notice on from the portal; notice on commercial premises and
# short-term leases goes through staff.
PORTAL_NOTICE_TYPES = ("residence", "parking", "garage", "storage")


class HousingLease(models.Model):
    _name = "housing.lease"
    _inherit = ["housing.lease", "portal.mixin"]

    def _compute_access_url(self):
        for lease in self:
            lease.access_url = f"/my/leases/{lease.id}"

    def _get_report_base_filename(self):
        """The contract's file name when a tenant downloads it: the one staff get."""
        self.ensure_one()
        report = self.env.ref("housing_lease.action_report_housing_lease")
        return safe_eval(report.print_report_name, {"object": self, "time": time})

    def _get_portal_notice_earliest(self, today):
        """The earliest termination date if the tenant gave notice on ``today`` from the
        portal, or None when they cannot (not a type tenants give notice on there, or not
        running)."""
        self.ensure_one()
        if self.lease_type not in PORTAL_NOTICE_TYPES or self.state not in ("upcoming", "current"):
            return None
        return self.get_earliest_termination_date(today)
