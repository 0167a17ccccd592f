from odoo import api, fields, models

from ..tools.dates import format_deadline


class HousingLettingDeadlineMixin(models.AbstractModel):
    """What is sent to an applicant to answer by a deadline (an offer, an invitation to a
    viewing): when it was sent, the deadline as stored and as the applicant reads it, and
    when it was answered."""

    _name = "housing.letting.deadline.mixin"
    _description = "Answer by a deadline"

    sent_at = fields.Datetime(required=True, readonly=True)
    deadline = fields.Datetime(
        required=True,
        readonly=True,
        help="23:59:59 Swedish time on the last business day to answer.",
    )
    deadline_display = fields.Char(
        compute="_compute_deadline_display", string="Answer by (Swedish time)"
    )
    answered_at = fields.Datetime(readonly=True)

    @api.depends("deadline")
    @api.depends_context("lang")
    def _compute_deadline_display(self):
        for record in self:
            record.deadline_display = format_deadline(record.deadline, self.env.lang)
