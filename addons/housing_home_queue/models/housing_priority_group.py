from odoo import fields, models

from ..tools.housing_rules import MAX_PRIORITY_GROUPS


class HousingPriorityGroup(models.Model):
    """A priority group (förtur) of the housing queue, e.g. medical or social need or an
    internal transfer: its members rank before the general queue, group 1 first; queue
    points order the members of one group. None by default: which groups exist is the
    company's policy."""

    _name = "housing.priority.group"
    _description = "Priority group (förtur)"
    _order = "rank, name"

    name = fields.Char(required=True, translate=True)
    rank = fields.Integer(
        required=True,
        default=1,
        help="1 ranks first. Members of any group rank before the general housing queue.",
    )
    description = fields.Text(help="Who belongs to the group, and on which grounds.")
    active = fields.Boolean(default=True)
    assignment_ids = fields.One2many(
        "housing.priority.assignment", "group_id", string="Assignments"
    )

    _rank_range = models.Constraint(
        f"CHECK(rank BETWEEN 1 AND {MAX_PRIORITY_GROUPS})",
        "The rank of a priority group is between 1 and 8.",
    )
