# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Messages of the parsers and of the Banqup client: English by ``str()``, translatable
piece by piece with :meth:`translate`, and every ``_lt`` text in the addon's .pot."""

import ast
from pathlib import Path

import polib

from ..banqup.btx import BtxConfig
from ..banqup.exceptions import (
    ConfigurationError,
    NotWhitelistedError,
    RateLimited,
    UploadError,
)
from ..banqup.upload import UploadLimits, read_upload
from ..banqup.vies import ViesInvalidInput, split_vat
from ..parsers import ubl
from ..parsers.exceptions import FileTooLarge, MalformedFile, ParseError, Text
from ..parsers.ubl import parse_xml
from .cases import UnitCase
from .common_paths import ADDON_DIR, sample


def brackets(source):
    """A gettext that marks what it was asked to translate."""
    return f"<{source}>"


def _lt_texts():
    """Every ``_lt("...")`` text of the addon's Python files."""
    texts = {}
    for path in sorted(ADDON_DIR.rglob("*.py")):
        if "tests" in path.relative_to(ADDON_DIR).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "_lt"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                texts.setdefault(node.args[0].value, str(path.relative_to(ADDON_DIR)))
    return texts


class TestErrorMessages(UnitCase):
    def test_english_message_is_unchanged(self):
        with self.assertRaises(MalformedFile) as info:
            parse_xml(b"", "empty.xml")
        assert str(info.exception) == "empty.xml is malformed: the file is empty"
        assert info.exception.translate(lambda source: source) == str(info.exception)

    def test_template_detail_and_label_are_translated_separately(self):
        xml = sample("lv_sales_invoice.xml").replace(
            b"<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>", b""
        )
        with self.assertRaises(ParseError) as info:
            ubl.parse(xml, "doc.xml")
        exc = info.exception
        assert str(exc).startswith("doc.xml is malformed at line ")
        assert str(exc).endswith(
            ": Currency (BT-5) (cbc:DocumentCurrencyCode) is missing"
        )
        translated = exc.translate(brackets)
        assert translated.startswith("<doc.xml is malformed at line ")
        assert translated.endswith(
            ": <<Currency (BT-5)> (cbc:DocumentCurrencyCode) is missing>>"
        )

    def test_line_label_with_its_own_value(self):
        xml = sample("lv_sales_invoice.xml").replace(
            b"<cbc:PriceAmount", b"<cbc:PriceAmount_x", 1
        )
        xml = xml.replace(b"</cbc:PriceAmount>", b"</cbc:PriceAmount_x>", 1)
        with self.assertRaises(ParseError) as info:
            ubl.parse(xml, "doc.xml")
        assert (
            "<<Price of line 1> (cbc:PriceAmount) is missing>"
            in info.exception.translate(brackets)
        )

    def test_unnamed_file_and_size_are_translated(self):
        with self.assertRaises(FileTooLarge) as info:
            parse_xml(b"<a/>" * 10, max_size=5)
        exc = info.exception
        assert str(exc) == "(unnamed file) is too large: 40 bytes, the limit is 5 bytes"
        assert (
            exc.translate(brackets)
            == "<<(unnamed file)> is too large: 40 bytes, the limit is 5 bytes>"
        )

    def test_unnamed_ubl_file_is_named_by_the_translatable_fallback(self):
        """A UBL error without a file name says "(unnamed file)", translated like the
        other pieces."""
        xml = sample("lv_sales_invoice.xml").replace(
            b"<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>", b""
        )
        with self.assertRaises(MalformedFile) as info:
            ubl.parse(xml)
        exc = info.exception
        assert str(exc).startswith("(unnamed file) is malformed at line ")
        assert "None" not in str(exc)
        translated = exc.translate(brackets)
        assert translated.startswith("<<(unnamed file)> is malformed at line ")
        assert translated.endswith(
            ": <<Currency (BT-5)> (cbc:DocumentCurrencyCode) is missing>>"
        )

    def test_broken_translation_falls_back_to_english(self):
        with self.assertRaises(MalformedFile) as info:
            parse_xml(b"", "empty.xml")
        broken = {
            "%(filename)s is malformed: %(detail)s": "%(file)s ir bojāts: %(detail)s"
        }
        assert info.exception.translate(
            lambda source: broken.get(source, source)
        ) == str(info.exception)

    def test_banqup_client_errors(self):
        with self.assertRaises(ConfigurationError) as info:
            BtxConfig.for_environment("custom", "id", "secret")
        assert info.exception.translate(
            brackets
        ) == "<Banqup settings problem: %(detail)s>".replace(
            "%(detail)s", "<a custom environment needs a base URL>"
        )
        limited = RateLimited(Text("%(request)s: HTTP 429", request="GET /spaces"))
        assert (
            str(limited)
            == "Banqup asks to slow down (rate limit); try again in a few seconds."
        )
        assert (
            limited.translate(brackets)
            == "<Banqup asks to slow down (rate limit); try again in <a few> seconds.>"
        )
        # no detail: nothing to translate after the template
        assert (
            NotWhitelistedError()
            .translate(brackets)
            .endswith("External applications). >")
        )

    def test_upload_and_vies_errors(self):
        with self.assertRaises(UploadError) as info:
            read_upload(b"x" * 20, "big.xml", "sales", UploadLimits(max_upload_size=10))
        assert (
            info.exception.translate(brackets)
            == "<big.xml cannot be imported: <20 bytes exceed the limit of 10 bytes>>"
        )
        with self.assertRaises(ViesInvalidInput) as info:
            split_vat("12345")
        assert info.exception.translate(brackets) == (
            "<VIES cannot check this VAT number: <the VAT number has no country "
            "prefix>>"
        )

    def test_every_lt_text_is_in_the_pot(self):
        texts = _lt_texts()
        assert "%(filename)s is malformed at line %(line)s: %(detail)s" in texts
        assert "Currency (BT-5)" in texts
        pot = {
            entry.msgid
            for entry in polib.pofile(
                str(Path(ADDON_DIR, "i18n", "l10n_lv_banqup.pot"))
            )
        }
        missing = {text: where for text, where in texts.items() if text not in pot}
        assert not missing, (
            f"not in i18n/l10n_lv_banqup.pot (run ./dev pot l10n_lv_banqup): {missing}"
        )
