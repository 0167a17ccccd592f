import re

from odoo import fields, models


def _code_taken_message(env, diagnostics):
    """Error shown when a code is already used; PostgreSQL reports the duplicate value in
    the detail of the error, e.g. ``Key (code)=(CEN) already exists.``"""
    detail = diagnostics.message_detail if diagnostics else None
    match = re.search(r"\(code\)=\((.*)\)", detail or "")
    if match:
        return env._(
            "The code %(code)s is already used by another record: codes must be unique.",
            code=match.group(1),
        )
    return env._("This code is already used by another record: codes must be unique.")


class HousingCodeMixin(models.AbstractModel):
    """A register entry known by a unique code and a name, shown as 'CODE Name'."""

    _name = "housing.code.mixin"
    _description = "Coded register entry"
    _order = "code"
    _rec_names_search = ["code", "name"]

    name = fields.Char(required=True)
    # The UNIQUE constraint below indexes the code.
    code = fields.Char(required=True)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", _code_taken_message)

    def _compute_display_name(self):
        for record in self:
            record.display_name = " ".join(filter(None, (record.code, record.name)))

    def _housing_action(self, action_xmlid, field):
        """The window action ``action_xmlid`` limited to records whose ``field`` is one of
        these records (smart buttons), creating new ones for this record."""
        action = self.env["ir.actions.act_window"]._for_xml_id(action_xmlid)
        action["domain"] = [(field, "in", self.ids)]
        action["context"] = {f"default_{field}": self.id} if len(self) == 1 else {}
        return action
