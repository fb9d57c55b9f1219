# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Build camt.053 / camt.054 files for tests (plain Python, no Odoo).

The layout follows the committed samples of Estonian banks (``data/camt05*_*.xml``):
``Acct/Id/IBAN``, ``Ntry`` with ``AcctSvcrRef`` (when the bank gives one),
``NtryDtls/TxDtls`` with ``Refs``, ``AmtDtls``, ``RltdPties`` (``Dbtr``, ``DbtrAcct``,
``UltmtDbtr``) and ``RmtInf`` (``Ustrd``, ``Strd/CdtrRefInf/Ref``)."""

from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

MESSAGES = {
    "053": ("BkToCstmrStmt", "Stmt"),
    "054": ("BkToCstmrDbtCdtNtfctn", "Ntfctn"),
    "052": ("BkToCstmrAcctRpt", "Rpt"),
}


@dataclass
class Tx:
    """One ``TxDtls``."""

    amount: Decimal
    name: str | None = None
    iban: str | None = None
    e2e: str | None = None
    acct_svcr_ref: str | None = None
    reference: str | None = None
    text: str | None = None
    ultimate_name: str | None = None
    ultimate_id: str | None = None
    payer_code: str | None = None


@dataclass
class Ntry:
    """One ``Ntry``: its transactions (one ``TxDtls`` per payment of a batch)."""

    amount: Decimal
    booking_date: str
    txs: list = field(default_factory=list)
    acct_svcr_ref: str | None = None
    credit_debit: str = "CRDT"
    status: str = "BOOK"
    currency: str = "EUR"


def _e(tag, content):
    return f"<{tag}>{content}</{tag}>" if content not in (None, "") else ""


def _tx_xml(tx, currency):
    refs = _e("AcctSvcrRef", escape(tx.acct_svcr_ref or "")) + _e(
        "EndToEndId", escape(tx.e2e or "")
    )
    party = _e("Nm", escape(tx.name or ""))
    if tx.payer_code:
        party += (
            f"<Id><OrgId><Othr><Id>{escape(tx.payer_code)}</Id></Othr></OrgId></Id>"
        )
    parties = _e("Dbtr", party)
    if tx.iban:
        parties += f"<DbtrAcct><Id><IBAN>{escape(tx.iban)}</IBAN></Id></DbtrAcct>"
    ultimate = _e("Nm", escape(tx.ultimate_name or ""))
    if tx.ultimate_id:
        ultimate += (
            f"<Id><OrgId><Othr><Id>{escape(tx.ultimate_id)}</Id></Othr></OrgId></Id>"
        )
    parties += _e("UltmtDbtr", ultimate)
    remittance = _e("Ustrd", escape(tx.text or ""))
    if tx.reference:
        remittance += (
            f"<Strd><CdtrRefInf><Ref>{escape(tx.reference)}</Ref></CdtrRefInf></Strd>"
        )
    return (
        "<TxDtls>"
        + _e("Refs", refs)
        + f'<AmtDtls><TxAmt><Amt Ccy="{currency}">{tx.amount}</Amt></TxAmt></AmtDtls>'
        + _e("RltdPties", parties)
        + _e("RmtInf", remittance)
        + "</TxDtls>"
    )


def _entry_xml(entry):
    details = "".join(_tx_xml(tx, entry.currency) for tx in entry.txs)
    return (
        "<Ntry>"
        f'<Amt Ccy="{entry.currency}">{entry.amount}</Amt>'
        f"<CdtDbtInd>{entry.credit_debit}</CdtDbtInd>"
        f"<Sts>{entry.status}</Sts>"
        f"<BookgDt><Dt>{entry.booking_date}</Dt></BookgDt>"
        f"<ValDt><Dt>{entry.booking_date}</Dt></ValDt>"
        + _e("AcctSvcrRef", escape(entry.acct_svcr_ref or ""))
        + (
            "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>"
        )
        + _e("NtryDtls", details)
        + "</Ntry>"
    )


def build(statements, kind="053", version="001.02", msg_id="MSG-1"):
    """A camt file: ``statements`` is a list of ``(iban, [Ntry...])`` or
    ``(iban, [Ntry...], currency)``."""
    message, element = MESSAGES[kind]
    parts = []
    for index, statement in enumerate(statements):
        iban, entries = statement[0], statement[1]
        currency = statement[2] if len(statement) > 2 else "EUR"
        parts.append(
            f"<{element}><Id>{escape(msg_id)}-{index + 1}</Id>"
            "<CreDtTm>2026-11-30T18:00:00</CreDtTm>"
            f"<Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>{currency}</Ccy></Acct>"
            + "".join(_entry_xml(entry) for entry in entries)
            + f"</{element}>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<Document "
        f'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.{kind}.{version}"><{message}>'
        f"<GrpHdr><MsgId>{escape(msg_id)}</MsgId><CreDtTm>2026-11-30T18:00:00</CreDtTm></GrpHdr>"
        + "".join(parts)
        + f"</{message}></Document>"
    ).encode("utf-8")


def single(amount, booking_date="2026-11-20", acct_svcr_ref=None, **tx):
    """An ``Ntry`` holding one payment."""
    amount = Decimal(str(amount))
    return Ntry(
        amount=amount,
        booking_date=booking_date,
        acct_svcr_ref=acct_svcr_ref,
        txs=[Tx(amount=amount, **tx)],
    )
