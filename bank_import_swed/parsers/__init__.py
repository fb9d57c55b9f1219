# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Plain-Python file parsers of ``bank_import_swed`` (no Odoo import here).

Public modules:

* :mod:`.camt` -- ISO 20022 camt.053 / camt.054 (and camt.052) statements;
* :mod:`.swed_factoring` -- Swedbank factoring lists ``LIST_ADV_BUYER`` /
  ``LIST_RES_BUYER``;
* :mod:`.refs` -- Estonian 7-3-1 and RF (ISO 11649) reference numbers;
* :mod:`.exceptions` -- :class:`ParseError` and its subclasses.

The XML is loaded by the shared safe loader of ``base_xml_safe``
(:mod:`odoo.addons.base_xml_safe.tools.xmlsafe`), with this addon's size limit.

Each parser exposes ``parse(data: bytes, filename: str, max_bytes=20 MB)`` and raises
:class:`NotMyFormat` when the file is of another format, so a caller can try the next
parser, :class:`MalformedFile` when it is of its format but broken (:class:`UnsafeXml`,
a subclass, for DOCTYPE/entity declarations) and :class:`FileTooLarge`. All of them are
:class:`ParseError` (a ``ValueError``) with ``filename``, ``line`` and ``detail``.

Typical use from a wizard::

    from odoo.addons.bank_import_swed.parsers import ParseError, camt

    try:
        statements = camt.parse(raw_bytes, filename)
    except ParseError as exc:
        raise UserError(exc.translate(self.env._)) from exc
    for statement in statements:          # camt.Statement
        for entry in statement.entries:   # camt.Entry (one per receipt line candidate)
            if entry.is_credit and not entry.reversal:
                ...  # entry.amount, entry.counterparty_iban,
                     # entry.structured_reference, entry.bank_reference
                     # (duplicate key, with statement.account_iban)

The dataclasses are frozen; amounts are :class:`~decimal.Decimal`, dates
:class:`datetime.date`. Nothing here imports the Odoo framework (``base_xml_safe``'s
loader is plain Python).
"""

from . import camt, refs, swed_factoring
from .exceptions import FileTooLarge, MalformedFile, NotMyFormat, ParseError, UnsafeXml

__all__ = [
    "FileTooLarge",
    "MalformedFile",
    "NotMyFormat",
    "ParseError",
    "UnsafeXml",
    "camt",
    "refs",
    "swed_factoring",
]
