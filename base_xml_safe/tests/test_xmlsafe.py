# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The shared safe XML loader: size limit, BOM, DOCTYPE/ENTITY refusal, hardened parser,
error messages (database-free: ``odoo.tests.BaseCase``)."""

import ast
import codecs
import re
import time
from pathlib import Path
from unittest.mock import patch

import polib
from lxml import etree

from odoo.tests import BaseCase

from ..tools import xmlsafe
from ..tools.exceptions import (
    Text,
    XmlMalformed,
    XmlNotXml,
    XmlSafetyError,
    XmlTooLarge,
    XmlUnsafe,
)

ADDON_DIR = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
#: the limits of the two callers: bank statements and e-invoices
STATEMENT_LIMIT = 20 * MB
EINVOICE_LIMIT = 10 * MB

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<a>&lol9;</a>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE a [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<a>&xxe;</a>
"""
REMOTE_DTD = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE a SYSTEM "http://example.invalid/a.dtd">
<a>1</a>
"""
HOSTILE = {
    "billion_laughs.xml": BILLION_LAUGHS,
    "external_entity.xml": EXTERNAL_ENTITY,
    "remote_dtd.xml": REMOTE_DTD,
}
UTF16_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'
)
#: ``<!DOCTYPE a [<!ENTITY x "&#120;&#120;">]>`` spelled in UTF-7 without a ``<`` byte
UTF7_DOCTYPE = (
    b'<?xml version="1.0" encoding="UTF-7"?>\n'
    b'+ADw-!DOCTYPE a +AFs-+ADw-!ENTITY x "+ACY-+ACM-120+ADs-"+AD4-+AF0-+AD4-\n'
    b"<a>&x;</a>"
)


class TestXmlSafeLoading(BaseCase):
    def test_loads_plain_xml(self):
        root = xmlsafe.load_xml(b"<a>\n  <!-- c -->\n  <b>1</b>\n</a>", "x.xml", MB)
        self.assertEqual(root.tag, "a")
        self.assertEqual(root.findtext("b"), "1")
        # blanks and comments are kept unless the caller asks
        self.assertEqual(len(root), 2)
        self.assertEqual(root.text, "\n  ")

    def test_blank_text_and_comments_removed_on_request(self):
        root = xmlsafe.load_xml(
            b"<a>\n  <!-- c -->\n  <?pi x?><b>1</b>\n</a>",
            "x.xml",
            MB,
            remove_blank_text=True,
            remove_comments=True,
        )
        self.assertEqual([child.tag for child in root], ["b"])
        self.assertIsNone(root.text)

    def test_utf8_bom_and_blanks_before_the_declaration_are_stripped(self):
        data = (
            codecs.BOM_UTF8
            + b'\n  <?xml version="1.0" encoding="UTF-8"?><a>'
            + "Põld".encode()
            + b"</a>"
        )
        self.assertEqual(xmlsafe.load_xml(data, "bom.xml", MB).text, "Põld")

    def test_blanks_before_the_root_keep_the_line_numbers(self):
        root = xmlsafe.load_xml(b"\n\n<a>\n<b/></a>", "x.xml", MB)
        self.assertEqual(root.find("b").sourceline, 4)

    def test_utf16_and_cp1257_documents_are_read(self):
        data = '<?xml version="1.0" encoding="UTF-16"?><a>ok</a>'.encode("utf-16")
        self.assertEqual(xmlsafe.load_xml(data, "utf16.xml", MB).text, "ok")
        data = "<a>Šķūņi</a>".encode("cp1257")
        root = xmlsafe.load_xml(data, "ansi.xml", MB, fallback_encoding="cp1257")
        self.assertEqual(root.text, "Šķūņi")
        with self.assertRaisesRegex(XmlMalformed, "neither UTF-8 nor cp1257"):
            xmlsafe.load_xml(b"<a>\x81</a>", "ansi.xml", MB, fallback_encoding="cp1257")

    def test_only_bytes_are_accepted(self):
        with self.assertRaises(TypeError):
            xmlsafe.load_xml("<a/>", "str.xml", MB)

    def test_empty_and_not_xml(self):
        for data in (b"", b"   \n", codecs.BOM_UTF8):
            with self.subTest(data=data), self.assertRaises(XmlMalformed) as info:
                xmlsafe.load_xml(data, "empty.xml", MB)
            self.assertEqual(str(info.exception), "empty.xml: the file is empty")
        with self.assertRaises(XmlNotXml) as info:
            xmlsafe.load_xml(b"%PDF-1.4 ...", "scan.pdf", MB)
        self.assertEqual(str(info.exception), "scan.pdf: the file is not XML")

    def test_local_name_and_namespace(self):
        self.assertEqual(xmlsafe.local_name("{urn:x}Ntry"), "Ntry")
        self.assertEqual(xmlsafe.local_name("Ntry"), "Ntry")
        self.assertEqual(xmlsafe.local_name(etree.Comment), "")
        self.assertEqual(xmlsafe.namespace("{urn:x}Ntry"), "urn:x")
        self.assertEqual(xmlsafe.namespace("Ntry"), "")

    def test_sniffing_helpers_see_through_utf16(self):
        data = "<Document><BkToCstmrStmt/></Document>".encode("utf-16")
        self.assertTrue(xmlsafe.looks_like_xml(data))
        self.assertTrue(xmlsafe.contains_marker(data, [b"<BkToCstmrStmt"]))
        self.assertTrue(
            xmlsafe.contains_marker(data, [b"bktocstmrstmt"], ignore_case=True)
        )
        self.assertFalse(xmlsafe.looks_like_xml(b"date;amount\n"))


class TestXmlSafeSize(BaseCase):
    def test_each_caller_limit_is_checked_before_parsing(self):
        """A file just over 10 MB: refused at the e-invoice limit, accepted size-wise at
        the statement limit; 50 MB are refused at once at the statement limit."""
        just_over = b"<a>" + b" " * EINVOICE_LIMIT + b"</a>"
        with self.assertRaises(XmlTooLarge) as info:
            xmlsafe.load_xml(just_over, "big.xml", EINVOICE_LIMIT)
        self.assertEqual(
            (info.exception.size, info.exception.limit),
            (len(just_over), EINVOICE_LIMIT),
        )
        self.assertEqual(
            xmlsafe.load_xml(just_over, "big.xml", STATEMENT_LIMIT).tag, "a"
        )
        huge = b"<a>" + b"x" * (50 * MB) + b"</a>"
        started = time.monotonic()
        with self.assertRaises(XmlTooLarge) as info:
            xmlsafe.load_xml(huge, "huge.xml", STATEMENT_LIMIT)
        self.assertLess(time.monotonic() - started, 2.0)
        self.assertEqual(
            str(info.exception),
            f"huge.xml: {len(huge)} bytes exceed the limit of {STATEMENT_LIMIT} bytes",
        )
        self.assertIsNone(info.exception.line)

    def test_size_wins_over_everything_else_and_none_means_no_limit(self):
        with patch.object(etree, "fromstring") as fromstring:
            for data in (b"<" * 60, BILLION_LAUGHS):
                with self.subTest(data=data[:10]), self.assertRaises(XmlTooLarge):
                    xmlsafe.load_xml(data, "junk.xml", 50)
            fromstring.assert_not_called()
        self.assertEqual(xmlsafe.load_xml(b"<a>12345</a>", "a.xml", None).text, "12345")


class TestXmlSafeHostile(BaseCase):
    def assertRefusedBeforeParsing(self, data, filename="h.xml"):
        """``data`` gives :class:`XmlUnsafe` quickly and lxml never sees it."""
        started = time.monotonic()
        with (
            patch.object(etree, "fromstring") as fromstring,
            self.assertRaises(XmlUnsafe) as info,
        ):
            xmlsafe.load_xml(data, filename, MB)
        fromstring.assert_not_called()
        self.assertLess(time.monotonic() - started, 1.0)
        return info.exception

    def test_hostile_files_are_refused_with_their_line(self):
        for name, data in HOSTILE.items():
            with self.subTest(name=name):
                error = self.assertRefusedBeforeParsing(data, name)
                self.assertEqual((error.filename, error.line), (name, 2))
                self.assertEqual(error.marker, "<!DOCTYPE")
                self.assertEqual(
                    str(error),
                    f"{name}, line 2: DOCTYPE/ENTITY declarations are refused "
                    "(<!DOCTYPE found): they can expand to gigabytes or read local "
                    "files",
                )
                self.assertNotIn("root:", str(error))

    def test_spellings_and_encodings_of_a_declaration(self):
        cases = {
            "entity without doctype": b'<a><!ENTITY x "y"></a>',
            "lower case": b'<?xml version="1.0"?>\n<!doctype a [<!ENTITY x "y">]><a/>',
            "blank after <!": b"<! DOCTYPE a><a/>",
            "utf-16 with BOM": UTF16_DOCTYPE.encode("utf-16"),
            "utf-16 without BOM": UTF16_DOCTYPE.encode("utf-16-be"),
            "utf-32": UTF16_DOCTYPE.replace("UTF-16", "UTF-32").encode("utf-32"),
            "utf-7": UTF7_DOCTYPE,
        }
        for case, data in cases.items():
            with self.subTest(case=case):
                self.assertRefusedBeforeParsing(data)
        self.assertEqual(self.assertRefusedBeforeParsing(UTF7_DOCTYPE).line, 2)

    def test_unknown_encoding_is_refused(self):
        data = b'<?xml version="1.0" encoding="x-no-such-codec"?><a/>'
        with self.assertRaisesRegex(XmlMalformed, "x-no-such-codec is not supported"):
            xmlsafe.load_xml(data, "odd.xml", MB)

    def test_parsed_tree_is_checked_again(self):
        """Defence in depth: with the byte check disabled, the parser resolves nothing
        (no /etc/passwd, no expansion) and the tree's DOCTYPE is refused."""
        never = re.compile(rb"(?!x)x")
        with patch.object(xmlsafe, "_DTD_MARKERS", never):
            for name, data in HOSTILE.items():
                with self.subTest(name=name):
                    started = time.monotonic()
                    # libxml2 may stop the entity loop itself (not well-formed)
                    with self.assertRaises((XmlUnsafe, XmlMalformed)) as info:
                        xmlsafe.load_xml(data, name, MB)
                    self.assertLess(time.monotonic() - started, 1.0)
                    self.assertNotIn("root:", str(info.exception))
            with self.assertRaises(XmlUnsafe):
                xmlsafe.load_xml(EXTERNAL_ENTITY, "xxe.xml", MB)
            with self.assertRaises(XmlUnsafe):
                xmlsafe.load_xml(UTF7_DOCTYPE, "utf7.xml", MB)

    def test_parser_itself_neither_expands_nor_reads_entities(self):
        root = etree.fromstring(EXTERNAL_ENTITY, parser=xmlsafe.make_parser())
        text = etree.tostring(root, encoding="unicode")
        self.assertNotIn("root:", text)
        self.assertIn("&xxe;", text)  # left as an unresolved reference
        root = etree.fromstring(
            b'<!DOCTYPE a [<!ENTITY x "expanded">]><a>&x;</a>', xmlsafe.make_parser()
        )
        self.assertNotIn("expanded", root.text or "")
        parser = xmlsafe.make_parser(remove_blank_text=True, remove_comments=True)
        self.assertIsNot(parser, xmlsafe.make_parser())


class TestXmlSafeMalformed(BaseCase):
    def test_syntax_error_names_file_line_and_column(self):
        with self.assertRaises(XmlMalformed) as info:
            xmlsafe.load_xml(b"<a>\n<b>\n</a>", "broken.xml", MB)
        error = info.exception
        self.assertEqual(
            (error.filename, error.line, error.column), ("broken.xml", 3, 5)
        )
        self.assertEqual(
            str(error),
            "broken.xml, line 3: the XML is not well-formed (column 5): "
            "Opening and ending tag mismatch: b line 2 and a",
        )

    def test_truncated_file_is_an_error_not_recovered(self):
        data = b"<a>\n" + b"<b>1</b>\n" * 60 + b"<c>2"
        with self.assertRaises(XmlMalformed) as info:
            xmlsafe.load_xml(data, "cut.xml", MB)
        self.assertEqual(info.exception.line, 62)
        self.assertIn("Premature end of data", info.exception.detail)


class TestXmlSafeMessages(BaseCase):
    def catalogue(self, terms):
        return lambda source: terms.get(source, source)

    def test_translate_translates_template_and_detail(self):
        with self.assertRaises(XmlTooLarge) as info:
            xmlsafe.load_xml(b"<a/>" * 10, "big.xml", 5)
        error = info.exception
        gettext = self.catalogue(
            {
                "%(filename)s: %(detail)s": "%(filename)s: %(detail)s!",
                "%(size)s bytes exceed the limit of %(limit)s bytes": (
                    "%(size)s baiti pārsniedz %(limit)s baitu robežu"
                ),
            }
        )
        self.assertEqual(
            error.translate(gettext), "big.xml: 40 baiti pārsniedz 5 baitu robežu!"
        )
        self.assertEqual(
            error.translate_detail(gettext), "40 baiti pārsniedz 5 baitu robežu"
        )
        self.assertEqual(error.translate(lambda source: source), str(error))

    def test_unnamed_file_and_broken_translation(self):
        error = XmlMalformed(Text("the file is empty"))
        self.assertIsInstance(error, XmlSafetyError)
        self.assertIsInstance(error, ValueError)
        self.assertEqual(str(error), "(unnamed file): the file is empty")
        broken = {"%(filename)s: %(detail)s": "%(file)s: %(detail)s"}
        self.assertEqual(error.translate(self.catalogue(broken)), str(error))

    def test_every_lt_text_is_in_the_pot(self):
        texts = set()
        for path in sorted((ADDON_DIR / "tools").glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", None) == "_lt"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    texts.add(node.args[0].value)
        self.assertIn(
            "the XML is not well-formed (column %(column)s): %(error)s", texts
        )
        pot = polib.pofile(str(ADDON_DIR / "i18n" / "base_xml_safe.pot"))
        missing = texts - {entry.msgid for entry in pot}
        self.assertFalse(missing, "run ./dev pot base_xml_safe")
