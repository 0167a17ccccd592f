from odoo import fields, models


class HousingCodeMixin(models.AbstractModel):
    """A register entry known by a unique code and a name, shown as 'CODE Name'."""

    _name = "housing.code.mixin"
    _description = "Coded register entry"
    _order = "code"
    _rec_names_search = ["code", "name"]

    name = fields.Char(required=True)
    code = fields.Char(required=True, index=True)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "This code is already used.")

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
