from odoo import models

from odoo.addons.base.models.ir_actions_report import _wkhtml


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """``housing_letterhead_in_page``: the PDF is made by a wkhtmltopdf without
        patched Qt (Debian's), which drops the layout's header with the company's logo and
        name, so the documents print their letterhead in the page."""
        values = super()._get_rendering_context(report, docids, data)
        values["housing_letterhead_in_page"] = (
            values.get("report_type") == "pdf" and not _wkhtml().is_patched_qt
        )
        return values
