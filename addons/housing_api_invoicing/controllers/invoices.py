from odoo import http
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.housing_api.controllers.common import (
    NOT_FOUND,
    api_route,
    find_one,
    search_page,
)
from odoo.addons.housing_api.controllers.contacts import find_contact
from odoo.addons.housing_api.schemas.base import BrowseQuery, PageQuery

from ..schemas.invoices import Balance, Invoice, OpenItem, Payment

TAG = "Invoices"
CUSTOMER_NUMBER = {"customer_number": "Customer number, e.g. P000123."}
# The rent avier and credit notes of the housing company; the record rules of the
# integration group keep to these (and hide those of protected identities).
AVIER = Domain("housing_period", "!=", False) & Domain(
    "move_type", "in", ("out_invoice", "out_refund")
)
SENT = Domain("state", "in", ("posted", "cancel"))
NOT_FOUND["invoice"] = lambda env, value: env._(
    "There is no avi with number %(value)s.", value=value
)


def contact_avier(customer_number):
    """The domain of the avier and credit notes of the contact with this customer number
    (404 if there is none)."""
    return AVIER & SENT & Domain("partner_id", "=", find_contact(customer_number).id)


class HousingApiInvoices(http.Controller):
    @api_route(
        "/contacts/<string:customer_number>/invoices",
        tag=TAG,
        response=Invoice,
        shape="page",
        query=PageQuery,
        path_params=CUSTOMER_NUMBER,
    )
    def housing_api_contact_invoices(self, customer_number, query):
        """A contact's rent avier and credit notes, newest first (synchronise with
        modified_since, then cursor)."""
        return search_page(
            request.env["account.move"],
            query,
            contact_avier(customer_number),
            order="invoice_date desc, id desc",
        )

    @api_route(
        "/invoices/<path:number>",
        tag=TAG,
        response=Invoice,
        path_params={"number": "Avi number, e.g. HYR/2026/00012 (the slashes as is or as %2F)."},
    )
    def housing_api_invoice(self, number):
        """A rent avi or credit note by number."""
        avi = find_one(request.env["account.move"], "name", number, "invoice", AVIER & SENT)
        return {"data": avi._housing_api_values()[0]}

    @api_route(
        "/contacts/<string:customer_number>/balance",
        tag=TAG,
        response=Balance,
        path_params=CUSTOMER_NUMBER,
    )
    def housing_api_contact_balance(self, customer_number):
        """A contact's rent ledger: billed, paid, open and overdue."""
        env = request.env
        contact = find_contact(customer_number)
        ledger = contact._housing_ledger(env["account.move"])[contact.id]
        return {
            "data": {
                "contact": {"customer_number": contact.customer_number, "name": contact.name},
                **ledger,
                "currency": env.company.currency_id.name,
            }
        }

    @api_route(
        "/contacts/<string:customer_number>/payments",
        tag=TAG,
        response=Payment,
        shape="page",
        query=BrowseQuery,
        path_params=CUSTOMER_NUMBER,
    )
    def housing_api_contact_payments(self, customer_number, query):
        """The payments applied to a contact's avier, newest first."""
        avier = request.env["account.move"]._search(contact_avier(customer_number))
        return search_page(
            request.env["account.partial.reconcile"].sudo(),
            query,
            Domain("debit_move_id.move_id", "in", avier)
            & Domain("credit_move_id.move_id.move_type", "=", "entry"),
            order="max_date desc, id desc",
            values=lambda partials: partials._housing_api_payment_values(),
        )

    @api_route(
        "/contacts/<string:customer_number>/open-items",
        tag=TAG,
        response=OpenItem,
        shape="page",
        query=BrowseQuery,
        path_params=CUSTOMER_NUMBER,
    )
    def housing_api_contact_open_items(self, customer_number, query):
        """A contact's avier not paid in full, oldest due date first, with the days
        overdue."""
        domain = (
            contact_avier(customer_number)
            & Domain("move_type", "=", "out_invoice")
            & Domain("state", "=", "posted")
            & Domain("payment_state", "in", ("not_paid", "partial"))
        )
        return search_page(
            request.env["account.move"],
            query,
            domain,
            order="invoice_date_due, id",
            values=lambda moves: moves._housing_api_open_item_values(),
        )
