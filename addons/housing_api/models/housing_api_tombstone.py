from odoo import api, fields, models

from ..tools.formatting import iso_datetime

# The key integrators know a record by besides its id: its code, a lease its number.
# Contacts get none (a protected contact's customer number stays out of the tombstones).
KEY_FIELDS = {"housing.lease": "name"}


class HousingApiTombstone(models.Model):
    """A record an integration synchronises that was deleted or archived: the sync
    endpoints of /api/housing/v1 return these so a client can remove what it holds.
    Written by the housing.api.synced mixin only (sudo); read by the API in sudo, one
    model at a time."""

    _name = "housing.api.tombstone"
    _description = "Deleted or archived record (API synchronisation)"
    _order = "create_date, id"
    _log_access = True

    res_model = fields.Char("Model", required=True, readonly=True)
    res_id = fields.Integer("Record ID", required=True, readonly=True)
    key = fields.Char(readonly=True, help="Customer number, code or lease number.")
    reason = fields.Selection(
        [("deleted", "Deleted"), ("archived", "Archived")], required=True, readonly=True
    )

    _sync_index = models.Index("(res_model, create_date, id)")

    def _housing_api_values(self):
        return [
            {
                "id": tombstone.res_id,
                "key": tombstone.key or None,
                "reason": tombstone.reason,
                "at": iso_datetime(tombstone.create_date),
            }
            for tombstone in self
        ]


class HousingApiSynced(models.AbstractModel):
    """Leaves a tombstone when one of these records is deleted or archived (or otherwise
    leaves the API's view, see _housing_api_gone), and takes it away again when the record
    comes back (it is then in the sync's data once more)."""

    _name = "housing.api.synced"
    _description = "Synchronised over the housing API"

    def _housing_api_tombstone(self, reason):
        key_field = KEY_FIELDS.get(self._name) or ("code" if "code" in self._fields else None)
        self.env["housing.api.tombstone"].sudo().create(
            [
                {
                    "res_model": self._name,
                    "res_id": record.id,
                    "key": record[key_field] if key_field else False,
                    "reason": reason,
                }
                for record in self
            ]
        )

    def _housing_api_gone(self):
        """{field: value}: a record with any of these values is out of the API's view
        (archived); the tombstone's reason is "archived"."""
        return {"active": False} if "active" in self._fields else {}

    def write(self, vals):
        gone = {name: value for name, value in self._housing_api_gone().items() if name in vals}
        if not gone:
            return super().write(vals)

        def is_gone(record):
            return any(record[name] == value for name, value in self._housing_api_gone().items())

        before = {record.id: is_gone(record) for record in self}
        result = super().write(vals)
        now_gone = self.filtered(is_gone)
        (now_gone.filtered(lambda record: not before[record.id]))._housing_api_tombstone("archived")
        back = (self - now_gone).filtered(lambda record: before[record.id])
        if back:
            self.env["housing.api.tombstone"].sudo().search(
                [("res_model", "=", self._name), ("res_id", "in", back.ids)]
            ).unlink()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_housing_api_tombstone(self):
        self._housing_api_tombstone("deleted")
