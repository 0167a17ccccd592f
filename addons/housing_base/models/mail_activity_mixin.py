from odoo import fields, models


class MailActivityMixin(models.AbstractModel):
    """Activities are for internal users (Odoo gives their fields to base.group_user), but
    three fields computed from them have no group, so a share user's search_read without a
    field list (an integration or a tenant over JSON-2) fails on every model with
    activities. They get the same group as the activities they are computed from."""

    _inherit = "mail.activity.mixin"

    activity_exception_decoration = fields.Selection(groups="base.group_user")
    activity_exception_icon = fields.Char(groups="base.group_user")
    activity_type_icon = fields.Char(groups="base.group_user")
