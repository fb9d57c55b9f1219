"""Plain-Python file parsers of ``bank_import_swed`` (no Odoo import here).

Public modules:

* :mod:`.camt` -- ISO 20022 camt.053 / camt.054 (and camt.052) statements;
* :mod:`.swed_factoring` -- Swedbank factoring lists ``LIST_ADV_BUYER`` / ``LIST_RES_BUYER``;
* :mod:`.refs` -- Estonian 7-3-1 and RF (ISO 11649) reference numbers;
* :mod:`.xmlsafe` -- the one safe XML loader used by the parsers;
* :mod:`.exceptions` -- :class:`ParseError` and its subclasses.

Each parser exposes ``parse(data: bytes, filename: str)`` and raises
:class:`NotMyFormat` when the file is of another format, so a caller can try the next
parser, and :class:`MalformedFile` when it is of its format but broken.
"""

from . import camt, refs, swed_factoring, xmlsafe
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
    "xmlsafe",
]
