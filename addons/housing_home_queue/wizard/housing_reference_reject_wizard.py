from odoo import fields, models

from odoo.addons.housing_letting.tools.dates import stockholm_today

from ..models.housing_application_profile import REJECTION_REASONS
from ..tools import housing_rules as rules


class HousingReferenceRejectWizard(models.TransientModel):
    """Staff record that the reference from the applicant's landlord is not approved: the
    reason, and the day until which the rejection stands (the applicant cannot apply for
    homes until then)."""

    _name = "housing.reference.reject.wizard"
    _description = "Reference not approved"

    profile_id = fields.Many2one("housing.application.profile", required=True, ondelete="cascade")
    reason = fields.Selection(REJECTION_REASONS, required=True)
    date_until = fields.Date(
        string="Stands until",
        required=True,
        default=stockholm_today,
        help="The applicant cannot apply for homes until this day, inclusive.",
    )
    comment = fields.Text(string="Note", help="For staff only.")

    def action_confirm(self):
        self.ensure_one()
        vals = {
            "reference_reason_rejected": self.reason,
            "reference_expires_at": self.date_until,
        }
        if self.comment:
            vals["reference_comment"] = self.comment
        return self.profile_id._review(rules.REJECTED, **vals)
