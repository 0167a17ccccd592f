"""ISO 20022 camt.054 (BankToCustomerDebitCreditNotification), as Swedish banks and
Bankgirot send incoming payments to a bankgiro or an account.

Read with lxml, without namespaces (the message versions 001.02 to 001.08 differ in their
namespace, not in the elements read here): a notification (``Ntfctn``) per account, an
entry (``Ntry``) per booking, and in it the transactions (``NtryDtls/TxDtls``), each with
its amount, the creditor reference (``RmtInf/Strd/CdtrRefInf/Ref``, the OCR number) or an
unstructured message (``RmtInf/Ustrd``), the payer (``RltdPties/Dbtr``) and the bank's
reference (``Refs/AcctSvcrRef``). Only booked entries (``Sts`` BOOK) are read.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from odoo.tools import LazyTranslate

from .statement import Line, Statement

_lt = LazyTranslate(__name__)


class Camt054Error(ValueError):
    """A file that is not a camt.054 notification. ``message`` is translatable."""

    def __init__(self, message):
        super().__init__(message._translate("en_US"))
        self.message = message


def _text(node, path):
    found = node.find(path) if node is not None else None
    return (found.text or "").strip() if found is not None else ""


def _path(*names):
    return "/".join(f"{{*}}{name}" for name in names)


def _amount(node, fallback=None):
    value = _text(node, _path("Amt")) or _text(node, _path("AmtDtls", "TxAmt", "Amt"))
    if not value and fallback is not None:
        return _amount(fallback)
    try:
        return Decimal(value)
    except InvalidOperation:
        raise Camt054Error(_lt("%(value)r is not an amount", value=value)) from None


def _date(node, name):
    value = _text(node, _path(name, "Dt")) or _text(node, _path(name, "DtTm"))[:10]
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Camt054Error(_lt("%(value)r is not a date", value=value)) from None


def _signed(node, amount, default):
    indicator = _text(node, _path("CdtDbtInd")) or default
    return amount if indicator == "CRDT" else -amount


def parse(data):
    """The statements of a camt.054 file (bytes): one per notification, a line per
    booked transaction. Raises :class:`Camt054Error` for anything else."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise Camt054Error(_lt("the file is not XML: %(error)s", error=str(error))) from None
    message = root.find(_path("BkToCstmrDbtCdtNtfctn"))
    if message is None:
        raise Camt054Error(_lt("the file is not a camt.054 notification (BkToCstmrDbtCdtNtfctn)"))
    message_id = _text(message, _path("GrpHdr", "MsgId"))
    result = []
    for notification in message.findall(_path("Ntfctn")):
        account = notification.find(_path("Acct"))
        other = account.find(_path("Id", "Othr")) if account is not None else None
        scheme = _text(other, _path("SchmeNm", "Prtry")) or _text(other, _path("SchmeNm", "Cd"))
        notification_id = _text(notification, _path("Id")) or message_id
        statement = Statement(
            name=notification_id,
            date=None,
            currency=_text(account, _path("Ccy")) or "SEK",
            iban=_text(account, _path("Id", "IBAN")),
            bankgiro=_text(other, _path("Id")) if scheme == "BGNR" else "",
        )
        for entry_index, entry in enumerate(notification.findall(_path("Ntry")), 1):
            status = _text(entry, _path("Sts", "Cd")) or _text(entry, _path("Sts"))
            if status and status != "BOOK":
                continue
            booked = _date(entry, "BookgDt") if entry.find(_path("BookgDt")) is not None else None
            value_date = booked or _date(entry, "ValDt")
            entry_sign = _text(entry, _path("CdtDbtInd"))
            entry_ref = _text(entry, _path("AcctSvcrRef")) or f"{notification_id}/{entry_index}"
            details = entry.findall(_path("NtryDtls", "TxDtls")) or [None]
            for index, detail in enumerate(details, 1):
                node = detail if detail is not None else entry
                amount = _amount(node, fallback=entry)
                reference = _text(node, _path("RmtInf", "Strd", "CdtrRefInf", "Ref"))
                unstructured = " ".join(
                    (item.text or "").strip() for item in node.findall(_path("RmtInf", "Ustrd"))
                )
                payer = _text(node, _path("RltdPties", "Dbtr", "Nm")) or _text(
                    node, _path("RltdPties", "Dbtr", "Pty", "Nm")
                )
                own_ref = _text(node, _path("Refs", "AcctSvcrRef")) if detail is not None else ""
                statement.lines.append(
                    Line(
                        key="camt054:" + (own_ref or f"{entry_ref}/{index}"),
                        date=value_date,
                        amount=_signed(node, amount, entry_sign),
                        reference=reference or unstructured,
                        structured=bool(reference),
                        payer_name=payer,
                        note=unstructured if reference else "",
                    )
                )
        if statement.lines:
            statement.date = max(line.date for line in statement.lines)
            result.append(statement)
    return result
