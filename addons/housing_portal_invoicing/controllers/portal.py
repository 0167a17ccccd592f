from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import format_amount

from odoo.addons.account.controllers.portal import PortalAccount
from odoo.addons.housing_portal.controllers.housing_portal import HousingPortal


class HousingPortalInvoicing(HousingPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Move = request.env["account.move"]
        for counter, overdue in (("housing_avi_count", False), ("housing_avi_overdue_count", True)):
            if counter in counters:
                values[counter] = (
                    Move.search_count(Move._housing_portal_domain(overdue))
                    if Move.has_access("read")
                    else 0
                )
        return values

    def _housing_lease_page(self, lease):
        response = super()._housing_lease_page(lease)
        env = request.env
        Move = env["account.move"]
        partner = env.user.partner_id.commercial_partner_id
        ledger = partner._housing_ledger(Move)[partner.id]
        currency = env.company.currency_id
        response.qcontext.update(
            housing_avier=lease._housing_portal_avier(env.user),
            housing_ledger=ledger,
            housing_ledger_text=env._(
                "You have %(open)s open, of which %(overdue)s overdue.",
                open=format_amount(env, ledger["open"], currency),
                overdue=format_amount(env, ledger["overdue"], currency),
            ),
            housing_avi_link_text=env._(
                "All your avier (%(count)s)",
                count=Move.search_count(Move._housing_portal_domain()),
            ),
        )
        return response


class HousingPortalAccount(PortalAccount):
    @http.route()
    def portal_my_invoice_detail(
        self, invoice_id, access_token=None, report_type=None, download=False, **kw
    ):
        """Someone else's avi is not found (404), as a lease is, rather than a redirect to
        /my that looks like a broken link."""
        try:
            self._document_check_access("account.move", invoice_id, access_token)
        except (AccessError, MissingError):
            raise NotFound() from None
        return super().portal_my_invoice_detail(
            invoice_id, access_token=access_token, report_type=report_type, download=download, **kw
        )
