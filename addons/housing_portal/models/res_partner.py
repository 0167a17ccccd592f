from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _housing_registered_by_staff(self):
        """Whether this contact's name and address are the housing company's register:
        they come from staff or population-register data, never from the portal (a tenant
        changes only phone and e-mail, at /my/contact)."""
        return bool(self.commercial_partner_id.is_housing_contact)

    def _can_be_edited_by_current_customer(self, **kwargs):
        """Odoo's portal address forms (/my/account, /my/addresses) edit nothing of a
        housing tenant or applicant."""
        current = self._get_current_partner(**kwargs)
        if current and current._housing_registered_by_staff():
            return False
        return super()._can_be_edited_by_current_customer(**kwargs)
