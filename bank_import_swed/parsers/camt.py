# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ISO 20022 bank-to-customer cash management messages: camt.053, camt.054 and camt.052.

Supported: versions ``001.02`` and later (tested with .02, .04 and .08), as delivered by
Estonian banks (Swedbank, SEB, LHV, Luminor, Coop). The kind and version are read from
the root namespace ``urn:iso:std:iso:20022:tech:xsd:camt.05x.001.NN``; elements are
matched by local name, so every version and a file without namespace are read alike.

Entry point: :func:`parse` returns one :class:`Statement` per ``Stmt`` (camt.053),
``Ntfctn`` (camt.054) or ``Rpt`` (camt.052), each with its :class:`Entry` lines.

Lines: an ``Ntry`` with several ``TxDtls`` whose amounts (in the account currency) add
up to the entry amount becomes one :class:`Entry` per ``TxDtls``; otherwise the entry
stays one line. Amounts are :class:`~decimal.Decimal`, always positive as in the file;
the direction is ``credit_debit`` (see :attr:`Entry.signed_amount`).

Bank reference (the duplicate-import key, see :attr:`Entry.bank_reference`): the
transaction's ``AcctSvcrRef``, else the entry's, else ``EndToEndId`` (``NOTPROVIDED``
ignored), else a stable hash of the line's fields and position in the statement.
Lines split from one entry that would share a reference get ``/1``, ``/2``... appended.
"""

import contextvars
import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from odoo.addons.base_xml_safe.tools import xmlsafe

from .exceptions import MalformedFile, NotMyFormat, _lt, xml_errors
from .refs import classify_reference, normalize_reference

_logger = logging.getLogger(__name__)

#: size limit of a file, in bytes (20 MB), checked before parsing
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

__all__ = [
    "CREDIT",
    "DEBIT",
    "REF_ACCOUNT_SERVICER",
    "REF_END_TO_END",
    "REF_HASH",
    "Balance",
    "Entry",
    "Statement",
    "is_camt",
    "parse",
]

_NS_RE = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:(camt\.05[234])\.(\d{3}\.\d{2})$")
#: message versions ISO 20022 has published for camt.052/053/054 (001.01 to 001.13); any
#: other is refused
KNOWN_VERSIONS = frozenset(f"001.{number:02d}" for number in range(1, 14))
#: message element under ``Document`` -> (kind, statement element name)
_MESSAGES = {
    "BkToCstmrStmt": ("camt.053", "Stmt"),
    "BkToCstmrDbtCdtNtfctn": ("camt.054", "Ntfctn"),
    "BkToCstmrAcctRpt": ("camt.052", "Rpt"),
}
_SNIFF_MARKERS = (b"urn:iso:std:iso:20022:tech:xsd:camt.05", b"BkToCstmr")
_AMOUNT_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$")
_NOT_PROVIDED = "NOTPROVIDED"

CREDIT = "CRDT"
DEBIT = "DBIT"

# Reference sources, see Entry.bank_reference_source
REF_ACCOUNT_SERVICER = "acct_svcr_ref"
REF_END_TO_END = "end_to_end_id"
REF_HASH = "hash"


@dataclass(frozen=True)
class Balance:
    """One ``Bal`` of a statement."""

    #: ``Tp/CdOrPrtry/Cd`` (``OPBD``, ``CLBD``, ``PRCD``, ``ITBD``...) or the
    #: proprietary type
    type: str
    #: signed amount: negative when ``CdtDbtInd`` is ``DBIT``
    amount: Decimal
    currency: str
    date: date | None


@dataclass(frozen=True)
class Entry:
    """One line of a statement: an ``Ntry``, or one ``TxDtls`` of a split batch entry.

    Amounts are in the account currency unless stated otherwise.
    """

    #: position of this line in :attr:`Statement.entries` (0-based)
    index: int
    #: position of the ``Ntry`` in the statement (0-based); lines split from one entry
    #: share it
    entry_index: int
    #: position of the ``TxDtls`` inside its ``Ntry`` (0-based), ``None`` for an
    #: entry-level line
    tx_index: int | None
    #: number of lines the ``Ntry`` was split into (1 when not split)
    batch_size: int
    #: line amount, positive, in :attr:`currency`
    amount: Decimal
    currency: str
    #: ``"CRDT"`` (money in) or ``"DBIT"`` (money out)
    credit_debit: str
    #: ``RvslInd``: this line reverses an earlier booking
    reversal: bool
    #: ``Sts`` (``BOOK``, ``PDNG``, ``INFO``)
    status: str | None
    booking_date: date | None
    value_date: date | None
    #: amount of the whole ``Ntry`` (equals :attr:`amount` unless split)
    entry_amount: Decimal
    #: unique key of the line for duplicate detection, see the module docstring
    bank_reference: str
    #: where :attr:`bank_reference` comes from: ``"acct_svcr_ref"``,
    #: ``"end_to_end_id"``, ``"hash"``
    bank_reference_source: str
    #: ``AcctSvcrRef`` of the transaction, else of the entry
    account_servicer_ref: str | None = None
    #: ``NtryRef``
    entry_ref: str | None = None
    #: ``Refs/EndToEndId`` (``None`` when absent or ``NOTPROVIDED``)
    end_to_end_id: str | None = None
    #: ``Refs/InstrId``
    instruction_id: str | None = None
    #: ``Refs/TxId``
    transaction_id: str | None = None
    #: name of the other party: the debtor of a credit, the creditor of a debit
    counterparty_name: str | None = None
    counterparty_iban: str | None = None
    #: account id of the other party when it has no IBAN (``Acct/Id/Othr/Id``)
    counterparty_account: str | None = None
    #: BIC of the other party's bank (``DbtrAgt`` / ``CdtrAgt``)
    counterparty_bic: str | None = None
    #: registry code or personal code of the other party (``Id/OrgId/Othr/Id``,
    #: ``Id/PrvtId/Othr/Id``)
    counterparty_id: str | None = None
    #: scheme of :attr:`counterparty_id`: ``COID`` (registry code), ``NIDN`` (personal
    #: code)...
    counterparty_id_scheme: str | None = None
    #: ultimate debtor (credit) or ultimate creditor (debit) name
    ultimate_counterparty_name: str | None = None
    #: ``RmtInf/Strd/CdtrRefInf/Ref`` without spaces (the *viitenumber* or RF reference)
    structured_reference: str | None = None
    #: ``"ee"`` (valid 7-3-1), ``"rf"`` (valid ISO 11649) or ``None``
    reference_type: str | None = None
    #: ``RmtInf/Ustrd`` (the payment explanation), several blocks joined by a space
    unstructured: str | None = None
    #: ``AddtlTxInf`` / ``AddtlNtryInf``
    additional_info: str | None = None
    #: ISO bank transaction code ``Domain/Family/SubFamily``, e.g. ``PMNT/RCDT/ESCT``
    bank_tx_code: str | None = None
    #: bank proprietary transaction code (Swedbank: ``MK``)
    bank_tx_proprietary: str | None = None
    #: issuer of :attr:`bank_tx_proprietary` (Swedbank: ``SWEDBANK AS``)
    bank_tx_issuer: str | None = None
    #: ``AmtDtls/InstdAmt``: the amount as ordered by the payer, possibly in another
    #: currency
    instructed_amount: Decimal | None = None
    instructed_currency: str | None = None
    #: ``CcyXchg/XchgRate`` of the transaction
    exchange_rate: Decimal | None = None
    #: line number of the ``Ntry`` / ``TxDtls`` in the file
    source_line: int | None = None
    #: duplicate key of the booking, see :func:`_booking_key`: ``"bank:..."`` (the
    #: bank's own entry reference) or ``"content:..."`` (no bank reference: the entry's
    #: content and place in its statement)
    booking_key: str | None = None
    #: part of the booking this line is: ``0`` the whole entry, ``n`` its ``n``-th
    #: transaction of a split batch
    booking_part: int = 0
    #: weak key (account, date, amount, payer): the same payment reported without the
    #: same bank reference
    fingerprint: str | None = None
    #: ultimate debtor (credit) or ultimate creditor (debit): IBAN and registry/personal
    #: code when given
    ultimate_counterparty_id: str | None = None

    @property
    def is_credit(self):
        """True for money in (``CRDT``)."""
        return self.credit_debit == CREDIT

    @property
    def is_debit(self):
        """True for money out (``DBIT``)."""
        return self.credit_debit == DEBIT

    @property
    def signed_amount(self):
        """:attr:`amount`, negative for a debit."""
        return self.amount if self.is_credit else -self.amount

    @property
    def is_split(self):
        """True when this line is one transaction of a split batch entry."""
        return self.tx_index is not None and self.batch_size > 1


@dataclass(frozen=True)
class Statement:
    """One ``Stmt`` (camt.053), ``Ntfctn`` (camt.054) or ``Rpt`` (camt.052)."""

    #: ``"camt.053"``, ``"camt.054"`` or ``"camt.052"``
    kind: str
    #: ``"001.02"``, ``"001.08"``...; ``None`` when the file has no namespace
    version: str | None
    #: ``GrpHdr/MsgId``
    msg_id: str | None
    #: ``Stmt/Id``
    statement_id: str | None
    #: IBAN of the account (``Acct/Id/IBAN``), upper case without spaces
    account_iban: str | None
    #: ``Acct/Id/Othr/Id`` when the account has no IBAN
    account_other_id: str | None
    #: account currency: ``Acct/Ccy``, else of the first balance, else of the first
    #: entry
    currency: str | None
    owner_name: str | None
    #: registry code of the account owner (``Ownr/Id/OrgId/Othr/Id`` or ``PrvtId``)
    owner_id: str | None
    servicer_bic: str | None
    servicer_name: str | None
    #: first and last day covered: ``FrToDt``, else the balance dates, else the booking
    #: dates
    date_from: date | None
    date_to: date | None
    #: signed opening balance (``OPBD``, else ``PRCD``); ``None`` when absent (camt.054)
    opening_balance: Decimal | None
    #: signed closing balance (``CLBD``); ``None`` when absent
    closing_balance: Decimal | None
    entries: tuple[Entry, ...] = ()
    balances: tuple[Balance, ...] = ()
    #: ``CreDtTm`` of the statement (else of the message)
    created: datetime | None = None
    #: ``ElctrncSeqNb``
    sequence_number: str | None = None
    #: position of the statement in the file (0-based)
    index: int = 0

    @property
    def credit_entries(self):
        """The lines with money in."""
        return tuple(entry for entry in self.entries if entry.is_credit)

    @property
    def debit_entries(self):
        """The lines with money out."""
        return tuple(entry for entry in self.entries if entry.is_debit)


# ---------------------------------------------------------------------------
# element helpers (match by local name)


#: per parse, ``{element: {local name: [children]}}``: each element's children are
#: indexed once, so the many look-ups of one ``Ntry`` (about sixty) do not scan its
#: children again each time
_CHILD_INDEX = contextvars.ContextVar("camt_child_index", default=None)


def _index(element):
    """``{local name: [children]}`` of ``element``, built once per element during
    :func:`parse`."""
    cache = _CHILD_INDEX.get()
    index = cache.get(element) if cache is not None else None
    if index is None:
        index = {}
        for child in element:
            tag = child.tag
            if isinstance(tag, str):
                index.setdefault(tag.rpartition("}")[2], []).append(child)
        if cache is not None:
            cache[element] = index
    return index


def _child(element, name):
    """First child of ``element`` whose local name is ``name`` (any namespace), else
    ``None``."""
    if element is None:
        return None
    found = _index(element).get(name)
    return found[0] if found else None


def _children(element, name):
    """All children of ``element`` whose local name is ``name``."""
    if element is None:
        return []
    return list(_index(element).get(name, ()))


def _find(element, path):
    for name in path.split("/"):
        element = _child(element, name)
        if element is None:
            return None
    return element


def _text(element, path=None):
    if path:
        element = _find(element, path)
    if element is None or element.text is None:
        return None
    value = element.text.strip()
    return value or None


# ---------------------------------------------------------------------------
# value parsing


class _Context:
    """The file being parsed, for error messages."""

    def __init__(self, filename):
        self.filename = filename

    def error(self, element, detail, **params):
        line = getattr(element, "sourceline", None)
        return MalformedFile(self.filename, detail, line=line, **params)

    def amount(self, amount_element, what, parent=None):
        """Return ``(Decimal, currency)`` of an ``Amt``-like element (``parent`` locates
        a missing one)."""
        if amount_element is None:
            raise self.error(parent, _lt("%(what)s has no amount"), what=what)
        raw = (amount_element.text or "").strip()
        if not _AMOUNT_RE.match(raw):
            raise self.error(
                amount_element,
                _lt("%(what)s has an invalid amount %(value)r"),
                what=what,
                value=raw[:40],
            )
        try:
            value = Decimal(raw)
        except (
            InvalidOperation
        ):  # pragma: no cover - excluded by the regular expression
            raise self.error(
                amount_element,
                _lt("%(what)s has an invalid amount %(value)r"),
                what=what,
                value=raw[:40],
            ) from None
        currency = (amount_element.get("Ccy") or "").strip().upper() or None
        return value, currency

    def optional_amount(self, element, path, what):
        amount_element = _find(element, path)
        if amount_element is None:
            return None, None
        return self.amount(amount_element, what)

    def decimal(self, element, what):
        raw = (element.text or "").strip()
        try:
            value = Decimal(raw)
            if not value.is_finite():
                raise InvalidOperation(raw)
            return value
        except InvalidOperation:
            raise self.error(
                element,
                _lt("%(what)s is not a number: %(value)r"),
                what=what,
                value=raw[:40],
            ) from None

    def date_choice(self, element, what):
        """Parse a ``DateAndDateTimeChoice`` (``Dt`` or ``DtTm``) into a date."""
        if element is None:
            return None
        inner = _child(element, "Dt")
        if inner is not None:
            return self.date(inner, what)
        inner = _child(element, "DtTm")
        if inner is not None:
            return self.datetime(inner, what).date()
        raise self.error(element, _lt("%(what)s has no date"), what=what)

    def date(self, element, what):
        raw = (element.text or "").strip()
        try:
            if not _DATE_RE.match(raw):
                raise ValueError(raw)
            return date.fromisoformat(raw[:10])
        except ValueError:
            raise self.error(
                element,
                _lt("%(what)s is not a valid date: %(value)r"),
                what=what,
                value=raw[:40],
            ) from None

    def datetime(self, element, what):
        raw = (element.text or "").strip()
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            raise self.error(
                element,
                _lt("%(what)s is not a valid date and time: %(value)r"),
                what=what,
                value=raw[:40],
            ) from None

    def credit_debit(self, element, what, required=True):
        indicator = _child(element, "CdtDbtInd")
        value = _text(indicator)
        if value in (CREDIT, DEBIT):
            return value
        if value is None and not required:
            return None
        raise self.error(
            indicator if indicator is not None else element,
            _lt("%(what)s has no valid credit/debit indicator (CRDT or DBIT)"),
            what=what,
        )


def _bool(value):
    return (value or "").strip().lower() in ("true", "1")


# ---------------------------------------------------------------------------
# public API


def is_camt(data):
    """Cheap check, without parsing, whether ``data`` may be a camt message."""
    return xmlsafe.contains_marker(data, _SNIFF_MARKERS)


def parse(data, filename, max_bytes=DEFAULT_MAX_BYTES):
    """Parse a camt.053 / camt.054 / camt.052 file.

    :param data: the raw file content (``bytes``)
    :param filename: the file name, used in error messages
    :param max_bytes: size limit checked before parsing
    :return: list of :class:`Statement`, in file order
    :raises FileTooLarge: the file exceeds ``max_bytes``
    :raises UnsafeXml: the file declares a DOCTYPE or entities
    :raises NotMyFormat: the file is not a camt.052/053/054 message
    :raises MalformedFile: the file is camt but broken (not well-formed XML, missing
        amount, bad date or decimal...); the message names the first problem and its
        line
    """
    with xml_errors():
        data = xmlsafe.precheck(data, filename, max_bytes)
    if not xmlsafe.looks_like_xml(data) or not is_camt(data):
        raise NotMyFormat(
            filename,
            _lt("it is not an ISO 20022 camt.052, camt.053 or camt.054 message"),
        )
    with xml_errors():
        root = xmlsafe.load_xml(
            data,
            filename,
            max_bytes,
            remove_blank_text=True,
            remove_comments=True,
        )
    token = _CHILD_INDEX.set({})
    try:
        return _parse_message(root, filename)
    finally:
        _CHILD_INDEX.reset(token)


def _parse_message(root, filename):
    """The statements of the parsed document ``root`` (see :func:`parse`)."""
    kind, version, message = _detect(root, filename)
    ctx = _Context(filename)
    group_header = _child(message, "GrpHdr")
    msg_id = _text(group_header, "MsgId")
    msg_created = _child(group_header, "CreDtTm")
    statement_name = _MESSAGES[xmlsafe.local_name(message.tag)][1]
    statements = []
    for index, element in enumerate(_children(message, statement_name)):
        statements.append(
            _parse_statement(ctx, element, kind, version, msg_id, msg_created, index)
        )
    if not statements:
        raise MalformedFile(
            filename,
            _lt("the message contains no %(element)s element"),
            element=statement_name,
        )
    _logger.info(
        "Parsed %s %s: %d statement(s), %d line(s)",
        kind,
        version or "(no namespace)",
        len(statements),
        sum(len(statement.entries) for statement in statements),
    )
    return statements


def _detect(root, filename):
    """Return ``(kind, version, message element)`` or raise :class:`NotMyFormat`."""
    ns = xmlsafe.namespace(root.tag)
    if xmlsafe.local_name(root.tag) != "Document":
        raise NotMyFormat(
            filename, _lt("the root element is not an ISO 20022 Document")
        )
    kind = version = None
    if ns:
        match = _NS_RE.match(ns)
        if not match:
            raise NotMyFormat(
                filename,
                _lt("the namespace %(namespace)s is not a camt.052/053/054 one"),
                namespace=ns[:100],
            )
        kind, version = match.groups()
        if version not in KNOWN_VERSIONS:
            raise NotMyFormat(
                filename,
                _lt(
                    "%(kind)s version %(version)s is not a published ISO 20022 "
                    "version (known: 001.01 to 001.13)"
                ),
                kind=kind,
                version=version,
            )
    message = next(
        (child for child in root if xmlsafe.local_name(child.tag) in _MESSAGES), None
    )
    if message is None:
        if kind:
            raise MalformedFile(
                filename, _lt("the %(kind)s document has no message element"), kind=kind
            )
        raise NotMyFormat(
            filename,
            _lt("it is not an ISO 20022 camt.052, camt.053 or camt.054 message"),
        )
    message_kind = _MESSAGES[xmlsafe.local_name(message.tag)][0]
    if kind and kind != message_kind:
        raise MalformedFile(
            filename,
            _lt("the namespace says %(kind)s but the message is %(message_kind)s"),
            line=message.sourceline,
            kind=kind,
            message_kind=message_kind,
        )
    return message_kind, version, message


def _party_id(party):
    """Return ``(id, scheme)`` of a party (organisation first, then private person)."""
    ident = _child(party, "Id")
    for kind in ("OrgId", "PrvtId"):
        holder = _child(ident, kind)
        if holder is None:
            continue
        for other in _children(holder, "Othr"):
            value = _text(other, "Id")
            if value:
                scheme = _text(other, "SchmeNm/Cd") or _text(other, "SchmeNm/Prtry")
                return value, scheme
        for bic_name in ("AnyBIC", "BICOrBEI", "BIC"):
            value = _text(holder, bic_name)
            if value:
                return value, "BIC"
    return None, None


def _party(element):
    """Unwrap ``Party40Choice`` (camt .08: ``Dbtr/Pty``) to the party identification."""
    if element is None:
        return None
    inner = _child(element, "Pty")
    return inner if inner is not None else element


def _agent_bic(agent):
    institution = _child(agent, "FinInstnId")
    return _text(institution, "BICFI") or _text(institution, "BIC")


def _account_ids(account):
    iban = _text(account, "Id/IBAN")
    other = _text(account, "Id/Othr/Id")
    return (normalize_reference(iban) or None), other


def _parse_statement(ctx, element, kind, version, msg_id, msg_created, index):
    account = _child(element, "Acct")
    if account is None:
        raise ctx.error(element, _lt("the statement has no account (Acct)"))
    iban, other_id = _account_ids(account)
    owner = _child(account, "Ownr")
    owner_id, _scheme = _party_id(owner)
    servicer = _child(account, "Svcr")
    balances = tuple(_parse_balance(ctx, bal) for bal in _children(element, "Bal"))
    currency = _text(account, "Ccy")
    if not currency:
        currency = next((bal.currency for bal in balances if bal.currency), None)
    entries_xml = _children(element, "Ntry")
    if not currency and entries_xml:
        first_amount = _child(entries_xml[0], "Amt")
        currency = first_amount.get("Ccy") if first_amount is not None else None
    created_element = _child(element, "CreDtTm")
    if created_element is None:
        created_element = msg_created
    created = (
        ctx.datetime(created_element, _lt("The creation time"))
        if created_element is not None
        else None
    )

    statement_key = "|".join(
        (kind or "", msg_id or "", _text(element, "Id") or "", str(index))
    )
    builder = _EntryBuilder(ctx, iban or other_id, currency, statement_key)
    cache = _CHILD_INDEX.get()
    for entry_index, entry_element in enumerate(entries_xml):
        builder.add(entry_element, entry_index)
        if cache is not None:
            # an entry's elements are not read again: memory stays bounded by one entry
            cache.clear()
    entries = builder.finish()

    date_from, date_to = _period(ctx, element, balances, entries)
    opening = _balance_amount(balances, ("OPBD", "PRCD"))
    closing = _balance_amount(balances, ("CLBD",))
    return Statement(
        kind=kind,
        version=version,
        msg_id=msg_id,
        statement_id=_text(element, "Id"),
        account_iban=iban,
        account_other_id=other_id,
        currency=currency,
        owner_name=_text(owner, "Nm") or _text(account, "Nm"),
        owner_id=owner_id,
        servicer_bic=_agent_bic(servicer),
        servicer_name=_text(servicer, "FinInstnId/Nm"),
        date_from=date_from,
        date_to=date_to,
        opening_balance=opening,
        closing_balance=closing,
        entries=entries,
        balances=balances,
        created=created,
        sequence_number=_text(element, "ElctrncSeqNb"),
        index=index,
    )


def _parse_balance(ctx, element):
    bal_type = (
        _text(element, "Tp/CdOrPrtry/Cd") or _text(element, "Tp/CdOrPrtry/Prtry") or ""
    )
    amount, currency = ctx.amount(_child(element, "Amt"), _lt("A balance"), element)
    if ctx.credit_debit(element, _lt("A balance")) == DEBIT:
        amount = -amount
    return Balance(
        type=bal_type,
        amount=amount,
        currency=currency,
        date=ctx.date_choice(_child(element, "Dt"), _lt("A balance date")),
    )


def _balance_amount(balances, types):
    for bal_type in types:
        for balance in balances:
            if balance.type == bal_type:
                return balance.amount
    return None


def _period(ctx, element, balances, entries):
    period = _child(element, "FrToDt")
    if period is not None:
        start, end = _child(period, "FrDtTm"), _child(period, "ToDtTm")
        if start is not None and end is not None:
            return (
                ctx.datetime(start, _lt("The statement start time")).date(),
                ctx.datetime(end, _lt("The statement end time")).date(),
            )
    opening = next(
        (bal.date for bal in balances if bal.type in ("OPBD", "PRCD") and bal.date),
        None,
    )
    closing = next(
        (bal.date for bal in balances if bal.type == "CLBD" and bal.date), None
    )
    if opening and closing:
        return opening, closing
    dates = [
        entry.booking_date or entry.value_date
        for entry in entries
        if entry.booking_date or entry.value_date
    ]
    if dates:
        return min(dates), max(dates)
    return opening, closing


class _EntryBuilder:
    """Turns ``Ntry`` elements into :class:`Entry` values for one statement."""

    def __init__(self, ctx, account_iban, currency, statement_key=""):
        self.ctx = ctx
        self.account_iban = account_iban
        self.currency = currency
        #: identity of the statement inside which positions are stable (kind, message
        #: and statement ids)
        self.statement_key = statement_key
        self.lines = []  # list of dicts, turned into Entry in finish()

    # -- one Ntry -----------------------------------------------------------

    def add(self, element, entry_index):
        ctx = self.ctx
        amount, currency = ctx.amount(_child(element, "Amt"), _lt("An entry"), element)
        currency = currency or self.currency
        credit_debit = ctx.credit_debit(element, _lt("An entry"))
        status_element = _child(element, "Sts")
        status = (
            _text(status_element, "Cd")
            or _text(status_element, "Prtry")
            or _text(status_element)
        )
        common = {
            "entry_index": entry_index,
            "entry_amount": amount,
            "currency": currency,
            "reversal": _bool(_text(element, "RvslInd")),
            "status": status,
            "booking_date": ctx.date_choice(
                _child(element, "BookgDt"), _lt("The booking date")
            ),
            "value_date": ctx.date_choice(
                _child(element, "ValDt"), _lt("The value date")
            ),
            "entry_ref": _text(element, "NtryRef"),
            "entry_acct_svcr_ref": _text(element, "AcctSvcrRef"),
        }
        common.update(_bank_tx_code(_child(element, "BkTxCd")))
        entry_info = _text(element, "AddtlNtryInf")
        transactions = []
        for details in _children(element, "NtryDtls"):
            transactions.extend(_children(details, "TxDtls"))

        split = (
            self._split_amounts(transactions, amount, currency, credit_debit)
            if len(transactions) > 1
            else None
        )
        if split:
            for tx_index, (tx, tx_amount, tx_direction) in enumerate(split):
                values = dict(common)
                values.update(
                    self._transaction_values(tx, tx_direction, common["reversal"])
                )
                values.update(
                    amount=tx_amount,
                    credit_debit=tx_direction,
                    tx_index=tx_index,
                    batch_size=len(split),
                    source_line=tx.sourceline,
                )
                values["additional_info"] = values.get("additional_info") or entry_info
                self.lines.append(values)
            return
        values = dict(common)
        if len(transactions) == 1:
            values.update(
                self._transaction_values(
                    transactions[0], credit_debit, common["reversal"]
                )
            )
        elif transactions:
            values.update(
                self._merged_values(transactions, credit_debit, common["reversal"])
            )
        values.update(
            amount=amount,
            credit_debit=credit_debit,
            tx_index=0 if len(transactions) == 1 else None,
            batch_size=1,
            source_line=element.sourceline,
        )
        values["additional_info"] = values.get("additional_info") or entry_info
        self.lines.append(values)

    def _split_amounts(self, transactions, entry_amount, currency, entry_direction):
        """Return ``[(TxDtls, amount, direction)]`` when the amounts add up, else
        ``None``."""
        result = []
        total = Decimal(0)
        for tx in transactions:
            tx_amount = self._transaction_amount(tx, currency)
            if tx_amount is None:
                return None
            direction = (
                self.ctx.credit_debit(tx, _lt("A transaction"), required=False)
                or entry_direction
            )
            result.append((tx, tx_amount, direction))
            total += tx_amount if direction == entry_direction else -tx_amount
        if total != entry_amount:
            _logger.debug(
                "Batch entry not split: transaction amounts do not add up to the "
                "entry amount"
            )
            return None
        return result

    def _transaction_amount(self, tx, currency):
        """Amount of a ``TxDtls`` in the account currency, or ``None`` when it has
        none."""
        for path in ("Amt", "AmtDtls/TxAmt/Amt", "AmtDtls/CntrValAmt/Amt"):
            amount_element = _find(tx, path)
            if amount_element is None:
                continue
            value, tx_currency = self.ctx.amount(amount_element, _lt("A transaction"))
            if tx_currency in (None, currency):
                return value
        return None

    # -- TxDtls values ------------------------------------------------------

    def _transaction_values(self, tx, direction, reversal):
        refs = _child(tx, "Refs")
        end_to_end = _text(refs, "EndToEndId")
        if end_to_end and end_to_end.upper() == _NOT_PROVIDED:
            end_to_end = None
        values = {
            "tx_acct_svcr_ref": _text(refs, "AcctSvcrRef"),
            "end_to_end_id": end_to_end,
            "instruction_id": _text(refs, "InstrId"),
            "transaction_id": _text(refs, "TxId"),
            "additional_info": _text(tx, "AddtlTxInf"),
        }
        values.update(_bank_tx_code(_child(tx, "BkTxCd"), only_present=True))
        values.update(self._counterparty(tx, direction, reversal))
        values.update(_remittance(_child(tx, "RmtInf")))
        instructed, instructed_currency = self.ctx.optional_amount(
            tx, "AmtDtls/InstdAmt/Amt", _lt("An instructed amount")
        )
        values["instructed_amount"] = instructed
        values["instructed_currency"] = instructed_currency
        rate = None
        for path in (
            "AmtDtls/InstdAmt/CcyXchg/XchgRate",
            "AmtDtls/TxAmt/CcyXchg/XchgRate",
            "AmtDtls/CntrValAmt/CcyXchg/XchgRate",
        ):
            rate_element = _find(tx, path)
            if rate_element is not None:
                rate = self.ctx.decimal(rate_element, _lt("An exchange rate"))
                break
        values["exchange_rate"] = rate
        return values

    def _counterparty(self, tx, direction, reversal):
        """Values of the other party: the debtor of a credit, the creditor of a debit.

        A reversal swaps the roles. When the expected side is absent and the other side
        is not the statement's own account, the other side is used.
        """
        parties = _child(tx, "RltdPties")
        agents = _child(tx, "RltdAgts")
        sides = [
            ("Dbtr", "DbtrAcct", "DbtrAgt", "UltmtDbtr"),
            ("Cdtr", "CdtrAcct", "CdtrAgt", "UltmtCdtr"),
        ]
        if (direction == CREDIT) == reversal:
            sides.reverse()
        for position, (party_tag, account_tag, agent_tag, ultimate_tag) in enumerate(
            sides
        ):
            party = _party(_child(parties, party_tag))
            account = _child(parties, account_tag)
            iban, other_account = _account_ids(account)
            name = _text(party, "Nm")
            ultimate_name = _text(_party(_child(parties, ultimate_tag)), "Nm")
            if position == 1:
                if not (name or iban or other_account or ultimate_name) or (
                    iban and iban == self.account_iban
                ):
                    break
            elif not (name or iban or other_account or ultimate_name):
                continue
            party_id, scheme = _party_id(party)
            return {
                "counterparty_name": name,
                "counterparty_iban": iban,
                "counterparty_account": other_account if not iban else None,
                "counterparty_bic": _agent_bic(_child(agents, agent_tag)),
                "counterparty_id": party_id,
                "counterparty_id_scheme": scheme,
                "ultimate_counterparty_name": _text(
                    _party(_child(parties, ultimate_tag)), "Nm"
                ),
                "ultimate_counterparty_id": _party_id(
                    _party(_child(parties, ultimate_tag))
                )[0],
            }
        return {}

    def _merged_values(self, transactions, direction, reversal):
        """Entry-level values of a batch that cannot be split: keep what all
        transactions share."""
        per_tx = [
            self._transaction_values(tx, direction, reversal) for tx in transactions
        ]
        merged = {}
        for key in per_tx[0]:
            distinct = {values.get(key) for values in per_tx}
            if len(distinct) == 1:
                merged[key] = per_tx[0][key]
        texts = []
        for values in per_tx:
            text = values.get("unstructured")
            if text and text not in texts:
                texts.append(text)
        merged["unstructured"] = "; ".join(texts) or None
        # a transaction-level reference does not identify the whole entry
        merged.pop("tx_acct_svcr_ref", None)
        merged.pop("end_to_end_id", None)
        return merged

    # -- references ---------------------------------------------------------

    def finish(self):
        """Compute bank references and return the :class:`Entry` tuple."""
        lines = self.lines
        for position, values in enumerate(lines):
            reference = values.get("tx_acct_svcr_ref")
            source = REF_ACCOUNT_SERVICER
            entry_level = False
            if not reference:
                reference = values.get("entry_acct_svcr_ref")
                entry_level = True
            if not reference:
                reference = values.get("end_to_end_id")
                source = REF_END_TO_END
            if not reference:
                reference = _hash_reference(self.account_iban, values, position)
                source = REF_HASH
            values["bank_reference"] = reference
            values["bank_reference_source"] = source
            values["account_servicer_ref"] = values.get(
                "tx_acct_svcr_ref"
            ) or values.get("entry_acct_svcr_ref")
            values["_entry_level_ref"] = entry_level and source == REF_ACCOUNT_SERVICER
        # lines of one split entry must not share a reference
        by_entry = {}
        for values in lines:
            if values["batch_size"] > 1:
                by_entry.setdefault(values["entry_index"], []).append(values)
        for group in by_entry.values():
            references = [values["bank_reference"] for values in group]
            if len(set(references)) != len(references) or any(
                values["_entry_level_ref"] for values in group
            ):
                for values in group:
                    if values["bank_reference_source"] != REF_HASH:
                        values["bank_reference"] = (
                            f"{values['bank_reference']}/{values['tx_index'] + 1}"
                        )
        for values in lines:
            values["booking_key"], values["booking_part"] = self._booking_key(values)
            values["fingerprint"] = _fingerprint(self.account_iban, values)
        seen = {}
        for values in lines:
            seen[values["bank_reference"]] = seen.get(values["bank_reference"], 0) + 1
        duplicates = sum(1 for count in seen.values() if count > 1)
        if duplicates:
            _logger.info(
                "%d bank reference(s) occur more than once in one statement", duplicates
            )
        return tuple(_make_entry(index, values) for index, values in enumerate(lines))

    def _booking_key(self, values):
        """Return ``(key, part)``, the duplicate key of a line, stable across how a bank
        reports one booking.

        * The bank's reference of the booking (``Ntry/AcctSvcrRef``; for an entry that
          is not split, else the one of its transaction) with the account, booking date,
          **entry** amount and currency (``bank:IBAN|ref|date|amount|currency``). The
          lines of a split batch share it and differ by ``part`` (transaction index +
          1); the same entry reported whole (camt.053) or split (camt.054) therefore has
          the same key. A split batch without an entry reference keys each transaction
          by its own reference and amount (``part`` 0).
        * Without any bank reference: the line's content and its place in the statement
          (``content:sha256(...)``): the same statement imported again has the same
          keys, another message reporting the same payment does not (the weak
          :attr:`Entry.fingerprint` catches that one).

        Payer-chosen ids (``EndToEndId``, ``InstrId``) never make a key: small payers
        send ``"1"`` for every payment."""
        split = values["batch_size"] > 1
        part = values["tx_index"] + 1 if split else 0
        booking_date = str(values.get("booking_date") or values.get("value_date") or "")
        reference = values.get("entry_acct_svcr_ref")
        amount = values["entry_amount"]
        if not reference and not split:
            reference = values.get("tx_acct_svcr_ref")
        elif not reference and values.get("tx_acct_svcr_ref"):
            reference, amount, part = values["tx_acct_svcr_ref"], values["amount"], 0
        if reference:
            key = (
                "bank:" + (self.account_iban or ""),
                reference,
                booking_date,
                _amount_key(amount),
                values["currency"] or "",
            )
            return "|".join(key), part
        fields = (
            self.account_iban or "",
            self.statement_key,
            str(values["entry_index"]),
            booking_date,
            _amount_key(values["entry_amount"]),
            values.get("currency") or "",
            values.get("credit_debit") or "",
            values.get("end_to_end_id") or "",
            values.get("counterparty_iban") or values.get("counterparty_account") or "",
            values.get("counterparty_name") or "",
            values.get("structured_reference") or "",
            values.get("unstructured") or "",
        )
        digest = hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()
        return "content:" + digest[:40], part


def _amount_key(amount):
    """An amount as text that does not depend on how many decimals the file wrote
    (``60.00`` and ``60``)."""
    return format(amount.normalize(), "f")


def _fingerprint(account, values):
    """Weak key of a line: account, booking date, direction, amount and payer (IBAN,
    else the name folded). Two different payments may share it; a match on it alone only
    makes a *possible* duplicate."""
    payer = values.get("counterparty_iban") or values.get("counterparty_account")
    if not payer:
        payer = " ".join(
            (
                values.get("counterparty_name")
                or values.get("ultimate_counterparty_name")
                or ""
            ).split()
        )
        payer = payer.casefold()
    return "|".join(
        (
            account or "",
            str(values.get("booking_date") or values.get("value_date") or ""),
            values.get("credit_debit") or "",
            _amount_key(values["amount"]),
            values.get("currency") or "",
            payer,
        )
    )


_ENTRY_FIELDS = frozenset(Entry.__dataclass_fields__)


def _make_entry(index, values):
    kwargs = {key: value for key, value in values.items() if key in _ENTRY_FIELDS}
    return Entry(index=index, **kwargs)


def _hash_reference(account_iban, values, position):
    """A stable reference for a line without bank ids: sha256 of its fields and
    position."""
    fields = (
        account_iban or "",
        str(values.get("booking_date") or ""),
        str(values.get("value_date") or ""),
        str(values.get("amount")),
        values.get("currency") or "",
        values.get("credit_debit") or "",
        values.get("counterparty_iban") or "",
        values.get("counterparty_name") or "",
        values.get("structured_reference") or "",
        values.get("unstructured") or "",
        values.get("entry_ref") or "",
        str(values.get("entry_index")),
        str(values.get("tx_index")),
        str(position),
    )
    digest = hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()
    return "sha256:" + digest[:40]


def _bank_tx_code(element, only_present=False):
    if element is None:
        return {}
    domain = _child(element, "Domn")
    code = None
    if domain is not None:
        parts = [
            _text(domain, "Cd"),
            _text(domain, "Fmly/Cd"),
            _text(domain, "Fmly/SubFmlyCd"),
        ]
        code = "/".join(part for part in parts if part) or None
    values = {
        "bank_tx_code": code,
        "bank_tx_proprietary": _text(element, "Prtry/Cd"),
        "bank_tx_issuer": _text(element, "Prtry/Issr"),
    }
    if only_present:
        return {key: value for key, value in values.items() if value}
    return values


def _remittance(element):
    if element is None:
        return {}
    texts = [_text(ustrd) for ustrd in _children(element, "Ustrd")]
    reference = None
    for structured in _children(element, "Strd"):
        reference = _text(structured, "CdtrRefInf/Ref")
        if reference:
            break
    reference = normalize_reference(reference) or None
    return {
        "unstructured": " ".join(text for text in texts if text) or None,
        "structured_reference": reference,
        "reference_type": classify_reference(reference) if reference else None,
    }
