# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Swedbank factoring lists: ``LIST_ADV_BUYER`` (advances) and ``LIST_RES_BUYER``
(reserves).

Swedbank's layout is not public (see FORMATS.md section 5), so this parser is keyed on
the field names, not on the wrapper:

* a *row* is any element with an ``InvNo`` child (or attribute);
* element and attribute names are matched without regard to letter case or namespace;
* amounts accept a decimal comma or dot, spaces and a thousands separator;
* a file that is not UTF-8 and declares no encoding is read as Windows-1257 (Baltic);
* dates accept ``YYYY-MM-DD``, ``DD.MM.YYYY``, ``DD/MM/YYYY``, ``YYYYMMDD`` and ISO
  date-times;
* the list type comes from the root (or any) element name, an element whose text is the
  list type, or else from the amount fields present (``InvAdvCalc`` / ``InvResCalc``).

Mapping (DESIGN.md section 2):

========================  ==================  ==================
row field                 LIST_ADV_BUYER      LIST_RES_BUYER
========================  ==================  ==================
payment_number (comment)  PmtNr               PmtNr
payment_date (line date)  PmtDate             PmtDate
invoice_number            InvNo               InvNo
bank_amount               InvAdvCalc          InvResCalc
fee_amount                InvComm+InvCommVat  InvInterest
fee_commission            InvComm             0
fee_vat                   InvCommVat          0
fee_interest              0                   InvInterest
========================  ==================  ==================
"""

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from odoo.addons.base_xml_safe.tools import xmlsafe

from .exceptions import MalformedFile, NotMyFormat, _lt, xml_errors

_logger = logging.getLogger(__name__)

#: size limit of a file, in bytes (20 MB), checked before parsing
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

__all__ = [
    "LIST_ADV_BUYER",
    "LIST_RES_BUYER",
    "LIST_TYPES",
    "FactoringList",
    "FactoringRow",
    "is_factoring",
    "parse",
    "parse_amount",
    "parse_date",
]

LIST_ADV_BUYER = "LIST_ADV_BUYER"
LIST_RES_BUYER = "LIST_RES_BUYER"
LIST_TYPES = (LIST_ADV_BUYER, LIST_RES_BUYER)

#: encoding assumed for a file without encoding declaration that is not UTF-8 (Windows
#: Baltic)
FALLBACK_ENCODING = "cp1257"
_BANK_AMOUNT_FIELD = {LIST_ADV_BUYER: "invadvcalc", LIST_RES_BUYER: "invrescalc"}
_SNIFF_MARKERS = (b"list_adv_buyer", b"list_res_buyer", b"invadvcalc", b"invrescalc")
_ZERO = Decimal(0)
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d", "%d-%m-%Y", "%Y.%m.%d")


@dataclass(frozen=True)
class FactoringRow:
    """One invoice row of a factoring list; amounts in the list currency."""

    #: 1-based position of the row in the list
    line_no: int
    #: ``InvNo``: our sales invoice number
    invoice_number: str
    #: ``PmtNr``: the factor's payment number (the receipt line comment)
    payment_number: str | None
    #: ``PmtDate``: the payment date (the receipt line date)
    payment_date: date | None
    #: money paid by the factor for this invoice (``InvAdvCalc`` / ``InvResCalc``)
    bank_amount: Decimal
    #: total fee withheld (``InvComm + InvCommVat`` / ``InvInterest``)
    fee_amount: Decimal
    #: ``InvComm`` (advance list), else 0
    fee_commission: Decimal = _ZERO
    #: ``InvCommVat`` (advance list), else 0
    fee_vat: Decimal = _ZERO
    #: ``InvInterest`` (reserve list), else 0
    fee_interest: Decimal = _ZERO
    #: ``InvSum``: the invoice total, when given
    invoice_amount: Decimal | None = None
    #: ``InvDate``
    invoice_date: date | None = None
    #: ``BuyerName`` / ``BuyerRegNo``
    buyer_name: str | None = None
    buyer_reg_no: str | None = None
    #: line number of the row element in the file
    source_line: int | None = None

    @property
    def receivable_amount(self):
        """Receivable cleared on the invoice: bank amount + fee."""
        return self.bank_amount + self.fee_amount


@dataclass(frozen=True)
class FactoringList:
    """A parsed factoring file."""

    #: ``"LIST_ADV_BUYER"`` or ``"LIST_RES_BUYER"``
    list_type: str
    rows: tuple[FactoringRow, ...]
    #: header ``Currency`` when given
    currency: str | None = None
    #: header ``ContractNo`` / ``ClientRegNo`` when given
    contract_number: str | None = None
    client_reg_no: str | None = None

    @property
    def is_advance(self):
        """True for an advance list (``LIST_ADV_BUYER``)."""
        return self.list_type == LIST_ADV_BUYER

    @property
    def total_bank_amount(self):
        """Sum of :attr:`FactoringRow.bank_amount`."""
        return sum((row.bank_amount for row in self.rows), _ZERO)

    @property
    def total_fee_amount(self):
        """Sum of :attr:`FactoringRow.fee_amount`."""
        return sum((row.fee_amount for row in self.rows), _ZERO)


def is_factoring(data):
    """Cheap check, without parsing, whether ``data`` may be a Swedbank factoring
    list."""
    return xmlsafe.contains_marker(data, _SNIFF_MARKERS, ignore_case=True)


def parse_amount(raw):
    """Parse an amount written with a decimal comma or dot (``"1 220,50"``,
    ``"1,220.50"``).

    :return: a :class:`~decimal.Decimal`
    :raises ValueError: the text is not an amount
    """
    text = _SPACES.sub("", raw or "")
    if "," in text and "." in text:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        thousands_sep = "." if decimal_sep == "," else ","
        text = text.replace(thousands_sep, "").replace(decimal_sep, ".")
    elif "," in text:
        if text.count(",") > 1:
            raise ValueError("ambiguous amount")
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        raise ValueError("not an amount")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - excluded by the regular expression
        raise ValueError("not an amount") from None


def parse_date(raw):
    """Parse a date in one of the accepted formats (see the module docstring).

    :raises ValueError: the text is not a date
    """
    text = (raw or "").strip()
    if "T" in text:
        return datetime.fromisoformat(text).date()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError("not a date")


def parse(data, filename, max_bytes=DEFAULT_MAX_BYTES):
    """Parse a Swedbank factoring XML file.

    :param data: the raw file content (``bytes``)
    :param filename: the file name, used in error messages
    :param max_bytes: size limit checked before parsing
    :return: a :class:`FactoringList`
    :raises FileTooLarge: the file exceeds ``max_bytes``
    :raises UnsafeXml: the file declares a DOCTYPE or entities
    :raises NotMyFormat: the file is not a factoring list
    :raises MalformedFile: the file is a factoring list but broken (not well-formed, no
        rows, a row without invoice number or amount, a bad amount or date)
    """
    with xml_errors():
        data = xmlsafe.precheck(data, filename, max_bytes)
    if not xmlsafe.looks_like_xml(data) or not is_factoring(data):
        raise NotMyFormat(
            filename,
            _lt(
                "it is not a Swedbank factoring list (LIST_ADV_BUYER or LIST_RES_BUYER)"
            ),
        )
    with xml_errors():
        root = xmlsafe.load_xml(
            data,
            filename,
            max_bytes,
            fallback_encoding=FALLBACK_ENCODING,
            remove_blank_text=True,
            remove_comments=True,
        )
    rows = _row_elements(root)
    list_type = _detect_list_type(root, rows, filename)
    if not rows:
        raise MalformedFile(
            filename,
            _lt("the %(list_type)s list has no invoice rows (InvNo)"),
            list_type=list_type,
        )
    header = _header_values(root)
    parsed = tuple(
        _parse_row(filename, list_type, element, number)
        for number, element in enumerate(rows, 1)
    )
    _logger.info("Parsed factoring list %s: %d row(s)", list_type, len(parsed))
    return FactoringList(
        list_type=list_type,
        rows=parsed,
        currency=(header.get("currency") or "").upper() or None,
        contract_number=header.get("contractno"),
        client_reg_no=header.get("clientregno"),
    )


def _lower(tag):
    return xmlsafe.local_name(tag).lower()


def _fields(element):
    """Lower-case field name -> stripped text, from child elements and attributes."""
    values = {}
    for name, value in element.attrib.items():
        values.setdefault(_lower(name), (value.strip() or None, element.sourceline))
    for child in element:
        name = _lower(child.tag)
        if name and len(child) == 0:
            text = (child.text or "").strip() or None
            values.setdefault(name, (text, child.sourceline))
    return values


def _row_elements(root):
    rows = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if any(_lower(name) == "invno" for name in element.attrib) or any(
            _lower(child.tag) == "invno" for child in element
        ):
            rows.append(element)
    return rows


def _detect_list_type(root, rows, filename):
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for candidate in (
            xmlsafe.local_name(element.tag).upper(),
            (element.text or "").strip().upper(),
        ):
            for list_type in LIST_TYPES:
                if list_type in candidate:
                    return list_type
    present = set()
    for row in rows:
        names = {_lower(child.tag) for child in row} | {
            _lower(name) for name in row.attrib
        }
        present.update(
            list_type
            for list_type, field in _BANK_AMOUNT_FIELD.items()
            if field in names
        )
    if len(present) == 1:
        return present.pop()
    if present:
        raise MalformedFile(
            filename,
            _lt("the file mixes advance (InvAdvCalc) and reserve (InvResCalc) rows"),
        )
    raise NotMyFormat(
        filename,
        _lt("it is not a Swedbank factoring list (LIST_ADV_BUYER or LIST_RES_BUYER)"),
    )


def _header_values(root):
    for element in root.iter():
        if isinstance(element.tag, str) and _lower(element.tag) == "header":
            return {name: value for name, (value, _line) in _fields(element).items()}
    return {}


def _parse_row(filename, list_type, element, number):
    fields = _fields(element)

    def text(name):
        return fields.get(name, (None, None))[0]

    def line_of(name):
        return fields.get(name, (None, element.sourceline))[1] or element.sourceline

    def converted(name, parse, problem):
        """``parse`` of the field's text, None when absent; ``problem`` when invalid."""
        raw = text(name)
        if raw is None:
            return None
        try:
            return parse(raw)
        except ValueError:
            raise MalformedFile(
                filename,
                problem,
                line=line_of(name),
                row=number,
                field=_DISPLAY.get(name, name),
                value=raw[:40],
            ) from None

    def amount(name, required=False):
        if required and text(name) is None:
            raise MalformedFile(
                filename,
                _lt("row %(row)s has no %(field)s"),
                line=element.sourceline,
                row=number,
                field=_DISPLAY.get(name, name),
            )
        problem = _lt("row %(row)s: %(field)s is not an amount: %(value)r")
        return converted(name, parse_amount, problem)

    def day(name):
        problem = _lt("row %(row)s: %(field)s is not a date: %(value)r")
        return converted(name, parse_date, problem)

    invoice_number = text("invno")
    if not invoice_number:
        raise MalformedFile(
            filename,
            _lt("row %(row)s has no invoice number (InvNo)"),
            line=element.sourceline,
            row=number,
        )
    bank_amount = amount(_BANK_AMOUNT_FIELD[list_type], required=True)
    commission = vat = interest = _ZERO
    if list_type == LIST_ADV_BUYER:
        commission = amount("invcomm") or _ZERO
        vat = amount("invcommvat") or _ZERO
        fee = commission + vat
    else:
        interest = amount("invinterest") or _ZERO
        fee = interest
    return FactoringRow(
        line_no=number,
        invoice_number=invoice_number,
        payment_number=text("pmtnr"),
        payment_date=day("pmtdate"),
        bank_amount=bank_amount,
        fee_amount=fee,
        fee_commission=commission,
        fee_vat=vat,
        fee_interest=interest,
        invoice_amount=amount("invsum"),
        invoice_date=day("invdate"),
        buyer_name=text("buyername"),
        buyer_reg_no=text("buyerregno"),
        source_line=element.sourceline,
    )


_DISPLAY = {
    "invadvcalc": "InvAdvCalc",
    "invrescalc": "InvResCalc",
    "invcomm": "InvComm",
    "invcommvat": "InvCommVat",
    "invinterest": "InvInterest",
    "invsum": "InvSum",
    "pmtdate": "PmtDate",
    "invdate": "InvDate",
}
