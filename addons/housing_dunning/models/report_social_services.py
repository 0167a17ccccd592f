from odoo import api, models


class ReportSocialServices(models.AbstractModel):
    """The notification to socialnämnden: for terminated residences only."""

    _name = "report.housing_dunning.report_social_services"
    _description = "Notification to socialnämnden"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self.env["housing.lease.forfeiture"].browse(docids)
        cases._check_social_services()
        return {"doc_ids": docids, "doc_model": "housing.lease.forfeiture", "docs": cases}
