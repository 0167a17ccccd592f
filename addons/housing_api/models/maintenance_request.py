from odoo import api, models
from odoo.tools import html2plaintext

from ..tools.formatting import code_ref, contact_ref, iso_date, iso_datetime, none_if_false


class MaintenanceRequest(models.Model):
    _name = "maintenance.request"
    _inherit = ["maintenance.request", "housing.api.synced"]

    def _housing_api_values(self):
        return [
            {
                "id": req.id,
                "title": req.name,
                "description": html2plaintext(req.description or "") or None,
                "category": none_if_false(req.housing_category),
                "stage": {"code": none_if_false(req.housing_stage_code), "name": req.stage_id.name}
                if req.stage_id
                else None,
                "location": {
                    "type": req.location_type,
                    "rental_object": code_ref(req.rental_object_id),
                    "common_space": none_if_false(req.common_space_type),
                    "property": code_ref(req.property_id),
                    "building": code_ref(req.building_id),
                    "staircase": code_ref(req.staircase_id),
                },
                "reported_by": contact_ref(req.reporter_id) if req.reporter_id else None,
                "lease": {"id": req.lease_id.id, "number": req.lease_id.name}
                if req.lease_id
                else None,
                "access": {
                    "master_key_allowed": req.master_key_allowed,
                    "call_between": none_if_false(req.call_between),
                    "pet_at_home": req.pet_at_home,
                },
                "priority_days": req.priority_days,
                "due_date": iso_date(req.date_due),
                "performed_date": iso_date(req.date_performed),
                "origin": req.origin,
                "close_requested": req.close_requested,
                "close_request_reason": none_if_false(req.close_request_reason),
                "hidden_from_tenant": req.hidden_from_tenant,
                "created_at": iso_datetime(req.create_date),
                "updated_at": iso_datetime(req.write_date),
            }
            for req in self
        ]

    def _housing_api_messages(self):
        """The messages the tenant sees on this request, oldest first."""
        self.ensure_one()
        messages = self._tenant_messages().sorted(lambda message: (message.date, message.id))
        return [
            {
                "id": message.id,
                "date": iso_datetime(message.date),
                "author": message.author_id.name or None,
                "from_reporter": bool(self.reporter_id) and message.author_id == self.reporter_id,
                "body": html2plaintext(message.body or ""),
            }
            for message in messages
        ]

    # ------------------------------------------------------------------ webhooks
    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        self.env["housing.webhook.delivery"]._enqueue(
            "service_request.created", requests.filtered("is_housing")
        )
        return requests

    def _housing_api_gone(self):
        """A fault report hidden from the tenant, or archived in Maintenance, is out of
        the API's view (the API lists what tenants see)."""
        return {**super()._housing_api_gone(), "hidden_from_tenant": True, "archive": True}

    def write(self, vals):
        # Assigning a resource can move the request to another stage too.
        if not {"stage_id", "user_id"} & vals.keys():
            return super().write(vals)
        if self.env.context.get("housing_api_tracking_stage"):
            return super().write(vals)  # an outer write reports the change
        before = {request.id: request.stage_id for request in self}
        result = super(
            MaintenanceRequest, self.with_context(housing_api_tracking_stage=True)
        ).write(vals)
        self.env["housing.webhook.delivery"]._enqueue(
            "service_request.stage_changed",
            self.filtered(lambda r: r.is_housing and r.stage_id != before[r.id]),
        )
        return result
