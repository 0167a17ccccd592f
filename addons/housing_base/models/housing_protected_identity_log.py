from odoo import SUPERUSER_ID, api, fields, models


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

    @api.model
    def _log(self, action, partners, field_names, reason=None, note=None):
        """Log ``action`` by the current user on each of ``partners``, or once with
        ``note`` (a grouped read names its domain, not the contacts). A read-only request
        (JSON-2 read, search_read...) logs in a transaction of its own."""
        values = {
            "user_id": self.env.uid,
            "action": action,
            "field_names": ", ".join(sorted(field_names)),
            "reason": reason,
            "note": note,
        }
        if note is None:
            vals_list = [{**values, "partner_id": partner.id} for partner in partners]
        else:
            vals_list = [values]
        if not vals_list:
            return
        if not self.env.cr.readonly:
            self.sudo().create(vals_list)
            return
        with self.env.registry.cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})[self._name].create(vals_list)
