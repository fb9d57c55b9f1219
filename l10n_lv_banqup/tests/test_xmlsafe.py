# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Safe XML loading: size cap, BOM, DOCTYPE/ENTITY refusal, error messages."""

import codecs

from lxml import etree

from ..parsers.exceptions import FileTooLarge, MalformedFile, NotMyFormat, ParseError
from ..parsers.xmlsafe import DEFAULT_MAX_SIZE, make_parser, parse_xml
from .cases import UnitCase
from .common_paths import sample


class TestXmlSafe(UnitCase):
    def test_parses_plain_xml(self):
        root = parse_xml(b"<a><b>1</b></a>", "x.xml")
        assert root.tag == "a"
        assert root.findtext("b") == "1"

    def test_strips_utf8_bom_and_leading_whitespace(self):
        root = parse_xml(
            codecs.BOM_UTF8
            + b'\n  <?xml version="1.0" encoding="UTF-8"?><a>\xc4\x81</a>',
            "bom.xml",
        )
        assert root.text == "\u0101"

    def test_size_cap_is_checked_before_parsing(self):
        data = b"<a>" + b"x" * 100 + b"</a>"
        with self.assertRaises(FileTooLarge) as info:
            parse_xml(data, "big.xml", max_size=50)
        exc = info.exception
        assert (exc.size, exc.limit, exc.filename) == (len(data), 50, "big.xml")
        assert (
            str(exc)
            == f"big.xml is too large: {len(data)} bytes, the limit is 50 bytes"
        )
        # not even well-formed: the cap wins because it is checked first
        with self.assertRaises(FileTooLarge):
            parse_xml(b"<" * 60, "junk.xml", max_size=50)

    def test_default_cap_is_ten_megabytes(self):
        assert DEFAULT_MAX_SIZE == 10 * 1024 * 1024
        with self.assertRaises(FileTooLarge):
            parse_xml(b"<a>" + b" " * DEFAULT_MAX_SIZE + b"</a>", "huge.xml")

    def test_billion_laughs_is_refused_with_line(self):
        with self.assertRaises(MalformedFile) as info:
            parse_xml(
                sample("hostile_billion_laughs.xml"), "hostile_billion_laughs.xml"
            )
        assert info.exception.line == 2
        assert "hostile_billion_laughs.xml is malformed at line 2" in str(
            info.exception
        )
        assert "not allowed" in info.exception.detail

    def test_external_entity_is_refused(self):
        with self.assertRaises(MalformedFile) as info:
            parse_xml(sample("hostile_external_entity.xml"), "xxe.xml")
        assert "root:" not in str(info.exception)  # /etc/passwd content never appears

    def test_entity_declaration_without_doctype_keyword_case(self):
        with self.assertRaises(MalformedFile):
            parse_xml(
                b'<?xml version="1.0"?>\n<!doctype a [<!ENTITY x "y">]><a>&x;</a>',
                "lower.xml",
            )

    def test_utf16_doctype_is_refused(self):
        data = (
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY x '
            '"y">]><a>&x;</a>'
        ).encode("utf-16")
        with self.assertRaises(MalformedFile):
            parse_xml(data, "utf16.xml")

    def test_utf16_plain_document_is_read(self):
        data = '<?xml version="1.0" encoding="UTF-16"?><a>ok</a>'.encode("utf-16")
        assert parse_xml(data, "utf16.xml").text == "ok"

    def test_malformed_names_file_and_line(self):
        with self.assertRaises(MalformedFile) as info:
            parse_xml(b"<a>\n<b>\n</a>", "broken.xml")
        exc = info.exception
        assert exc.filename == "broken.xml"
        assert exc.line == 3
        assert exc.template == "%(filename)s is malformed at line %(line)s: %(detail)s"
        assert exc.params["line"] == 3
        assert "line 3" in str(exc)
        assert "column" not in exc.detail

    def test_truncated_sample_is_malformed_not_recovered(self):
        with self.assertRaises(MalformedFile) as info:
            parse_xml(sample("malformed_truncated.xml"), "malformed_truncated.xml")
        assert info.exception.line and info.exception.line > 50

    def test_empty_and_not_xml(self):
        with self.assertRaisesRegex(MalformedFile, "empty"):
            parse_xml(b"  \n", "empty.xml")
        with self.assertRaises(NotMyFormat):
            parse_xml(b"%PDF-1.4 ...", "scan.pdf")
        with self.assertRaises(TypeError):
            parse_xml("<a/>", "text.xml")

    def test_all_errors_share_the_base_class_and_translatable_templates(self):
        for cls in (NotMyFormat, MalformedFile, FileTooLarge):
            assert issubclass(cls, ParseError)
        exc = MalformedFile("boom", filename="f.xml")
        assert exc.line is None
        assert exc.template == "%(filename)s is malformed: %(detail)s"
        assert exc.template % exc.params == str(exc) == "f.xml is malformed: boom"

    def test_parser_is_hardened(self):
        parser = make_parser()
        # an internal DTD fed straight to our parser must still not expand entities
        root = etree.fromstring(
            b'<!DOCTYPE a [<!ENTITY x "expanded">]><a>&x;</a>', parser
        )
        assert "expanded" not in (root.text or "")
