from odoo import api, models

from ..tools.formatting import code_ref, iso_date, iso_datetime, none_if_false

# Lease state -> webhook event sent when a lease enters it.
STATE_EVENTS = {"notice": "lease.notice_given", "ended": "lease.ended", "cancelled": "lease.ended"}


class HousingLease(models.Model):
    _name = "housing.lease"
    _inherit = ["housing.lease", "housing.api.synced"]

    def _housing_api_values(self):
        return [
            {
                "id": lease.id,
                "number": lease.name,
                "type": lease.lease_type,
                "state": lease.state,
                "rental_object": {
                    "id": lease.rental_object_id.id,
                    "code": lease.rental_object_id.code,
                    "name": lease.rental_object_id.name,
                },
                "property": code_ref(lease.property_id),
                "residential_area": code_ref(lease.residential_area_id),
                "tenants": [
                    {
                        "customer_number": none_if_false(line.partner_id.customer_number),
                        "name": line.partner_id.name,
                        "role": line.role,
                    }
                    for line in lease.tenant_line_ids
                ],
                "contract_date": iso_date(lease.contract_date),
                "start_date": iso_date(lease.date_start),
                "end_date": iso_date(lease.date_end),
                "last_day": iso_date(lease.date_stop),
                "notice": {
                    "given_by": lease.notice_given_by,
                    "notice_date": iso_date(lease.notice_date),
                    "preferred_move_out_date": iso_date(lease.preferred_move_out_date),
                    "termination_date": iso_date(lease.termination_date),
                }
                if lease.notice_date
                else None,
                "current_rent": lease.current_rent,
                "currency": lease.currency_id.name,
                "rent_lines": [
                    {
                        "kind": line.kind,
                        "description": none_if_false(line.name),
                        "amount": line.amount,
                        "tax_rate": line.tax_rate,
                        "valid_from": iso_date(line.date_from),
                        "valid_to": iso_date(line.date_to),
                    }
                    for line in lease.rent_line_ids
                ],
                "updated_at": iso_datetime(lease.write_date),
            }
            for lease in self
        ]

    # ------------------------------------------------------------------ webhooks
    @api.model_create_multi
    def create(self, vals_list):
        leases = super().create(vals_list)
        self.env["housing.webhook.delivery"]._enqueue("lease.created", leases)
        return leases

    def write(self, vals):
        if "state" not in vals:
            return super().write(vals)
        before = {lease.id: lease.state for lease in self}
        result = super().write(vals)
        for state, event in STATE_EVENTS.items():
            entered = self.filtered(
                lambda lease, state=state: lease.state == state and before[lease.id] != state
            )
            self.env["housing.webhook.delivery"]._enqueue(event, entered)
        return result
