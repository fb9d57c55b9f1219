# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Check an outgoing UBL invoice or credit note before it is sent via Banqup (plain
Python).

Two layers, both run before anything leaves Odoo:

1. the **UBL 2.1 XSD** (OASIS, shipped unmodified in ``data/ubl21_xsd``; another folder
   can be given for tests): the structure;
2. the **Peppol BIS Billing 3.0 rules that can be checked in Python**, listed in
   :data:`BIS_RULES` by their official identifiers (EN 16931 ``BR-*`` and Peppol
   ``PEPPOL-EN16931-R*``): mandatory header fields, the two endpoints with their scheme,
   at least one line, and the totals of BR-CO-10/13/15/16 to the cent. The full
   Schematron (XSLT 2) is not run: lxml only runs XSLT 1. Odoo's own builder
   additionally checks its constraints (``_export_invoice_constraints``) when it makes
   the file.

:func:`check_ubl` returns a list of :class:`~..parsers.exceptions.Text` (empty = valid).
"""

import threading
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from odoo.addons.base_xml_safe.tools.xmlsafe import make_parser

from ..parsers.exceptions import Text, _lt

#: the shipped XSD folder (maindoc/ + common/)
DEFAULT_XSD_DIR = Path(__file__).resolve().parent.parent / "data" / "ubl21_xsd"

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
ROOTS = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": "Invoice",
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote": (
        "CreditNote"
    ),
}

#: (rule id, XPath that must find a non-empty value, what it is) - the presence rules
BIS_RULES = (
    ("BR-01", "cbc:CustomizationID", _lt("Specification identifier (BT-24)")),
    ("PEPPOL-EN16931-R001", "cbc:ProfileID", _lt("Business process (BT-23)")),
    ("BR-02", "cbc:ID", _lt("Invoice number (BT-1)")),
    ("BR-03", "cbc:IssueDate", _lt("Issue date (BT-2)")),
    (
        "BR-04",
        "cbc:InvoiceTypeCode|cbc:CreditNoteTypeCode",
        _lt("Invoice type code (BT-3)"),
    ),
    ("BR-05", "cbc:DocumentCurrencyCode", _lt("Invoice currency (BT-5)")),
    (
        "BR-06",
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
        _lt("Seller name (BT-27)"),
    ),
    (
        "BR-07",
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
        _lt("Buyer name (BT-44)"),
    ),
    (
        "BR-09",
        "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
        _lt("Seller country (BT-40)"),
    ),
    (
        "BR-11",
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
        _lt("Buyer country (BT-55)"),
    ),
    (
        "PEPPOL-EN16931-R020",
        "cac:AccountingSupplierParty/cac:Party/cbc:EndpointID/@schemeID",
        _lt("Seller electronic address with its scheme (BT-34)"),
    ),
    (
        "PEPPOL-EN16931-R010",
        "cac:AccountingCustomerParty/cac:Party/cbc:EndpointID/@schemeID",
        _lt("Buyer electronic address with its scheme (BT-49)"),
    ),
    ("BR-16", "cac:InvoiceLine|cac:CreditNoteLine", _lt("Invoice line (BG-25)")),
    (
        "BR-13",
        "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount",
        _lt("Total without VAT (BT-109)"),
    ),
    (
        "BR-14",
        "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount",
        _lt("Total with VAT (BT-112)"),
    ),
    ("BR-15", "cac:LegalMonetaryTotal/cbc:PayableAmount", _lt("Amount due (BT-115)")),
)
MISSING = _lt("%(rule)s: %(what)s is missing")
TOTAL_MISMATCH = _lt("%(rule)s: %(what)s is %(found)s, expected %(expected)s")
XSD_ERROR = _lt("UBL 2.1 schema, line %(line)s: %(error)s")
NOT_UBL = _lt("the file is not a UBL 2.1 invoice or credit note")

_schemas = {}
_schemas_lock = threading.Lock()


def _schema(xsd_dir, root_name):
    """The compiled schema of ``root_name`` in ``xsd_dir`` (compiled once per
    process)."""
    key = (str(xsd_dir), root_name)
    with _schemas_lock:
        if key not in _schemas:
            path = Path(xsd_dir) / "maindoc" / f"UBL-{root_name}-2.1.xsd"
            _schemas[key] = etree.XMLSchema(etree.parse(str(path)))
        return _schemas[key]


def _present(value):
    """True for a non-blank attribute value, an element with text or with children."""
    if isinstance(value, str):
        return bool(value.strip())
    return bool((value.text or "").strip() or len(value))


def _amount(tree, xpath):
    values = tree.xpath(xpath, namespaces=NS)
    total = Decimal(0)
    for value in values:
        try:
            total += Decimal((value.text or "").strip())
        except InvalidOperation:
            return None
    return total


def _check_totals(tree):
    """BR-CO-10, BR-CO-13, BR-CO-15 and BR-CO-16 to the cent."""
    errors = []
    total = "cac:LegalMonetaryTotal/cbc:"
    line_sum = _amount(
        tree,
        "cac:InvoiceLine/cbc:LineExtensionAmount|cac:CreditNoteLine/cbc:LineExtensionAmount",
    )
    net = _amount(tree, total + "LineExtensionAmount")
    allowances = _amount(tree, total + "AllowanceTotalAmount")
    charges = _amount(tree, total + "ChargeTotalAmount")
    exclusive = _amount(tree, total + "TaxExclusiveAmount")
    currency = (tree.findtext("cbc:DocumentCurrencyCode", namespaces=NS) or "").strip()
    tax = _amount(tree, f"cac:TaxTotal/cbc:TaxAmount[@currencyID='{currency}']")
    inclusive = _amount(tree, total + "TaxInclusiveAmount")
    prepaid = _amount(tree, total + "PrepaidAmount")
    rounding = _amount(tree, total + "PayableRoundingAmount")
    payable = _amount(tree, total + "PayableAmount")
    checks = (
        ("BR-CO-10", _lt("Sum of line net amounts (BT-106)"), net, line_sum),
        (
            "BR-CO-13",
            _lt("Total without VAT (BT-109)"),
            exclusive,
            None if None in (net, allowances, charges) else net - allowances + charges,
        ),
        (
            "BR-CO-15",
            _lt("Total with VAT (BT-112)"),
            inclusive,
            None if None in (exclusive, tax) else exclusive + tax,
        ),
        (
            "BR-CO-16",
            _lt("Amount due (BT-115)"),
            payable,
            None
            if None in (inclusive, prepaid, rounding)
            else inclusive - prepaid + rounding,
        ),
    )
    for rule, what, found, expected in checks:
        if (
            found is None
            or expected is None
            or abs(found - expected) >= Decimal("0.005")
        ):
            errors.append(
                Text(
                    TOTAL_MISMATCH, rule=rule, what=what, found=found, expected=expected
                )
            )
    return errors


def check_ubl(xml, xsd_dir=None):
    """Validate an outgoing UBL document (bytes).

    :param xsd_dir: folder with ``maindoc/`` and ``common/`` (default: the shipped
        XSDs).
    :returns: list of :class:`~..parsers.exceptions.Text`, empty when the file may be
        sent.
    """
    try:
        tree = etree.fromstring(xml, make_parser())
    except etree.XMLSyntaxError as exc:
        return [Text(XSD_ERROR, line=exc.lineno or 0, error=str(exc.msg)[:200])]
    root_name = ROOTS.get(tree.tag)
    if root_name is None:
        return [Text(NOT_UBL)]
    schema = _schema(xsd_dir or DEFAULT_XSD_DIR, root_name)
    if not schema.validate(tree):
        return [
            Text(XSD_ERROR, line=error.line, error=error.message[:200])
            for error in list(schema.error_log)[:5]
        ]
    errors = []
    for rule, xpath, what in BIS_RULES:
        values = tree.xpath(xpath, namespaces=NS)
        if not any(_present(value) for value in values):
            errors.append(Text(MISSING, rule=rule, what=what))
    if not errors:
        errors += _check_totals(tree)
    return errors
