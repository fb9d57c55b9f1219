# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The parsers use the shared safe XML loader of ``base_xml_safe`` with this addon's
limit and messages; the parser exceptions (database-free test case, see cases.py).

The loader itself is tested once, in ``base_xml_safe/tests``."""

import sys
import time
from pathlib import Path
from unittest.mock import patch

from odoo.addons.base_xml_safe.tools import xmlsafe

from ..parsers import camt, swed_factoring
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
UTF16_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-16"?>\n'
    '<!DOCTYPE Document [<!ENTITY x "y">]><Document>&x;</Document>'
).encode("utf-16")
REFUSED = (
    "DOCTYPE/ENTITY declarations are refused (<!DOCTYPE found): "
    "they can expand to gigabytes or read local files"
)


def gettext_by_module(catalogues):
    """A gettext that, like Odoo's ``env._``, looks a text up in the catalogue of the
    addon whose code calls it (``catalogues``: addon name -> {msgid: msgstr})."""

    def gettext(source):
        caller = sys._getframe(1).f_globals["__name__"].split(".")
        addon = caller[2] if caller[:2] == ["odoo", "addons"] else ""
        return catalogues.get(addon, {}).get(source, source)

    return gettext


class TestXmlSafe(UnitCase):
    @parametrize("name", HOSTILE)
    @parametrize("parse", [camt.parse, swed_factoring.parse])
    def test_hostile_files_are_refused_quickly(self, name, parse):
        data = sample(name)
        started = time.monotonic()
        with self.assertRaises(UnsafeXml) as info:
            parse(data, name)
        assert time.monotonic() - started < 1.0
        assert isinstance(info.exception, MalformedFile)
        assert info.exception.filename == name
        assert info.exception.line == 2
        assert str(info.exception) == f"The file {name} was refused, line 2: {REFUSED}"
        assert "root:" not in str(info.exception)

    @parametrize("parse", [camt.parse, swed_factoring.parse])
    def test_utf16_doctype_is_refused(self, parse):
        with self.assertRaises(UnsafeXml) as info:
            parse(UTF16_DOCTYPE, "utf16.xml")
        assert (
            str(info.exception) == f"The file utf16.xml was refused, line 2: {REFUSED}"
        )

    def test_parsers_load_with_the_shared_loader_and_their_own_limit(self):
        limits = []
        real = xmlsafe.load_xml

        def spy(data, filename, max_bytes, **kwargs):
            limits.append(max_bytes)
            return real(data, filename, max_bytes, **kwargs)

        with patch.object(xmlsafe, "load_xml", spy):
            camt.parse(sample("camt053_swedbank_ee.xml"), "camt.xml")
            swed_factoring.parse(sample("swed_factoring_res.xml"), "res.xml")
        assert limits == [20 * 1024 * 1024] * 2
        assert (
            camt.DEFAULT_MAX_BYTES
            == swed_factoring.DEFAULT_MAX_BYTES
            == 20 * 1024 * 1024
        )

    def test_a_file_over_the_e_invoice_limit_is_not_too_large_for_statements(self):
        """Just over 10 MB (the Banqup limit): a statement that size is read."""
        data = sample("camt053_swedbank_ee.xml")
        padded = data.replace(
            b"</Document>", b" " * (10 * 1024 * 1024) + b"</Document>"
        )
        assert len(padded) > 10 * 1024 * 1024
        statements = camt.parse(padded, "padded.xml")
        assert statements == camt.parse(data, "padded.xml")

    def test_fifty_megabytes_are_refused_before_parsing(self):
        data = b"<a>" + b"x" * (50 * 1024 * 1024) + b"</a>"
        for parse in (camt.parse, swed_factoring.parse):
            started = time.monotonic()
            with self.assertRaises(FileTooLarge) as info:
                parse(data, "big.xml")
            assert time.monotonic() - started < 2.0
            error = info.exception
            assert (error.size, error.limit) == (len(data), 20 * 1024 * 1024)
            assert error.filename == "big.xml" and error.line is None
            assert str(error) == (
                f"The file big.xml is too large: it has {len(data)} bytes, "
                f"the limit is {20 * 1024 * 1024} bytes"
            )

    def test_size_limit_is_a_parameter(self):
        with self.assertRaises(FileTooLarge):
            camt.parse(sample("camt053_swedbank_ee.xml"), "small.xml", max_bytes=5)

    def test_truncated_statement_names_file_line_and_column(self):
        data = sample("camt053_swedbank_ee.xml")
        cut = data[: data.index(b"</Ntry>")]
        line = cut.count(b"\n") + 1
        with self.assertRaises(MalformedFile) as info:
            camt.parse(cut, "cut.xml")
        error = info.exception
        assert (error.filename, error.line) == ("cut.xml", line)
        assert "not well-formed" in error.detail
        assert str(error).startswith(
            f"The file cut.xml is damaged or incomplete, line {line}: "
            "the XML is not well-formed (column "
        )

    def test_loader_detail_is_translated_by_base_xml_safe(self):
        """The template is this addon's text, the detail base_xml_safe's: each is looked
        up in its own addon's catalogue, as Odoo's ``env._`` does."""
        with self.assertRaises(UnsafeXml) as info:
            camt.parse(sample("hostile_doctype.xml"), "h.xml")
        source = (
            "DOCTYPE/ENTITY declarations are refused (%(marker)s found): "
            "they can expand to gigabytes or read local files"
        )
        gettext = gettext_by_module(
            {
                "bank_import_swed": {
                    UnsafeXml.template_with_line: "Fails %(filename)s, rida %(line)s: "
                    "%(detail)s",
                    source: "wrong domain",
                },
                "base_xml_safe": {source: "DOCTYPE keelatud (%(marker)s)"},
            }
        )
        assert info.exception.translate(gettext) == (
            "Fails h.xml, rida 2: DOCTYPE keelatud (<!DOCTYPE)"
        )

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
            "The file f.xml is damaged or incomplete, line 7: "
            "An entry has an invalid amount '1,5'"
        )
        other = NotMyFormat("g.xml", "not camt")
        assert str(other) == "The file g.xml is not in the expected format: not camt"
        assert other.line is None

    def test_translate_uses_the_given_gettext_for_every_part(self):
        catalogue = {
            "%(what)s has an invalid amount %(value)r": (
                "%(what)s: vigane summa %(value)r"
            ),
            "An entry": "Kanne",
            MalformedFile.template_with_line: (
                "Fail %(filename)s on vigane, rida %(line)s: %(detail)s"
            ),
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
        """Odoo's .pot export collects the ``_lt("...")`` calls of the addon's files."""
        extract = self.importorskip("babel.messages.extract")
        parsers_dir = Path(camt.__file__).parent
        found = set()
        for name in ("exceptions.py", "camt.py", "swed_factoring.py"):
            with open(parsers_dir / name, "rb") as handle:
                found.update(
                    message
                    for _line, message, _comments, _context in extract.extract(
                        "python", handle, keywords={"_": None, "_lt": None}
                    )
                )
        for message in (
            MalformedFile.template_with_line,
            UnsafeXml.template_with_line,
            NotMyFormat.template,
            FileTooLarge.template,
            "%(what)s has an invalid amount %(value)r",
            "An entry",
            "row %(row)s: %(field)s is not an amount: %(value)r",
        ):
            assert message in found
