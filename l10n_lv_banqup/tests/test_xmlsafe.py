# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The UBL reader uses the shared safe XML loader of ``base_xml_safe`` with this addon's
10 MB limit and messages (the loader itself is tested in ``base_xml_safe/tests``)."""

import sys
from unittest.mock import patch

from odoo.addons.base_xml_safe.tools import xmlsafe

from ..parsers import ubl
from ..parsers.exceptions import FileTooLarge, MalformedFile, NotMyFormat
from .cases import UnitCase
from .common_paths import sample

MB = 1024 * 1024
REFUSED = (
    "DOCTYPE/ENTITY declarations are refused (<!DOCTYPE found): "
    "they can expand to gigabytes or read local files"
)
UTF16_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-16"?>\n'
    '<!DOCTYPE Invoice [<!ENTITY x "y">]><Invoice>&x;</Invoice>'
).encode("utf-16")


class TestXmlSafe(UnitCase):
    def test_reader_uses_the_shared_loader_with_its_own_limit(self):
        limits = []
        real = xmlsafe.load_xml

        def spy(data, filename, max_bytes, **kwargs):
            limits.append(max_bytes)
            return real(data, filename, max_bytes, **kwargs)

        with patch.object(xmlsafe, "load_xml", spy):
            ubl.parse(sample("lv_sales_invoice.xml"), "invoice.xml")
        self.assertEqual(limits, [10 * MB])
        self.assertEqual(ubl.DEFAULT_MAX_SIZE, 10 * MB)

    def test_a_file_just_over_ten_megabytes_is_refused(self):
        """The same file is accepted size-wise by the bank statement reader (20 MB)."""
        data = sample("lv_sales_invoice.xml")
        padded = data.replace(b"</Invoice>", b" " * (10 * MB) + b"</Invoice>")
        with self.assertRaises(FileTooLarge) as info:
            ubl.parse(padded, "big.xml")
        error = info.exception
        self.assertEqual((error.size, error.limit), (len(padded), 10 * MB))
        self.assertEqual(
            str(error),
            f"big.xml is too large: {len(padded)} bytes, the limit is {10 * MB} bytes",
        )
        self.assertEqual(
            ubl.parse(padded, "big.xml", max_size=20 * MB).number, "LV-2026-0001"
        )

    def test_hostile_files_give_the_reader_message(self):
        cases = {
            "hostile_billion_laughs.xml": sample("hostile_billion_laughs.xml"),
            "hostile_external_entity.xml": sample("hostile_external_entity.xml"),
            "utf16.xml": UTF16_DOCTYPE,
        }
        for name, data in cases.items():
            with self.subTest(name=name), self.assertRaises(MalformedFile) as info:
                ubl.parse(data, name)
            error = info.exception
            self.assertEqual((error.filename, error.line), (name, 2))
            self.assertEqual(str(error), f"{name} is malformed at line 2: {REFUSED}")
            self.assertNotIn("root:", str(error))

    def test_not_xml_empty_and_broken(self):
        with self.assertRaises(NotMyFormat) as info:
            ubl.parse(b"%PDF-1.4 ...", "scan.pdf")
        self.assertEqual(
            str(info.exception),
            "scan.pdf is not a UBL invoice or credit note: the file is not XML",
        )
        with self.assertRaises(MalformedFile) as info:
            ubl.parse(b"<a>\n<b>\n</a>", "broken.xml")
        self.assertEqual(
            str(info.exception),
            "broken.xml is malformed at line 3: the XML is not well-formed (column 5): "
            "Opening and ending tag mismatch: b line 2 and a",
        )

    def test_loader_detail_is_translated_by_base_xml_safe(self):
        """The template is this addon's text, the detail base_xml_safe's: each is looked
        up in its own addon's catalogue, as Odoo's ``env._`` does."""
        catalogues = {
            "l10n_lv_banqup": {
                MalformedFile.template_with_line: "%(filename)s ir bojāts, rinda "
                "%(line)s: %(detail)s",
            },
            "base_xml_safe": {"the file is empty": "fails ir tukšs"},
        }

        def gettext(source):
            caller = sys._getframe(1).f_globals["__name__"].split(".")
            addon = caller[2] if caller[:2] == ["odoo", "addons"] else ""
            return catalogues.get(addon, {}).get(source, source)

        with self.assertRaises(MalformedFile) as info:
            ubl.parse(b"\n\n", "empty.xml")
        self.assertEqual(
            str(info.exception), "empty.xml is malformed: the file is empty"
        )
        catalogues["l10n_lv_banqup"][MalformedFile.template_without_line] = (
            "%(filename)s ir bojāts: %(detail)s"
        )
        self.assertEqual(
            info.exception.translate(gettext), "empty.xml ir bojāts: fails ir tukšs"
        )
