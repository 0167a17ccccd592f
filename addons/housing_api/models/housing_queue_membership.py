from odoo import models

from ..tools.formatting import iso_date, iso_datetime


class HousingQueueMembership(models.Model):
    _inherit = "housing.queue.membership"

    def _housing_api_values(self):
        return [
            {
                "id": membership.id,
                "queue_type": membership.queue_type,
                "queue_name": membership.queue_name,
                "queue_start_date": iso_date(membership.queue_start_date),
                "points": membership.queue_points,
                "state": membership.state,
                "last_confirmed_at": iso_datetime(membership.last_confirmed_at),
                "expires_at": iso_date(membership.expires_at),
                "refusal_count": membership.refusal_count,
            }
            for membership in self
        ]
