from typing import Literal

from pydantic import Field

from odoo.addons.housing_api.schemas.base import ContactRef, Date, DateTime, Resource, selection


class InvoiceLine(Resource):
    description: str = Field(examples=["Grundhyra 705-808-00-0006, februari 2026"])
    amount_untaxed: float
    amount_total: float = Field(description="With VAT (premises under voluntary tax liability).")


class Invoice(Resource):
    """A rent avi or a credit note."""

    id: int
    number: str = Field(examples=["HYR/2026/00012"])
    type: Literal["invoice", "credit_note"]
    contact: ContactRef
    period: Date | None = Field(description="First day of the billed month.")
    invoice_date: Date | None
    due_date: Date | None
    amount_untaxed: float
    amount_tax: float
    amount_total: float
    amount_residual: float = Field(
        description="What is left to pay (to credit, for a credit note)."
    )
    currency: str = Field(examples=["SEK"])
    state: selection("account.move", "state")
    payment_state: selection("account.move", "payment_state")
    ocr_reference: str | None = Field(
        description="Bankgirot OCR reference to pay with.", examples=["202600012"]
    )
    bankgiro: str | None = Field(examples=["5050-1055"])
    lines: list[InvoiceLine]
    updated_at: DateTime


class Balance(Resource):
    """A contact's rent ledger: their posted avier and credit notes."""

    contact: ContactRef
    billed: float
    paid: float
    open: float = Field(description="Billed and not yet paid.")
    overdue: float = Field(description="Open on avier whose due date has passed.")
    currency: str


class InvoiceRef(Resource):
    number: str
    ocr_reference: str | None


class Payment(Resource):
    """A payment (or bank statement line) applied to one of the contact's avier."""

    id: int
    date: Date
    amount: float
    currency: str
    reference: str | None = Field(description="The payment's OCR number or reference.")
    source: Literal["payment", "bank_statement"]
    invoice: InvoiceRef


class OpenItem(Resource):
    """An avi not (fully) paid."""

    number: str
    invoice_date: Date | None
    due_date: Date | None
    amount_total: float
    amount_residual: float
    currency: str
    ocr_reference: str | None
    bankgiro: str | None
    days_overdue: int = Field(description="Days since the due date (Stockholm), 0 if not due.")
