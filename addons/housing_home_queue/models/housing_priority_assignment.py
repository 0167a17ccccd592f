from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from odoo.addons.housing_letting.tools.dates import stockholm_today


class HousingPriorityAssignment(models.Model):
    """A contact's place in a priority group (förtur), given by a housing manager with the
    reason, until an end date (none: until removed). The reason is often a medical or
    social need: only housing staff read it."""

    _name = "housing.priority.assignment"
    _inherit = ["mail.thread"]
    _description = "Priority group assignment"
    _order = "date_end desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="cascade"
    )
    group_id = fields.Many2one(
        "housing.priority.group",
        string="Priority group",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    rank = fields.Integer(related="group_id.rank")
    reason = fields.Text(required=True, groups="housing_base.group_housing_user", tracking=True)
    date_end = fields.Date(
        string="Valid until", tracking=True, help="Empty: until a housing manager ends it."
    )
    assigned_by_id = fields.Many2one(
        "res.users", string="Assigned by", readonly=True, default=lambda self: self.env.user
    )
    in_force = fields.Boolean(compute="_compute_in_force", search="_search_in_force")

    @api.constrains("reason")
    def _check_reason(self):
        for assignment in self.sudo():
            if not (assignment.reason or "").strip():
                raise ValidationError(self.env._("Give the reason for the priority group."))

    @api.model
    def _in_force_domain(self, day):
        return (Domain("date_end", "=", False) | Domain("date_end", ">=", day)) & Domain(
            "group_id.active", "=", True
        )

    @api.depends("date_end", "group_id.active")
    def _compute_in_force(self):
        today = stockholm_today()
        for assignment in self:
            assignment.in_force = assignment.group_id.active and (
                not assignment.date_end or assignment.date_end >= today
            )

    def _search_in_force(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = self._in_force_domain(stockholm_today())
        return domain if (operator == "in") == (True in value) else ~domain

    @api.model
    def _ranks(self, partner_ids, day):
        """{partner id: the rank of their first priority group in force on ``day``} of
        ``partner_ids``, in one query. The assignments in force are few (förtur is
        rare): reading them all costs less than naming tens of thousands of applicants
        in the query."""
        partner_ids = set(partner_ids)
        ranks = {}
        for partner, group in self.sudo()._read_group(
            self._in_force_domain(day), ["partner_id", "group_id"]
        ):
            if partner.id in partner_ids:
                ranks[partner.id] = min(group.rank, ranks.get(partner.id, group.rank))
        return ranks
