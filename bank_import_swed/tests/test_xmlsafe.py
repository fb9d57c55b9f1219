# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Safe XML loading and the parser exceptions (database-free test case, see
cases.py)."""

import time
from pathlib import Path

from lxml import etree

from ..parsers import camt, swed_factoring, xmlsafe
from ..parsers.exceptions import (
    FileTooLarge,
    MalformedFile,
    NotMyFormat,
    ParseError,
    UnsafeXml,
)
from .cases import UnitCase, parametrize
from .parser_common import sample

HOSTILE = [
    "hostile_billion_laughs.xml",
    "hostile_external_entity.xml",
    "hostile_doctype.xml",
]


class TestXmlSafe(UnitCase):
    def test_loads_plain_xml_without_blank_text_and_comments(self):
        root = xmlsafe.load_xml(b"<a>\n  <!-- c -->\n  <b>1</b>\n</a>", "x.xml")
        assert [child.tag for child in root] == ["b"]
        assert root.text is None

    def test_utf8_bom_is_stripped(self):
        root = xmlsafe.load_xml(xmlsafe.UTF8_BOM + "<a>Põld</a>".encode(), "bom.xml")
        assert root.text == "Põld"

    @parametrize("name", HOSTILE)
    @parametrize("parse", [xmlsafe.load_xml, camt.parse, swed_factoring.parse])
    def test_hostile_files_are_refused_quickly(self, name, parse):
        data = sample(name)
        started = time.monotonic()
        with self.assertRaises(UnsafeXml) as info:
            parse(data, name)
        assert time.monotonic() - started < 1.0
        assert isinstance(info.exception, MalformedFile)
        assert info.exception.filename == name
        assert info.exception.line == 2
        assert "DOCTYPE" in str(info.exception)
        assert "root:" not in str(info.exception)

    def test_entity_declaration_without_doctype_keyword_is_refused(self):
        with self.assertRaises(UnsafeXml):
            xmlsafe.load_xml(b'<a><!ENTITY x "y"></a>', "e.xml")

    def test_doctype_in_utf16_is_refused(self):
        data = (
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY x '
            '"y">]><a>&x;</a>'
        ).encode("utf-16")
        with self.assertRaises(UnsafeXml):
            xmlsafe.load_xml(data, "utf16.xml")

    def test_parser_itself_neither_expands_nor_reads_entities(self):
        """Defence in depth: with the byte check disabled, the parser still resolves
        nothing (no /etc/passwd, no exponential expansion) and the DOCTYPE is refused
        after parsing."""
        self.patch(xmlsafe, "_FORBIDDEN_MARKERS", ())
        for name in HOSTILE:
            started = time.monotonic()
            # libxml2 stops the entity loop itself (MalformedFile); the others fail the
            # DOCTYPE check
            with self.assertRaises(MalformedFile):
                xmlsafe.load_xml(sample(name), name)
            assert time.monotonic() - started < 1.0
        with self.assertRaises(UnsafeXml):
            xmlsafe.load_xml(sample("hostile_external_entity.xml"), "xxe.xml")
        root = etree.fromstring(
            sample("hostile_external_entity.xml"), parser=xmlsafe._make_parser()
        )
        text = etree.tostring(root, encoding="unicode")
        assert "root:" not in text
        assert "&xxe;" in text  # left as an unresolved reference

    def test_fifty_megabytes_are_refused_before_parsing(self):
        data = b"<a>" + b"x" * (50 * 1024 * 1024) + b"</a>"
        started = time.monotonic()
        with self.assertRaises(FileTooLarge) as info:
            xmlsafe.load_xml(data, "big.xml")
        assert time.monotonic() - started < 2.0
        error = info.exception
        assert (error.size, error.limit) == (len(data), 20 * 1024 * 1024)
        assert error.filename == "big.xml" and error.line is None
        assert str(error) == (
            f"The file big.xml is too large: it has {len(data)} bytes, the limit is "
            f"{20 * 1024 * 1024} bytes"
        )
        for parse in (camt.parse, swed_factoring.parse):
            with self.assertRaises(FileTooLarge):
                parse(data, "big.xml")

    def test_size_limit_is_a_parameter(self):
        with self.assertRaises(FileTooLarge):
            xmlsafe.load_xml(b"<a>12345</a>", "small.xml", max_bytes=5)
        assert (
            xmlsafe.load_xml(b"<a>12345</a>", "small.xml", max_bytes=None).text
            == "12345"
        )

    def test_truncated_xml_names_file_and_line(self):
        data = b"<a>\n<b>1</b>\n<c>2"
        with self.assertRaises(MalformedFile) as info:
            xmlsafe.load_xml(data, "cut.xml")
        error = info.exception
        assert error.filename == "cut.xml"
        assert error.line == 3
        assert "not well-formed" in error.detail
        assert str(error).startswith(
            "The file cut.xml is damaged or incomplete, line 3: the XML is not "
            "well-formed"
        )

    @parametrize("data", [b"", b"   \n"])
    def test_empty_input_is_malformed(self, data):
        with self.assertRaisesRegex(MalformedFile, "empty"):
            xmlsafe.load_xml(data, "empty.xml")

    def test_only_bytes_are_accepted(self):
        with self.assertRaises(TypeError):
            xmlsafe.load_xml("<a/>", "str.xml")

    def test_exception_carries_translatable_template_and_params(self):
        error = MalformedFile(
            "f.xml",
            "%(what)s has an invalid amount %(value)r",
            line=7,
            what="An entry",
            value="1,5",
        )
        assert isinstance(error, ParseError) and isinstance(error, ValueError)
        assert error.detail == "An entry has an invalid amount '1,5'"
        assert error.detail_template == "%(what)s has an invalid amount %(value)r"
        assert error.detail_params == {"what": "An entry", "value": "1,5"}
        assert error.params == {"filename": "f.xml", "line": 7, "detail": error.detail}
        assert error.message_template % error.params == str(error)
        assert str(error) == (
            "The file f.xml is damaged or incomplete, line 7: An entry has an "
            "invalid amount '1,5'"
        )
        other = NotMyFormat("g.xml", "not camt")
        assert str(other) == "The file g.xml is not in the expected format: not camt"
        assert other.line is None

    def test_local_name_and_namespace_helpers(self):
        assert xmlsafe.local_name("{urn:x}Ntry") == "Ntry"
        assert xmlsafe.local_name("Ntry") == "Ntry"
        assert xmlsafe.local_name(etree.Comment) == ""
        assert xmlsafe.namespace("{urn:x}Ntry") == "urn:x"
        assert xmlsafe.namespace("Ntry") == ""

    def test_translate_uses_the_given_gettext_for_every_part(self):
        catalogue = {
            "%(what)s has an invalid amount %(value)r": (
                "%(what)s: vigane summa %(value)r"
            ),
            "An entry": "Kanne",
            (
                "The file %(filename)s is damaged or incomplete, line %(line)s: "
                "%(detail)s"
            ): "Fail %(filename)s on vigane, rida %(line)s: %(detail)s",
        }
        error = MalformedFile(
            "f.xml",
            "%(what)s has an invalid amount %(value)r",
            line=7,
            what="An entry",
            value="1,5",
        )
        assert (
            error.translate(lambda source: catalogue.get(source, source))
            == "Fail f.xml on vigane, rida 7: Kanne: vigane summa '1,5'"
        )
        assert error.translate(lambda source: source) == str(error)

    def test_messages_are_marked_for_odoo_translation_export(self):
        """Odoo's .pot export collects ``_lt("...")`` calls from every Python file of
        the addon."""
        extract = self.importorskip("babel.messages.extract")
        parsers_dir = Path(camt.__file__).parent
        found = set()
        for name in ("exceptions.py", "xmlsafe.py", "camt.py", "swed_factoring.py"):
            with open(parsers_dir / name, "rb") as handle:
                found.update(
                    message
                    for _line, message, _comments, _context in extract.extract(
                        "python", handle, keywords={"_": None, "_lt": None}
                    )
                )
        for message in (
            MalformedFile.template_with_line,
            NotMyFormat.template,
            FileTooLarge.template,
            "%(what)s has an invalid amount %(value)r",
            "An entry",
            "the XML is not well-formed: %(error)s",
            "row %(row)s: %(field)s is not an amount: %(value)r",
        ):
            assert message in found
