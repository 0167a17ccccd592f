from odoo import api, fields, models
from odoo.exceptions import ValidationError

# What a lease type counts as for dunning and forfeiture (housing_lease's lease types):
# residences (also short-term residential leases), premises (commercial premises,
# garages and storage rooms, which are lokaler under Jordabalken 12 kap. 1 §) and
# parking spaces.
LEASE_TYPE_KINDS = {
    "residence": "residence",
    "short_term": "residence",
    "commercial": "premises",
    "garage": "premises",
    "storage": "premises",
    "parking": "parking",
}


class HousingDunningStep(models.Model):
    """One step of the dunning of an unpaid avi: a reminder letter some days after the
    due date, possibly with the reminder fee of lag (1981:739) om ersättning för
    inkassokostnader m.m."""

    _name = "housing.dunning.step"
    _description = "Dunning step"
    _order = "days_after_due, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    days_after_due = fields.Integer(
        string="Days after the due date",
        required=True,
        help="The step is taken this many days after the last day to pay; a letter that "
        "falls on a Saturday, Sunday or holiday goes out on the next business day.",
    )
    charge_fee = fields.Boolean(
        string="Reminder fee",
        help="Bill the reminder fee of the company's settings (lag 1981:739, 2 and 4 §§): "
        "only where the fee was agreed when the rent was agreed, and only as many times per "
        "avi as the settings allow.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Letter",
        domain=[("model", "=", "housing.dunning.entry")],
        help="The letter sent to the tenant at this step (e-mail with the reminder PDF).",
    )
    apply_residence = fields.Boolean(string="Residences", default=True)
    apply_premises = fields.Boolean(string="Premises", default=True)
    apply_parking = fields.Boolean(string="Parking spaces", default=True)

    _days_positive = models.Constraint(
        "CHECK(days_after_due >= 1)", "A dunning step comes at least one day after the due date."
    )
    _days_unique = models.Constraint(
        "UNIQUE(company_id, days_after_due)",
        "The company already has a dunning step on this day after the due date.",
    )

    @api.constrains("apply_residence", "apply_premises", "apply_parking")
    def _check_applies(self):
        for step in self:
            if not (step.apply_residence or step.apply_premises or step.apply_parking):
                raise ValidationError(
                    self.env._(
                        "Dunning step %(step)s applies to no kind of lease: tick residences, "
                        "premises or parking spaces.",
                        step=step.name,
                    )
                )

    def _applies_to(self, kinds):
        """Whether the step applies to an avi for leases of these kinds."""
        self.ensure_one()
        return any(getattr(self, f"apply_{kind}") for kind in kinds)
