from odoo import api, fields, models
from odoo.fields import Domain

from odoo.addons.housing_base.tools.dates import stockholm_today


class HousingRentalObject(models.Model):
    _inherit = "housing.rental.object"

    lease_ids = fields.One2many("housing.lease", "rental_object_id", string="Leases")
    lease_sequence = fields.Integer(
        string="Last lease number",
        readonly=True,
        copy=False,
        help="Counter behind the /NN part of the numbers of this object's leases.",
    )
    lease_count = fields.Integer(compute="_compute_lease_count")
    current_lease_id = fields.Many2one("housing.lease", compute="_compute_current_lease")
    current_rent = fields.Monetary(compute="_compute_current_lease")

    def _compute_lease_count(self):
        counts = dict(
            self.env["housing.lease"]._read_group(
                [("rental_object_id", "in", self.ids)], ["rental_object_id"], ["__count"]
            )
        )
        for record in self:
            record.lease_count = counts.get(record, 0)

    def _compute_current_lease(self):
        today = stockholm_today()
        leases = self.env["housing.lease"].search(
            self._lease_on_domain(today) & Domain("rental_object_id", "in", self.ids)
        )
        by_object = {lease.rental_object_id.id: lease for lease in leases}
        for record in self:
            lease = by_object.get(record.id, self.env["housing.lease"])
            record.current_lease_id = lease
            record.current_rent = lease.rent_on(today) if lease else record.base_rent

    @api.model
    def _lease_on_domain(self, date):
        """Active leases that cover ``date``."""
        return (
            Domain("state", "in", ("current", "notice"))
            & Domain("date_start", "<=", date)
            & (Domain("date_stop", "=", False) | Domain("date_stop", ">=", date))
        )

    def _get_status_by_object(self, date):
        """Leased or under notice wins over blocks: a tenant can live in a blocked flat."""
        statuses = super()._get_status_by_object(date)
        domain = self._lease_on_domain(date)
        if self:
            domain &= Domain("rental_object_id", "in", self.ids)
        for lease in (
            self.env["housing.lease"].sudo().search_fetch(domain, ["rental_object_id", "state"])
        ):
            statuses[lease.rental_object_id.id] = "notice" if lease.state == "notice" else "leased"
        return statuses

    def action_view_leases(self):
        return self._housing_action("housing_lease.action_housing_lease", "rental_object_id")
