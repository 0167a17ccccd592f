from odoo import api, fields, models


def normalize_code(code):
    """A room type code as the table keys it: trimmed, upper case ('2rk ' → '2RK')."""
    return (code or "").strip().upper()


class HousingRoomCodeLimit(models.Model):
    """The most persons (adults and children) a home of one room type may house: Mimer's
    maxResidents table, loaded as data and kept by housing managers. A home whose room
    type is not in the table takes any household (as at Mimer)."""

    _name = "housing.room.code.limit"
    _description = "Household size by room type"
    _order = "max_persons, code"
    _rec_name = "code"

    code = fields.Char(
        string="Room type",
        required=True,
        help="The room type code of the rental object (Rooms), e.g. 2RK or 3RKM.",
    )
    max_persons = fields.Integer(
        string="Most persons", required=True, help="Adults and children together."
    )

    _code_unique = models.Constraint("UNIQUE(code)", "This room type already has a limit.")
    _max_persons_positive = models.Constraint(
        "CHECK(max_persons > 0)", "A room type houses at least one person."
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "code" in vals:
                vals["code"] = normalize_code(vals["code"])
        return super().create(vals_list)

    def write(self, vals):
        if "code" in vals:
            vals = {**vals, "code": normalize_code(vals["code"])}
        return super().write(vals)

    @api.model
    def _limits(self):
        """{room type code: most persons} of the whole table, in one query."""
        return dict(
            self.sudo()
            .search_fetch([], ["code", "max_persons"])
            .mapped(lambda limit: (limit.code, limit.max_persons))
        )
