# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Safe loading of untrusted XML with lxml.

Rules (STYLE.md, "Hostile input"):

* the size is checked **before** parsing (default cap :data:`DEFAULT_MAX_SIZE`, 10 MB);
* a UTF-8 byte-order mark (and whitespace before the first ``<``) is stripped;
* any ``<!DOCTYPE`` or ``<!ENTITY`` is refused before parsing, and the parsed tree is
  checked again (DTD, entity nodes) so that no encoding trick slips through;
* the parser never resolves entities, never touches the network, never loads a DTD,
  refuses huge trees and never uses ``recover=True`` (a broken file is an error, not an
  empty document).
"""

import codecs
import logging
import re

from lxml import etree

from .exceptions import FileTooLarge, MalformedFile, NotMyFormat, _lt

_logger = logging.getLogger(__name__)

#: default upper bound of an XML file, in bytes (10 MB)
DEFAULT_MAX_SIZE = 10 * 1024 * 1024

_DTD_MARKERS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def make_parser():
    """Return a new hardened :class:`lxml.etree.XMLParser` (not shared between
    threads)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        recover=False,
        remove_pis=True,
        collect_ids=False,
    )


def _strip_prefix(data):
    """Drop a UTF-8 BOM and leading whitespace before the first ``<``."""
    data = data.removeprefix(codecs.BOM_UTF8)
    return data.lstrip(b" \t\r\n")


def _refuse_dtd(data, filename):
    """Raise :class:`MalformedFile` when the raw bytes declare a DTD or an entity."""
    text = data
    if data.startswith(_UTF16_BOMS):
        # search the decoded text too: in UTF-16 the marker is not ASCII bytes
        text = data.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    match = _DTD_MARKERS.search(text)
    if match:
        line = text.count(b"\n", 0, match.start()) + 1
        raise MalformedFile(
            _lt(
                "document type declarations and entities are not allowed (possible "
                "XML entity attack)"
            ),
            filename=filename,
            line=line,
        )


def _check_tree(tree, filename):
    """Refuse a parsed tree that still carries a DTD or entity nodes."""
    docinfo = tree.docinfo
    if (
        docinfo.doctype
        or docinfo.internalDTD is not None
        or docinfo.externalDTD is not None
    ):
        raise MalformedFile(
            _lt("document type declarations are not allowed"), filename=filename
        )
    for node in tree.iter(etree.Entity):
        raise MalformedFile(
            _lt("entity references are not allowed"),
            filename=filename,
            line=getattr(node, "sourceline", None),
        )


def parse_xml(data, filename=None, max_size=DEFAULT_MAX_SIZE):
    """Parse untrusted XML bytes and return the root element.

    :param bytes data: the raw file content (``str`` is refused: encodings are the
        file's business).
    :param str filename: used in error messages only.
    :param int max_size: size limit in bytes, checked before parsing.
    :raises FileTooLarge: ``data`` is larger than ``max_size``.
    :raises NotMyFormat: the content is not XML at all (e.g. a PDF).
    :raises MalformedFile: not well-formed, or a DOCTYPE / ENTITY is present.
    :rtype: lxml.etree._Element
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("parse_xml() expects bytes")
    data = bytes(data)
    if max_size is not None and len(data) > max_size:
        raise FileTooLarge(len(data), max_size, filename=filename)
    data = _strip_prefix(data)
    if not data:
        raise MalformedFile(_lt("the file is empty"), filename=filename)
    if not data.startswith(b"<") and not data.startswith(_UTF16_BOMS):
        raise NotMyFormat(_lt("the file is not XML"), filename=filename)
    _refuse_dtd(data, filename)
    try:
        root = etree.fromstring(data, parser=make_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) else None
        detail = exc.msg or _lt("not well-formed XML")
        # lxml appends ", line N, column M" to the message; we report the line
        # separately
        detail = re.sub(r",? line \d+, column \d+$", "", detail)
        raise MalformedFile(detail, filename=filename, line=line) from None
    _check_tree(root.getroottree(), filename)
    _logger.debug("parsed XML %s (%d bytes)", filename, len(data))
    return root
