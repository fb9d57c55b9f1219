# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Safe loading of untrusted XML (bank statements, factoring lists).

All parsers of this addon go through :func:`load_xml`, which

* refuses input larger than ``max_bytes`` before anything else is done;
* strips a UTF-8 byte order mark;
* refuses any ``<!DOCTYPE`` or ``<!ENTITY`` declaration before parsing (billion laughs,
  external entities such as ``file:///etc/passwd``), and checks the parsed tree again;
* parses with an lxml parser that resolves no entities, loads no DTD, uses no network,
  keeps lxml's "huge tree" protections and never recovers from errors.
"""

import logging
import re

from lxml import etree

from .exceptions import FileTooLarge, MalformedFile, UnsafeXml, _lt

_logger = logging.getLogger(__name__)

#: default upload size limit in bytes (20 MB)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_FORBIDDEN_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_ENCODING_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=")
_POSITION_SUFFIX = re.compile(r",? line \d+, column \d+$")


def _make_parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=True,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )


def _ascii_view(data):
    """Return ``data`` with NUL bytes removed when it looks like UTF-16/32.

    That is enough to find ASCII markers such as ``<!DOCTYPE`` in wide encodings.
    """
    head = data[:4]
    if head.startswith(_UTF16_BOMS) or b"\x00" in head:
        return data.replace(b"\x00", b"")
    return data


def contains_marker(data, markers, ignore_case=False):
    """Tell whether any of the ASCII ``markers`` occurs in ``data`` (also in UTF-16
    files).

    :param data: raw file content
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


def check_size(data, filename, max_bytes=DEFAULT_MAX_BYTES):
    """Raise :class:`FileTooLarge` when ``data`` is longer than ``max_bytes``."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"XML input must be bytes, not {type(data).__name__}")
    if max_bytes is not None and len(data) > max_bytes:
        _logger.info(
            "Refused %s: %d bytes exceeds the limit of %d",
            filename,
            len(data),
            max_bytes,
        )
        raise FileTooLarge(filename, len(data), max_bytes)


def precheck(data, filename, max_bytes=DEFAULT_MAX_BYTES):
    """Check size and DOCTYPE/ENTITY declarations without parsing; return the bytes
    without BOM.

    :raises FileTooLarge: the input is longer than ``max_bytes``
    :raises UnsafeXml: the input declares a DOCTYPE or an entity
    """
    check_size(data, filename, max_bytes)
    data = bytes(data)
    data = data.removeprefix(UTF8_BOM)
    view = _ascii_view(data)
    for marker in _FORBIDDEN_MARKERS:
        position = view.find(marker)
        if position >= 0:
            line = view.count(b"\n", 0, position) + 1
            _logger.warning(
                "Refused %s: it contains a %s declaration", filename, marker.decode()
            )
            raise UnsafeXml(
                filename,
                _lt(
                    "XML files with a document type or entity declaration "
                    "(%(marker)s) are not accepted"
                ),
                line=line,
                marker=marker.decode(),
            )
    return data


def _transcode(data, encoding):
    """Re-encode ``data`` from ``encoding`` to UTF-8 when it is not UTF-8 and declares
    no encoding."""
    if (
        not encoding
        or _ENCODING_DECLARATION.match(data)
        or _ascii_view(data[:4]) != data[:4]
    ):
        return data  # declared encoding, or UTF-16/32 (lxml detects those itself)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(encoding, errors="strict").encode("utf-8")
    return data


def load_xml(data, filename, max_bytes=DEFAULT_MAX_BYTES, fallback_encoding=None):
    """Parse untrusted XML bytes safely and return the root element.

    :param data: the raw file content (``bytes``)
    :param filename: the name of the file, used in error messages only
    :param max_bytes: size limit in bytes, checked before parsing (``None``: no limit)
    :param fallback_encoding: encoding assumed for a file that declares none and is not
        valid UTF-8 (e.g. ``"cp1257"`` for Baltic Windows exports); ``None``: UTF-8 only
    :return: the root ``lxml.etree._Element``
    :raises FileTooLarge: the input is longer than ``max_bytes``
    :raises UnsafeXml: the input declares a DOCTYPE or entities
    :raises MalformedFile: the input is not well-formed XML; the message names the first
        problem and its line
    """
    data = precheck(data, filename, max_bytes)
    if not data.strip():
        raise MalformedFile(filename, _lt("the file is empty"))
    try:
        data = _transcode(data, fallback_encoding)
    except UnicodeDecodeError:
        raise MalformedFile(
            filename,
            _lt("the file is neither UTF-8 nor %(encoding)s"),
            encoding=fallback_encoding,
        ) from None
    try:
        root = etree.fromstring(data, parser=_make_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        message = _POSITION_SUFFIX.sub("", exc.msg or "").strip()
        _logger.info("%s is not well-formed XML (line %s)", filename, line)
        raise MalformedFile(
            filename,
            _lt("the XML is not well-formed: %(error)s"),
            line=line,
            error=message[:200],
        ) from None
    docinfo = root.getroottree().docinfo
    if (
        docinfo.doctype
        or docinfo.internalDTD is not None
        or docinfo.externalDTD is not None
    ):
        raise UnsafeXml(
            filename, _lt("XML files with a document type declaration are not accepted")
        )
    return root


def local_name(tag):
    """Return the local part of an lxml tag (``{ns}Name`` -> ``Name``); ``""`` for
    comments/PIs."""
    if not isinstance(tag, str):
        return ""
    return tag[tag.rfind("}") + 1 :]


def namespace(tag):
    """Return the namespace URI of an lxml tag, or ``""`` when it has none."""
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1 : tag.index("}")]
    return ""
