from odoo import models
from odoo.exceptions import AccessError


class MailThread(models.AbstractModel):
    """The chatter of housing records is the staff's. Odoo lets whoever reads a record
    follow it, and followers post on it, internal notes included: a tenant (portal) or an
    integration could write into the staff's chatter over RPC. Share users neither post
    nor follow there themselves; the suite's own methods (``message_post_tenant`` of a
    service request, the parking queue's notifications) post for them."""

    _inherit = "mail.thread"

    def _housing_staff_chatter(self):
        """Whether this model's chatter belongs to the housing staff (overridden by
        the housing modules for Odoo models they take over, such as service requests)."""
        return self._name.startswith("housing.")

    def _housing_check_share_chatter(self):
        if self.env.su or not self.env.user.share or not self._housing_staff_chatter():
            return
        raise AccessError(
            self.env._(
                "Tenants and integrations do not write in the staff's chatter; they use the "
                "housing portal and the housing API."
            )
        )

    def message_post(self, **kwargs):
        self._housing_check_share_chatter()
        return super().message_post(**kwargs)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        self._housing_check_share_chatter()
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)
