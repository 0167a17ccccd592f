from odoo import fields, models


class HousingProtectedIdentityLog(models.Model):
    """Who read, exported, grouped, edited, set or lifted a protected identity, and when.

    Written by the system only (as superuser); read by the data protection officer. Nobody
    can change or delete an entry through the ORM.
    """

    _name = "housing.protected.identity.log"
    _description = "Protected identity access log"
    _order = "create_date desc, id desc"
    _rec_name = "action"

    user_id = fields.Many2one("res.users", readonly=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Contact", readonly=True, index=True, ondelete="set null"
    )
    action = fields.Selection(
        [
            ("read", "Read"),
            ("export", "Export"),
            ("group", "Group or aggregate"),
            ("edit", "Edit"),
            ("protect", "Protection set"),
            ("lift", "Protection lifted"),
            ("migrate", "Moved into the protected register"),
        ],
        required=True,
        readonly=True,
    )
    field_names = fields.Char(string="Fields", readonly=True)
    reason = fields.Text(readonly=True)
    note = fields.Char(readonly=True, help="The search domain of a grouped read.")
    create_date = fields.Datetime(string="When", readonly=True)
