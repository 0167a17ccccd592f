import datetime

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.housing_lease.models.housing_lease import ACTIVE_STATES
from odoo.addons.housing_letting.models.housing_listing import OPEN_STATES
from odoo.addons.housing_letting.tools.dates import stockholm_today


class HousingRentalObject(models.Model):
    _inherit = "housing.rental.object"

    parking_listing_ids = fields.One2many(
        "housing.listing", "rental_object_id", string="Parking listings"
    )
    parking_listing_count = fields.Integer(compute="_compute_parking_listing_count")

    def _compute_parking_listing_count(self):
        counts = dict(
            self.env["housing.listing"]._read_group(
                [("rental_object_id", "in", self.ids)], ["rental_object_id"], ["__count"]
            )
        )
        for obj in self:
            obj.parking_listing_count = counts.get(obj, 0)

    def _parking_vacant_from(self, today):
        """{object: the first day it is free} for parking spaces that are vacant or under
        notice on ``today``; objects let until further notice are left out."""
        leases = (
            self.env["housing.lease"]
            .sudo()
            .search_fetch(
                [("rental_object_id", "in", self.ids), ("state", "in", ACTIVE_STATES)],
                ["rental_object_id", "date_stop"],
            )
        )
        free = dict.fromkeys(self, today)
        for lease in leases:
            obj = lease.rental_object_id
            if obj not in free:
                continue
            if not lease.date_stop:
                del free[obj]
            else:
                free[obj] = max(free[obj], lease.date_stop + datetime.timedelta(days=1))
        return free

    def _create_parking_listings(self, rule, date_from, date_to):
        """Publish a listing for each of these parking spaces that is vacant or under
        notice and has no open listing yet. Returns the listings; refuses when none
        qualifies."""
        Listing = self.env["housing.listing"]
        parking = self.filtered(lambda obj: obj.object_type == "parking")
        listed = Listing.search(
            [
                ("rental_object_id", "in", parking.ids),
                ("state", "in", OPEN_STATES),
            ]
        ).rental_object_id
        today = stockholm_today()
        free = (parking - listed)._parking_vacant_from(today)
        # A lease cannot start while the space is blocked: such spaces are not published.
        blocked = [
            obj for obj, vacant_from in free.items() if obj._is_blocked_on(max(vacant_from, today))
        ]
        for obj in blocked:
            del free[obj]
        if not free:
            message = self.env._(
                "None of the selected rental objects is a vacant or under-notice parking "
                "space without an open listing."
            )
            if blocked:
                message += "\n" + self.env._(
                    "Blocked from letting on the day the lease would start: %(spaces)s.",
                    spaces=", ".join(obj.code for obj in blocked),
                )
            raise UserError(message)
        return Listing.create(
            [
                {
                    "rental_object_id": obj.id,
                    "rule": rule,
                    "date_from": date_from,
                    "date_to": date_to,
                    "vacant_from": vacant_from,
                }
                for obj, vacant_from in free.items()
            ]
        )

    def action_open_parking_listing_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Publish parking listings"),
            "res_model": "housing.parking.listing.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_view_parking_listings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "housing_parking_queue.action_housing_parking_listing"
        )
        action["domain"] = [("rental_object_id", "=", self.id)]
        action["context"] = {"default_rental_object_id": self.id}
        return action
