# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Safe loading of untrusted XML with lxml: the one implementation of the repository.

Plain Python, no Odoo import: addons share it by importing
``odoo.addons.base_xml_safe.tools.xmlsafe`` (and depending on ``base_xml_safe``), and
their plain-Python parsers stay free of the Odoo framework.

:func:`load_xml` (STYLE.md, "Hostile input"):

* refuses input longer than ``max_bytes`` before anything else (each caller passes its
  own limit: bank statements 20 MB, e-invoices 10 MB);
* strips a UTF-8 byte order mark, and blanks before an XML declaration;
* refuses any ``<!DOCTYPE`` or ``<!ENTITY`` (any case, blanks after ``<!``) before
  parsing -- billion laughs, external entities such as ``file:///etc/passwd`` -- also
  in UTF-16/32 files and in a file whose XML declaration names another encoding (UTF-7
  can spell ``<!DOCTYPE`` without a single ``<`` byte); an encoding Python does not know
  is refused;
* parses with an lxml parser that resolves no entities, loads no DTD, uses no network,
  collects no IDs, keeps lxml's huge-tree protections and never recovers from errors;
* checks the parsed tree again (no DTD, no entity node).

Errors are the :mod:`.exceptions` classes (a ``ValueError``); an addon may show them as
they are (``error.translate(self.env._)``) or wrap them in its own messages.
"""

import codecs
import logging
import re

from lxml import etree

from .exceptions import Text, XmlMalformed, XmlNotXml, XmlTooLarge, XmlUnsafe, _lt

_logger = logging.getLogger(__name__)

UTF8_BOM = codecs.BOM_UTF8
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DTD_MARKERS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ENCODING_DECLARATION = re.compile(
    rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']"""
)
# encodings whose bytes show ``<!DOCTYPE`` as ASCII: no need to decode the file
_ASCII_SAFE = ("utf-8", "ascii", "iso8859-", "cp125", "latin")
_POSITION_SUFFIX = re.compile(r",? line \d+, column \d+$")


def make_parser(remove_blank_text=False, remove_comments=False):
    """Return a new hardened :class:`lxml.etree.XMLParser` (not shared between threads).

    Only the two cosmetic options can be chosen; the safety options are fixed.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        recover=False,
        collect_ids=False,
        remove_pis=True,
        remove_blank_text=remove_blank_text,
        remove_comments=remove_comments,
    )


def _ascii_view(data):
    """``data`` without NUL bytes when it looks like UTF-16/32, else ``data``.

    That is enough to find ASCII markers such as ``<!DOCTYPE`` in wide encodings.
    """
    head = data[:4]
    if head.startswith(_WIDE_BOMS) or b"\x00" in head:
        return data.replace(b"\x00", b"")
    return data


def contains_marker(data, markers, ignore_case=False):
    """Tell whether an ASCII marker occurs in ``data`` (also in UTF-16 files).

    :param markers: iterable of ``bytes``
    :param ignore_case: compare case-insensitively (markers must then be lower case)
    """
    view = _ascii_view(data)
    if ignore_case:
        view = view.lower()
    return any(marker in view for marker in markers)


def looks_like_xml(data):
    """Tell whether ``data`` starts (after blanks and a byte order mark) with ``<``."""
    view = _ascii_view(bytes(data[:1024]))
    return view.lstrip(b" \t\r\n\xef\xbb\xbf\xff\xfe").startswith(b"<")


def check_size(data, filename, max_bytes):
    """Raise :class:`XmlTooLarge` when ``data`` is longer than ``max_bytes``.

    :param max_bytes: the limit in bytes; ``None``: no limit
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"XML input must be bytes, not {type(data).__name__}")
    if max_bytes is not None and len(data) > max_bytes:
        _logger.info("Refused %s: %d bytes exceed %d", filename, len(data), max_bytes)
        raise XmlTooLarge(len(data), max_bytes, filename=filename)


def _declared_view(data, view, filename):
    """The text of an 8-bit file that declares an encoding, decoded and re-encoded in
    UTF-8 (``view`` when no decoding is needed); refuse an unknown encoding."""
    match = _ENCODING_DECLARATION.match(view)
    if not match or view is not data:
        return view  # no declaration (UTF-8), or UTF-16/32 (the NUL-less view)
    name = match.group(1).decode("ascii")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise XmlMalformed(
            Text(_lt("the encoding %(encoding)s is not supported"), encoding=name),
            filename=filename,
            line=1,
        ) from None
    if codec.startswith(_ASCII_SAFE):
        return view
    return data.decode(codec, errors="replace").encode("utf-8", errors="replace")


def precheck(data, filename, max_bytes):
    """Check the size and refuse DOCTYPE/ENTITY declarations, without parsing.

    :return: the bytes without a UTF-8 byte order mark
    :raises XmlTooLarge: the input is longer than ``max_bytes``
    :raises XmlUnsafe: the input declares a DOCTYPE or an entity
    :raises XmlMalformed: the XML declaration names an unknown encoding
    """
    check_size(data, filename, max_bytes)
    data = bytes(data).removeprefix(UTF8_BOM)
    view = _ascii_view(data)
    decoded = _declared_view(data, view, filename)
    for text in (view,) if decoded is view else (view, decoded):
        match = _DTD_MARKERS.search(text)
        if match:
            line = text.count(b"\n", 0, match.start()) + 1
            marker = "<!" + match.group(1).decode("ascii").upper()
            _logger.warning(
                "Refused %s: %s declaration at line %d", filename, marker, line
            )
            raise XmlUnsafe(marker, filename=filename, line=line)
    return data


def _transcode(data, encoding):
    """``data`` re-encoded from ``encoding`` to UTF-8 when it declares no encoding and
    is not UTF-8; UTF-16/32 and declared encodings are left to lxml."""
    if not encoding or _ENCODING_DECLARATION.match(data) or b"\x00" in data[:4]:
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(encoding, errors="strict").encode("utf-8")
    return data


def _check_tree(root, filename):
    """Refuse a parsed tree that still carries a DTD or an entity node."""
    docinfo = root.getroottree().docinfo
    if (
        docinfo.doctype
        or docinfo.internalDTD is not None
        or docinfo.externalDTD is not None
    ):
        raise XmlUnsafe("<!DOCTYPE", filename=filename)
    for node in root.iter(etree.Entity):
        raise XmlUnsafe(f"&{node.name};", filename=filename, line=node.sourceline)


def load_xml(
    data,
    filename,
    max_bytes,
    fallback_encoding=None,
    remove_blank_text=False,
    remove_comments=False,
):
    """Parse untrusted XML bytes safely and return the root element.

    :param data: the raw file content (``bytes``; ``str`` is refused, the encoding is
        the file's business)
    :param filename: the name of the file, used in messages only
    :param max_bytes: size limit in bytes, checked before parsing (``None``: no limit)
    :param fallback_encoding: encoding assumed for a file that declares none and is
        not valid UTF-8 (e.g. ``"cp1257"`` for Baltic Windows exports)
    :param remove_blank_text: drop whitespace-only text between elements
    :param remove_comments: drop comments
    :return: the root ``lxml.etree._Element``
    :raises TypeError: ``data`` is not bytes
    :raises XmlTooLarge: the input is longer than ``max_bytes``
    :raises XmlUnsafe: the input declares a DOCTYPE or an entity
    :raises XmlNotXml: the input is not XML at all
    :raises XmlMalformed: empty, not well-formed (line and column of lxml's first
        error), or an encoding that is not supported
    """
    data = precheck(data, filename, max_bytes)
    stripped = data.lstrip(b" \t\r\n")
    if not stripped:
        raise XmlMalformed(Text(_lt("the file is empty")), filename=filename)
    if not looks_like_xml(stripped):
        raise XmlNotXml(Text(_lt("the file is not XML")), filename=filename)
    if stripped.startswith(b"<?xml"):
        data = stripped  # an XML declaration must come first
    try:
        data = _transcode(data, fallback_encoding)
    except UnicodeDecodeError:
        raise XmlMalformed(
            Text(
                _lt("the file is neither UTF-8 nor %(encoding)s"),
                encoding=fallback_encoding,
            ),
            filename=filename,
        ) from None
    parser = make_parser(remove_blank_text, remove_comments)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if isinstance(exc.position, tuple) else (None, None)
        error = _POSITION_SUFFIX.sub("", exc.msg or "").strip()[:200]
        _logger.info("%s is not well-formed XML (line %s)", filename, line)
        if column:
            detail = Text(
                _lt("the XML is not well-formed (column %(column)s): %(error)s"),
                column=column,
                error=error,
            )
        else:
            detail = Text(_lt("the XML is not well-formed: %(error)s"), error=error)
        raise XmlMalformed(
            detail, filename=filename, line=line, column=column
        ) from None
    _check_tree(root, filename)
    return root


def local_name(tag):
    """The local part of an lxml tag (``{ns}Name`` -> ``Name``); ``""`` for comments."""
    if not isinstance(tag, str):
        return ""
    return tag[tag.rfind("}") + 1 :]


def namespace(tag):
    """The namespace URI of an lxml tag, or ``""`` when it has none."""
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1 : tag.index("}")]
    return ""
