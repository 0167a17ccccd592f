from odoo import fields, models


class HousingWebhookEvent(models.Model):
    """A kind of change other systems can subscribe to (lease.created, ...)."""

    _name = "housing.webhook.event"
    _description = "Webhook event type"
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, help="Sent as 'event' in the payload, e.g. lease.created.")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each event code is defined once.")

    def _compute_display_name(self):
        for event in self:
            event.display_name = f"{event.name} ({event.code})"
