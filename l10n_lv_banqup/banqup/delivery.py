# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents pushed to Odoo by Banqup: e-mail delivery and message-listener files (no
Odoo import).

Banqup's *Email delivery* to an accounting package sends each archived document as an
attachment (the UBL, and the PDF only when that option is on) to the accounting address
(help.banqup.com, "Connecting your accounting package to the Console through email
delivery"). Nothing in such a file is Banqup's own document id for certain, so each
document gets a **stable key** that a second delivery of the same document reproduces:

* the UBL's ``cbc:UUID`` when the file carries one (Banqup's ``documentId``);
* else the seller's VAT number (or registration number, or name) + the document kind +
  its number + its issue date;
* a file that cannot be read, and a PDF without e-invoice, by the SHA-256 of its bytes.

:func:`payloads_from_files` groups the files of one delivery into
:class:`~.transport.DocumentPayload` objects with that key as ``banqup_id``: each UBL
with the PDFs of the same stem, and every other PDF as a PDF-only document (empty
``xml``, the PDF in ``files``).
"""

import hashlib
from pathlib import PurePath

from ..parsers import ubl
from ..parsers.exceptions import ParseError
from ..parsers.ubl import parse_xml
from .transport import (
    DIRECTION_PURCHASE,
    DIRECTION_SALES,
    DocumentFile,
    DocumentPayload,
)

#: prefix of the keys of documents that arrived by e-mail or listener (never a Banqup
#: UUID)
KEY_PREFIX = "key:"


def _digest(content):
    return hashlib.sha256(content).hexdigest()


def is_xml(filename, mime=None):
    return "xml" in (mime or "").lower() or (filename or "").lower().endswith(".xml")


def is_pdf(filename, mime=None, content=b""):
    return (
        "pdf" in (mime or "").lower()
        or (filename or "").lower().endswith(".pdf")
        or content[:5] == b"%PDF-"
    )


def _norm(value):
    return "".join(str(value or "").split()).upper()


def document_key(xml, filename=None):
    """The stable key of a UBL file and its parsed document (None when unreadable).

    :returns: ``(key, document or None)``.
    """
    try:
        root = parse_xml(xml, filename)
    except ParseError:
        return f"{KEY_PREFIX}sha256:{_digest(xml)}", None
    uuid = root.findtext("cbc:UUID", namespaces=ubl.NS)
    try:
        document = ubl.parse(xml, filename)
    except ParseError:
        document = None
    if uuid and uuid.strip():
        return uuid.strip(), document
    if document is None:
        return f"{KEY_PREFIX}sha256:{_digest(xml)}", None
    seller = document.seller
    seller_id = _norm(
        seller.vat or seller.company_id or seller.registration_name or seller.name
    )
    key = "|".join(
        (
            seller_id,
            document.kind,
            _norm(document.number),
            document.issue_date.isoformat(),
        )
    )
    return KEY_PREFIX + key, document


def direction_of(document, company_ids, default=DIRECTION_PURCHASE):
    """Sales when the company is the seller, purchase when it is the buyer, else
    ``default``.

    :param company_ids: normalised VAT and registration numbers of the company.
    """
    if document is not None:
        if {
            _norm(document.seller.vat),
            _norm(document.seller.company_id),
        } & company_ids:
            return DIRECTION_SALES
        if {_norm(document.buyer.vat), _norm(document.buyer.company_id)} & company_ids:
            return DIRECTION_PURCHASE
    return default


def company_identifiers(*values):
    """Normalised non-empty identifiers, to compare with :func:`direction_of`."""
    return {_norm(value) for value in values if value} - {""}


def payloads_from_files(
    files, company_ids=frozenset(), default_direction=DIRECTION_PURCHASE
):
    """Group the files of one delivery into documents.

    :param files: iterable of ``(filename, mime or None, bytes)``.
    :returns: list of :class:`DocumentPayload` (a PDF-only one has ``xml == b""``);
        other files (images, signatures) are dropped.
    """
    xmls, pdfs = [], []
    for filename, mime, content in files:
        content = bytes(content or b"")
        if not content:
            continue
        if is_xml(filename, mime):
            xmls.append((filename or "document.xml", content))
        elif is_pdf(filename, mime, content):
            pdfs.append((filename or "document.pdf", content))
    payloads = []
    used_pdfs = set()
    for filename, content in xmls:
        key, document = document_key(content, filename)
        stem = PurePath(filename).stem.lower()
        own = [(name, pdf) for name, pdf in pdfs if PurePath(name).stem.lower() == stem]
        used_pdfs.update(name for name, _pdf in own)
        payloads.append(
            DocumentPayload(
                key,
                direction_of(document, company_ids, default_direction),
                filename,
                content,
                tuple(DocumentFile(name, "application/pdf", pdf) for name, pdf in own),
            )
        )
    for filename, content in pdfs:
        if filename in used_pdfs:
            continue
        payloads.append(
            DocumentPayload(
                f"{KEY_PREFIX}pdf:{_digest(content)}",
                default_direction,
                filename,
                b"",
                (DocumentFile(filename, "application/pdf", content),),
            )
        )
    return payloads
