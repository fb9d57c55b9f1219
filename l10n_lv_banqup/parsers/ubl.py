# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""UBL 2.1 Invoice / CreditNote (Peppol BIS Billing 3.0) -> plain dataclasses.

Entry point: :func:`parse` (bytes in, :class:`UblDocument` out). Amounts are
:class:`~decimal.Decimal` exactly as written in the file (never ``float``); absent
optional amounts are ``Decimal("0")`` in :class:`Totals` and ``None`` elsewhere.
Business terms (BT-nn) refer to EN 16931 / Peppol BIS Billing 3.0.

The parser reads; it does not judge business rules.
:meth:`UblDocument.consistency_problems` lists arithmetic inconsistencies for the caller
to decide on, and :meth:`UblDocument.normalized` turns a negative-total invoice into a
credit note with positive amounts (FORMATS.md §2 decision).
"""

import base64
import binascii
import dataclasses
import datetime
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from odoo.addons.base_xml_safe.tools import xmlsafe

from .exceptions import MalformedFile, NotMyFormat, Text, _lt, xml_errors

_logger = logging.getLogger(__name__)

#: default upper bound of an e-invoice file, in bytes (10 MB), checked before parsing
DEFAULT_MAX_SIZE = 10 * 1024 * 1024


def parse_xml(data, filename=None, max_size=DEFAULT_MAX_SIZE):
    """Load untrusted XML with the shared safe loader of ``base_xml_safe``.

    :param bytes data: the raw file content (``str`` is refused).
    :param str filename: used in error messages only.
    :param int max_size: size limit in bytes, checked before parsing.
    :raises FileTooLarge: ``data`` is larger than ``max_size``.
    :raises NotMyFormat: the content is not XML at all (e.g. a PDF).
    :raises MalformedFile: not well-formed, or a DOCTYPE / ENTITY is present.
    :rtype: lxml.etree._Element
    """
    with xml_errors():
        return xmlsafe.load_xml(data, filename, max_size)


NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
KIND_INVOICE = "invoice"
KIND_CREDIT_NOTE = "credit_note"

ZERO = Decimal(0)
_AMOUNT_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# ---------------------------------------------------------------------------
# data classes
# ---------------------------------------------------------------------------


@dataclass
class PartyIdentifier:
    """BT-29 / BT-46 party identifier with its optional ICD/EAS scheme."""

    value: str
    scheme: str | None = None


@dataclass
class Party:
    """Seller (BG-4) or buyer (BG-7)."""

    name: str | None = None  #: BT-28/45 trading name (PartyName/Name)
    registration_name: str | None = None  #: BT-27/44 legal name
    vat: str | None = (
        None  #: BT-31/48 VAT identifier (PartyTaxScheme with TaxScheme ID VAT)
    )
    company_id: str | None = None  #: BT-30/47 legal registration id
    company_id_scheme: str | None = None
    endpoint_id: str | None = None  #: BT-34/49 electronic address
    endpoint_scheme: str | None = None  #: its EAS code (9939, 0218, ...)
    identifiers: list[PartyIdentifier] = field(default_factory=list)  #: BT-29/46
    street: str | None = None
    street2: str | None = None
    city: str | None = None
    zip: str | None = None
    country_code: str | None = None  #: BT-40/55 ISO 3166-1 alpha-2
    email: str | None = None
    phone: str | None = None

    @property
    def display_name(self):
        """Legal name, else trading name."""
        return self.registration_name or self.name


@dataclass
class AllowanceCharge:
    """Document-level (BG-20/21) or line-level (BG-27/28) allowance or charge."""

    is_charge: bool
    amount: Decimal
    base_amount: Decimal | None = None
    percent: Decimal | None = None
    reason: str | None = None
    reason_code: str | None = None
    tax_category: str | None = (
        None  #: document level only (line level takes the line's)
    )
    tax_percent: Decimal | None = None

    @property
    def signed_amount(self):
        """``amount`` for a charge, ``-amount`` for an allowance."""
        return self.amount if self.is_charge else -self.amount


@dataclass
class Line:
    """Invoice line (BG-25) / credit note line."""

    id: str  #: BT-126
    name: str | None  #: BT-153 Item/Name
    description: str | None  #: BT-154 Item/Description
    quantity: Decimal  #: BT-129
    unit_code: str | None  #: BT-130 UN/ECE Rec 20
    net_amount: Decimal  #: BT-131 line net amount (after line allowances/charges)
    price: Decimal  #: BT-146 net price per base_quantity
    base_quantity: Decimal | None = None  #: BT-149
    gross_price: Decimal | None = None  #: BT-148 price before the price discount
    price_discount: Decimal | None = None  #: BT-147 discount on the price
    seller_item_id: str | None = None  #: BT-155
    buyer_item_id: str | None = None  #: BT-156
    standard_item_id: str | None = None  #: BT-157 (e.g. GTIN)
    standard_item_scheme: str | None = None  #: its scheme (0160 = GTIN)
    tax_category: str | None = None  #: BT-151 UNCL5305
    tax_percent: Decimal | None = None  #: BT-152
    allowances_charges: list[AllowanceCharge] = field(default_factory=list)  #: BG-27/28
    accounting_cost: str | None = None  #: BT-133
    note: str | None = None  #: BT-127

    @property
    def unit_price(self):
        """Net price for one unit of ``quantity`` (price / base quantity)."""
        if self.base_quantity:
            return self.price / self.base_quantity
        return self.price


@dataclass
class TaxSubtotal:
    """VAT breakdown (BG-23)."""

    category: str  #: BT-118 UNCL5305
    percent: Decimal | None  #: BT-119
    taxable: Decimal  #: BT-116
    tax: Decimal  #: BT-117
    exemption_reason: str | None = None  #: BT-120
    exemption_code: str | None = None  #: BT-121 (VATEX)


@dataclass
class Totals:
    """Document totals (BG-22) plus the VAT totals (BT-110/111)."""

    line_extension: Decimal  #: BT-106
    tax_exclusive: Decimal  #: BT-109
    tax_inclusive: Decimal  #: BT-112
    payable: Decimal  #: BT-115
    allowance_total: Decimal = ZERO  #: BT-107
    charge_total: Decimal = ZERO  #: BT-108
    prepaid: Decimal = ZERO  #: BT-113
    rounding: Decimal = ZERO  #: BT-114
    tax: Decimal = ZERO  #: BT-110 total VAT in document currency
    tax_in_tax_currency: Decimal | None = None  #: BT-111 total VAT in the tax currency


@dataclass
class Attachment:
    """Embedded document (BG-24), typically the PDF copy of the invoice."""

    filename: str | None
    mime: str | None
    content: bytes
    description: str | None = None
    id: str | None = None  #: BT-122 document reference id


@dataclass
class UblDocument:
    """A parsed UBL invoice or credit note."""

    kind: str  #: :data:`KIND_INVOICE` or :data:`KIND_CREDIT_NOTE`
    number: str  #: BT-1
    issue_date: datetime.date  #: BT-2
    currency: str  #: BT-5
    seller: Party
    buyer: Party
    lines: list[Line]
    totals: Totals
    due_date: datetime.date | None = (
        None  #: BT-9 (credit note: PaymentMeans/PaymentDueDate)
    )
    type_code: str | None = None  #: BT-3
    tax_currency: str | None = None  #: BT-6
    buyer_reference: str | None = None  #: BT-10
    order_reference: str | None = None  #: BT-13
    billing_reference: str | None = None  #: BT-25 the invoice being corrected
    accounting_cost: str | None = None  #: BT-19
    note: str | None = None  #: BT-22 (several notes joined by newlines)
    period_start: datetime.date | None = None  #: BT-73
    period_end: datetime.date | None = None  #: BT-74
    payment_means_code: str | None = None  #: BT-81
    payment_reference: str | None = None  #: BT-83
    payee_iban: str | None = None  #: BT-84
    payee_bic: str | None = None  #: BT-86
    payment_terms: str | None = None  #: BT-20
    allowances_charges: list[AllowanceCharge] = field(default_factory=list)  #: BG-20/21
    tax_subtotals: list[TaxSubtotal] = field(default_factory=list)  #: BG-23
    attachments: list[Attachment] = field(default_factory=list)  #: BG-24 embedded only
    customization_id: str | None = None  #: BT-24
    profile_id: str | None = None  #: BT-23
    #: True when :meth:`normalized` turned a negative invoice into this credit note
    sign_reversed: bool = False

    @property
    def is_negative(self):
        """True for an *invoice* whose total with VAT (BT-112) is below zero.

        Such an invoice is imported as a credit note with the signs turned: use
        :meth:`normalized`. The payable amount is not used because a prepaid amount
        larger than the total makes it negative on an ordinary invoice.
        """
        return self.kind == KIND_INVOICE and self.totals.tax_inclusive < 0

    def normalized(self):
        """Return the document as it should be booked.

        A negative invoice (:attr:`is_negative`) becomes a ``credit_note`` with every
        amount and quantity negated (prices stay: BIS forbids negative prices) and
        :attr:`sign_reversed` set; any other document is returned unchanged (same
        object).
        """
        if not self.is_negative:
            return self

        def neg(value):
            return None if value is None else -value

        def flip_ac(ac):
            return dataclasses.replace(
                ac, amount=-ac.amount, base_amount=neg(ac.base_amount)
            )

        lines = [
            dataclasses.replace(
                line,
                quantity=-line.quantity,
                net_amount=-line.net_amount,
                allowances_charges=[flip_ac(ac) for ac in line.allowances_charges],
            )
            for line in self.lines
        ]
        totals = Totals(
            **{
                f.name: neg(getattr(self.totals, f.name))
                for f in dataclasses.fields(Totals)
            },
        )
        return dataclasses.replace(
            self,
            kind=KIND_CREDIT_NOTE,
            lines=lines,
            totals=totals,
            allowances_charges=[flip_ac(ac) for ac in self.allowances_charges],
            tax_subtotals=[
                dataclasses.replace(st, taxable=-st.taxable, tax=-st.tax)
                for st in self.tax_subtotals
            ],
            sign_reversed=True,
        )

    def consistency_problems(self):
        """Check the document's own arithmetic (BR-CO-10..16 and the VAT breakdown).

        :returns: a list of ``(template, params)`` pairs, empty when consistent; each
            template has named placeholders for translation.
        """
        problems = []
        t = self.totals

        def check(label, expected, actual):
            if expected != actual:
                problems.append(
                    (
                        _lt(
                            "%(label)s is %(actual)s but the parts add up to "
                            "%(expected)s"
                        ),
                        {"label": label, "actual": actual, "expected": expected},
                    )
                )

        check(
            _lt("Sum of line net amounts (BT-106)"),
            sum((ln.net_amount for ln in self.lines), ZERO),
            t.line_extension,
        )
        allowances = sum(
            (ac.amount for ac in self.allowances_charges if not ac.is_charge), ZERO
        )
        charges = sum(
            (ac.amount for ac in self.allowances_charges if ac.is_charge), ZERO
        )
        check(_lt("Sum of allowances (BT-107)"), allowances, t.allowance_total)
        check(_lt("Sum of charges (BT-108)"), charges, t.charge_total)
        check(
            _lt("Total without VAT (BT-109)"),
            t.line_extension - t.allowance_total + t.charge_total,
            t.tax_exclusive,
        )
        check(_lt("Total with VAT (BT-112)"), t.tax_exclusive + t.tax, t.tax_inclusive)
        check(
            _lt("Amount due (BT-115)"),
            t.tax_inclusive - t.prepaid + t.rounding,
            t.payable,
        )
        if self.tax_subtotals:
            check(
                _lt("Total VAT (BT-110)"),
                sum((st.tax for st in self.tax_subtotals), ZERO),
                t.tax,
            )
        return problems


# ---------------------------------------------------------------------------
# parsing
# ---------------------------------------------------------------------------


class _Reader:
    """Small helpers bound to one file name, so every error names the file and line."""

    def __init__(self, filename):
        self.filename = filename

    def error(self, detail, node=None):
        line = getattr(node, "sourceline", None)
        return MalformedFile(detail, filename=self.filename, line=line)

    @staticmethod
    def find(node, path):
        return None if node is None else node.find(path, NS)

    @staticmethod
    def findall(node, path):
        return [] if node is None else node.findall(path, NS)

    def text(self, node, path):
        """Stripped text of the first ``path`` under ``node``, or ``None`` when
        absent/empty."""
        el = self.find(node, path)
        if el is None or el.text is None:
            return None
        value = el.text.strip()
        return value or None

    def attr(self, node, path, name):
        el = self.find(node, path)
        if el is None:
            return None
        value = (el.get(name) or "").strip()
        return value or None

    def required_text(self, node, path, label):
        value = self.text(node, path)
        if value is None:
            raise self.error(
                Text(_lt("%(what)s (%(path)s) is missing"), what=label, path=path), node
            )
        return value

    def amount(self, node, path, label, required=False):
        el = self.find(node, path)
        if el is None or not (el.text or "").strip():
            if required:
                raise self.error(
                    Text(_lt("%(what)s (%(path)s) is missing"), what=label, path=path),
                    el if el is not None else node,
                )
            return None
        raw = el.text.strip()
        if not _AMOUNT_RE.match(raw):
            raise self.error(
                Text(
                    _lt("%(what)s (%(path)s) is not a number: %(value)r"),
                    what=label,
                    path=path,
                    value=raw[:40],
                ),
                el,
            )
        try:
            return Decimal(raw)
        except InvalidOperation:
            raise self.error(
                Text(
                    _lt("%(what)s (%(path)s) is not a number: %(value)r"),
                    what=label,
                    path=path,
                    value=raw[:40],
                ),
                el,
            ) from None

    def date(self, node, path, label, required=False):
        el = self.find(node, path)
        if el is None or not (el.text or "").strip():
            if required:
                raise self.error(
                    Text(_lt("%(what)s (%(path)s) is missing"), what=label, path=path),
                    node,
                )
            return None
        raw = el.text.strip()
        if not _DATE_RE.match(raw):
            raise self.error(
                Text(
                    _lt("%(what)s (%(path)s) is not a date YYYY-MM-DD: %(value)r"),
                    what=label,
                    path=path,
                    value=raw[:40],
                ),
                el,
            )
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            raise self.error(
                Text(
                    _lt("%(what)s (%(path)s) is not a valid date: %(value)r"),
                    what=label,
                    path=path,
                    value=raw[:40],
                ),
                el,
            ) from None

    def boolean(self, node, path, label):
        el = self.find(node, path)
        raw = (el.text or "").strip().lower() if el is not None else ""
        if raw not in ("true", "false"):
            raise self.error(
                Text(
                    _lt("%(what)s (%(path)s) must be true or false"),
                    what=label,
                    path=path,
                ),
                el if el is not None else node,
            )
        return raw == "true"


def _parse_party(r, party_el):
    if party_el is None:
        return Party()
    vat = None
    for scheme in r.findall(party_el, "cac:PartyTaxScheme"):
        scheme_id = (r.text(scheme, "cac:TaxScheme/cbc:ID") or "").upper()
        if scheme_id == "VAT" or (vat is None and not scheme_id):
            vat = r.text(scheme, "cbc:CompanyID") or vat
    address = r.find(party_el, "cac:PostalAddress")
    contact = r.find(party_el, "cac:Contact")
    country = r.text(address, "cac:Country/cbc:IdentificationCode")
    return Party(
        name=r.text(party_el, "cac:PartyName/cbc:Name"),
        registration_name=r.text(party_el, "cac:PartyLegalEntity/cbc:RegistrationName"),
        vat=vat,
        company_id=r.text(party_el, "cac:PartyLegalEntity/cbc:CompanyID"),
        company_id_scheme=r.attr(
            party_el, "cac:PartyLegalEntity/cbc:CompanyID", "schemeID"
        ),
        endpoint_id=r.text(party_el, "cbc:EndpointID"),
        endpoint_scheme=r.attr(party_el, "cbc:EndpointID", "schemeID"),
        identifiers=[
            PartyIdentifier(
                value=el.text.strip(), scheme=(el.get("schemeID") or "").strip() or None
            )
            for el in r.findall(party_el, "cac:PartyIdentification/cbc:ID")
            if el.text and el.text.strip()
        ],
        street=r.text(address, "cbc:StreetName"),
        street2=r.text(address, "cbc:AdditionalStreetName"),
        city=r.text(address, "cbc:CityName"),
        zip=r.text(address, "cbc:PostalZone"),
        country_code=country.upper() if country else None,
        email=r.text(contact, "cbc:ElectronicMail"),
        phone=r.text(contact, "cbc:Telephone"),
    )


def _parse_allowance_charge(r, el, with_tax):
    tax = r.find(el, "cac:TaxCategory") if with_tax else None
    return AllowanceCharge(
        is_charge=r.boolean(
            el, "cbc:ChargeIndicator", _lt("Allowance/charge indicator")
        ),
        amount=r.amount(
            el, "cbc:Amount", _lt("Allowance/charge amount"), required=True
        ),
        base_amount=r.amount(el, "cbc:BaseAmount", _lt("Allowance/charge base amount")),
        percent=r.amount(
            el, "cbc:MultiplierFactorNumeric", _lt("Allowance/charge percentage")
        ),
        reason=r.text(el, "cbc:AllowanceChargeReason"),
        reason_code=r.text(el, "cbc:AllowanceChargeReasonCode"),
        tax_category=r.text(tax, "cbc:ID"),
        tax_percent=r.amount(tax, "cbc:Percent", _lt("Allowance/charge VAT rate")),
    )


def _parse_line(r, el, qty_tag):
    line_id = r.required_text(el, "cbc:ID", _lt("Line identifier"))
    quantity = r.amount(
        el, qty_tag, Text(_lt("Quantity of line %(line)s"), line=line_id), required=True
    )
    item = r.find(el, "cac:Item")
    price_el = r.find(el, "cac:Price")
    if price_el is None:
        raise r.error(
            Text(_lt("Price of line %(line)s (cac:Price) is missing"), line=line_id), el
        )
    price_ac = r.find(price_el, "cac:AllowanceCharge")
    tax = r.find(item, "cac:ClassifiedTaxCategory")
    return Line(
        id=line_id,
        name=r.text(item, "cbc:Name"),
        description=r.text(item, "cbc:Description"),
        quantity=quantity,
        unit_code=r.attr(el, qty_tag, "unitCode"),
        net_amount=r.amount(
            el,
            "cbc:LineExtensionAmount",
            Text(_lt("Net amount of line %(line)s"), line=line_id),
            required=True,
        ),
        price=r.amount(
            price_el,
            "cbc:PriceAmount",
            Text(_lt("Price of line %(line)s"), line=line_id),
            required=True,
        ),
        base_quantity=r.amount(
            price_el,
            "cbc:BaseQuantity",
            Text(_lt("Base quantity of line %(line)s"), line=line_id),
        ),
        gross_price=r.amount(
            price_ac,
            "cbc:BaseAmount",
            Text(_lt("Gross price of line %(line)s"), line=line_id),
        ),
        price_discount=r.amount(
            price_ac,
            "cbc:Amount",
            Text(_lt("Price discount of line %(line)s"), line=line_id),
        ),
        seller_item_id=r.text(item, "cac:SellersItemIdentification/cbc:ID"),
        buyer_item_id=r.text(item, "cac:BuyersItemIdentification/cbc:ID"),
        standard_item_id=r.text(item, "cac:StandardItemIdentification/cbc:ID"),
        standard_item_scheme=r.attr(
            item, "cac:StandardItemIdentification/cbc:ID", "schemeID"
        ),
        tax_category=r.text(tax, "cbc:ID"),
        tax_percent=r.amount(
            tax, "cbc:Percent", Text(_lt("VAT rate of line %(line)s"), line=line_id)
        ),
        allowances_charges=[
            _parse_allowance_charge(r, ac, with_tax=False)
            for ac in r.findall(el, "cac:AllowanceCharge")
        ],
        accounting_cost=r.text(el, "cbc:AccountingCost"),
        note=r.text(el, "cbc:Note"),
    )


def _parse_tax_totals(r, root, currency):
    """Return (subtotals, tax in document currency, tax in tax currency or None)."""
    doc_total = None
    other_total = None
    subtotals = []
    for tax_total in r.findall(root, "cac:TaxTotal"):
        amount = r.amount(
            tax_total, "cbc:TaxAmount", _lt("VAT total (BT-110)"), required=True
        )
        amount_currency = r.attr(tax_total, "cbc:TaxAmount", "currencyID")
        has_subtotals = r.find(tax_total, "cac:TaxSubtotal") is not None
        if doc_total is None and (has_subtotals or amount_currency in (None, currency)):
            doc_total = amount
            for st in r.findall(tax_total, "cac:TaxSubtotal"):
                cat = r.find(st, "cac:TaxCategory")
                subtotals.append(
                    TaxSubtotal(
                        category=r.required_text(
                            cat if cat is not None else st,
                            "cbc:ID",
                            _lt("VAT category (BT-118)"),
                        ),
                        percent=r.amount(cat, "cbc:Percent", _lt("VAT rate (BT-119)")),
                        taxable=r.amount(
                            st,
                            "cbc:TaxableAmount",
                            _lt("Taxable amount (BT-116)"),
                            required=True,
                        ),
                        tax=r.amount(
                            st,
                            "cbc:TaxAmount",
                            _lt("VAT amount (BT-117)"),
                            required=True,
                        ),
                        exemption_reason=r.text(cat, "cbc:TaxExemptionReason"),
                        exemption_code=r.text(cat, "cbc:TaxExemptionReasonCode"),
                    )
                )
        elif other_total is None:
            other_total = amount
    return subtotals, doc_total if doc_total is not None else ZERO, other_total


def _parse_attachments(r, root):
    attachments = []
    for ref in r.findall(root, "cac:AdditionalDocumentReference"):
        blob = r.find(ref, "cac:Attachment/cbc:EmbeddedDocumentBinaryObject")
        if blob is None:
            continue  # external references (URIs) are never fetched
        raw = "".join((blob.text or "").split())
        try:
            content = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            raise r.error(
                _lt("Embedded attachment is not valid base64"), blob
            ) from None
        attachments.append(
            Attachment(
                filename=(blob.get("filename") or "").strip() or None,
                mime=(blob.get("mimeCode") or "").strip() or None,
                content=content,
                description=r.text(ref, "cbc:DocumentDescription"),
                id=r.text(ref, "cbc:ID"),
            )
        )
    return attachments


def parse(data, filename=None, max_size=DEFAULT_MAX_SIZE):
    """Parse a UBL 2.1 Invoice or CreditNote.

    :param bytes data: raw file content.
    :param str filename: for error messages.
    :param int max_size: size cap checked before parsing.
    :raises NotMyFormat: not XML, or the root is not a UBL Invoice / CreditNote.
    :raises MalformedFile: not well-formed, hostile (DOCTYPE/ENTITY), or a required
        element is missing or unreadable (names the element and its line).
    :raises FileTooLarge: over ``max_size``.
    :rtype: UblDocument
    """
    root = parse_xml(data, filename=filename, max_size=max_size)
    r = _Reader(filename)
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    local = root.tag.rsplit("}", 1)[-1]
    if (ns, local) == (NS_INVOICE, "Invoice"):
        kind, line_tag, qty_tag, type_tag = (
            KIND_INVOICE,
            "cac:InvoiceLine",
            "cbc:InvoicedQuantity",
            "InvoiceTypeCode",
        )
    elif (ns, local) == (NS_CREDIT_NOTE, "CreditNote"):
        kind, line_tag, qty_tag = (
            KIND_CREDIT_NOTE,
            "cac:CreditNoteLine",
            "cbc:CreditedQuantity",
        )
        type_tag = "CreditNoteTypeCode"
    else:
        raise NotMyFormat(
            Text(
                _lt("root element is %(element)r in namespace %(namespace)r"),
                element=local,
                namespace=ns,
            ),
            filename=r.filename,
            line=root.sourceline,
        )

    number = r.required_text(root, "cbc:ID", _lt("Document number (BT-1)"))
    currency = r.required_text(
        root, "cbc:DocumentCurrencyCode", _lt("Currency (BT-5)")
    ).upper()
    payment_means = r.find(root, "cac:PaymentMeans")
    totals_el = r.find(root, "cac:LegalMonetaryTotal")
    if totals_el is None:
        raise r.error(_lt("Document totals (cac:LegalMonetaryTotal) are missing"), root)
    line_els = r.findall(root, line_tag)
    if not line_els:
        raise r.error(
            Text(_lt("the document has no lines (%(element)s)"), element=line_tag), root
        )
    subtotals, tax_amount, tax_amount_tax_currency = _parse_tax_totals(
        r, root, currency
    )

    def total(path, label, required=False):
        value = r.amount(totals_el, path, label, required=required)
        return ZERO if value is None else value

    totals = Totals(
        line_extension=total(
            "cbc:LineExtensionAmount", _lt("Sum of line net amounts (BT-106)"), True
        ),
        tax_exclusive=total(
            "cbc:TaxExclusiveAmount", _lt("Total without VAT (BT-109)"), True
        ),
        tax_inclusive=total(
            "cbc:TaxInclusiveAmount", _lt("Total with VAT (BT-112)"), True
        ),
        payable=total("cbc:PayableAmount", _lt("Amount due (BT-115)"), True),
        allowance_total=total(
            "cbc:AllowanceTotalAmount", _lt("Sum of allowances (BT-107)")
        ),
        charge_total=total("cbc:ChargeTotalAmount", _lt("Sum of charges (BT-108)")),
        prepaid=total("cbc:PrepaidAmount", _lt("Paid amount (BT-113)")),
        rounding=total("cbc:PayableRoundingAmount", _lt("Rounding amount (BT-114)")),
        tax=tax_amount,
        tax_in_tax_currency=tax_amount_tax_currency,
    )
    notes = [
        el.text.strip()
        for el in r.findall(root, "cbc:Note")
        if el.text and el.text.strip()
    ]
    tax_currency = r.text(root, "cbc:TaxCurrencyCode")
    document = UblDocument(
        kind=kind,
        number=number,
        issue_date=r.date(
            root, "cbc:IssueDate", _lt("Issue date (BT-2)"), required=True
        ),
        due_date=r.date(root, "cbc:DueDate", _lt("Due date (BT-9)"))
        or r.date(payment_means, "cbc:PaymentDueDate", _lt("Payment due date (BT-9)")),
        type_code=r.text(root, f"cbc:{type_tag}"),
        currency=currency,
        tax_currency=tax_currency.upper() if tax_currency else None,
        buyer_reference=r.text(root, "cbc:BuyerReference"),
        order_reference=r.text(root, "cac:OrderReference/cbc:ID"),
        billing_reference=r.text(
            root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"
        ),
        accounting_cost=r.text(root, "cbc:AccountingCost"),
        note="\n".join(notes) or None,
        period_start=r.date(
            root, "cac:InvoicePeriod/cbc:StartDate", _lt("Period start (BT-73)")
        ),
        period_end=r.date(
            root, "cac:InvoicePeriod/cbc:EndDate", _lt("Period end (BT-74)")
        ),
        payment_means_code=r.text(payment_means, "cbc:PaymentMeansCode"),
        payment_reference=r.text(payment_means, "cbc:PaymentID"),
        payee_iban=r.text(payment_means, "cac:PayeeFinancialAccount/cbc:ID"),
        payee_bic=r.text(
            payment_means,
            "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID",
        ),
        payment_terms=r.text(root, "cac:PaymentTerms/cbc:Note"),
        seller=_parse_party(r, r.find(root, "cac:AccountingSupplierParty/cac:Party")),
        buyer=_parse_party(r, r.find(root, "cac:AccountingCustomerParty/cac:Party")),
        lines=[_parse_line(r, el, qty_tag) for el in line_els],
        allowances_charges=[
            _parse_allowance_charge(r, el, with_tax=True)
            for el in r.findall(root, "cac:AllowanceCharge")
        ],
        tax_subtotals=subtotals,
        totals=totals,
        attachments=_parse_attachments(r, root),
        customization_id=r.text(root, "cbc:CustomizationID"),
        profile_id=r.text(root, "cbc:ProfileID"),
    )
    _logger.debug("parsed UBL %s %s with %d lines", kind, filename, len(document.lines))
    return document
