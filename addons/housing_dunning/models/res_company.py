from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    housing_reminder_fee_agreed = fields.Boolean(
        string="Reminder fee agreed",
        help="The leases say that a reminder fee is charged (lag 1981:739, 2 §: only a fee "
        "agreed on at the latest when the rent was agreed may be charged). Without it no "
        "dunning step bills a fee.",
    )
    housing_reminder_fee = fields.Monetary(
        string="Reminder fee",
        default=60.0,
        help="At most 60 kr for a written reminder (lag 1981:739, 4 §, since 2013).",
    )
    housing_reminder_fee_max = fields.Monetary(
        string="Highest reminder fee by law",
        default=60.0,
        help="The most lag 1981:739, 4 § allows for a written reminder (60 kr since 2013); "
        "change it when the law changes.",
    )
    housing_reminder_fees_per_avi = fields.Integer(
        string="Reminder fees per avi",
        default=1,
        help="How many reminders of one avi may carry a fee. One, as is the practice for "
        "the reminder fee of lag 1981:739.",
    )
    housing_notice_delivery_days = fields.Integer(
        string="Days until a termination letter is received",
        default=2,
        help="Business days assumed between sending the termination letter and the tenant "
        "being notified, until the actual day of notification is recorded. The three (for "
        "premises two) weeks to pay and keep the lease run from that day.",
    )

    _housing_fees_per_avi_positive = models.Constraint(
        "CHECK(housing_reminder_fees_per_avi >= 0 AND housing_notice_delivery_days >= 0)",
        "Reminder fees per avi and delivery days cannot be negative.",
    )

    @api.constrains("housing_reminder_fee", "housing_reminder_fee_max")
    def _check_housing_reminder_fee(self):
        for company in self:
            if not 0 <= company.housing_reminder_fee <= company.housing_reminder_fee_max:
                raise ValidationError(
                    self.env._(
                        "The reminder fee is at most %(max)s (lag 1981:739, 4 §).",
                        max=company.housing_reminder_fee_max,
                    )
                )

    def _housing_may_charge_reminder_fee(self, move):
        """Whether a reminder of ``move`` may bill the reminder fee now."""
        self.ensure_one()
        if not (self.housing_reminder_fee_agreed and self.housing_reminder_fee > 0):
            return False
        charged = move.housing_dunning_entry_ids.filtered("fee_move_id")
        return len(charged) < self.housing_reminder_fees_per_avi
