# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A message stored on an inbox document is shown in the reader's language, whoever
stored it."""

from odoo.tests import tagged
from odoo.tools.translate import code_translations

from ..banqup.exceptions import ProtocolError
from ..banqup.transport import DocumentPayload
from .common import BanqupTestCommon, FakeTransport, sample

MODULE = "l10n_lv_banqup"
MALFORMED = "%(filename)s is malformed at line %(line)s: %(detail)s"
MISSING = "%(what)s (%(path)s) is missing"
CURRENCY = "Currency (BT-5)"
TOTAL = (
    "The invoice total in Odoo is %(odoo_total)s but the document says "
    "%(document_total)s (payable %(payable)s + prepaid %(prepaid)s)."
)
NOT_DOWNLOADED = (
    "Banqup listed this document but it could not be downloaded: %(reason)s. It stays "
    "at Banqup and every fetch tries again (Retry does it now); if it never arrives, "
    "ask Banqup's support about document %(banqup_id)s."
)
UNEXPECTED_REPLY = "Unexpected reply from Banqup: %(detail)s"


@tagged("post_install", "-at_install")
class TestBanqupMessageLanguage(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("lv_LV")
        cls.env["res.lang"]._activate_lang("et_EE")

    def translations(self, lang, *msgids):
        """The addon's own translations (lv.po / et.po) of ``msgids``; each must
        exist."""
        terms = code_translations.get_python_translations(MODULE, lang)
        missing = [msgid for msgid in msgids if not terms.get(msgid)]
        self.assertFalse(
            missing, f"l10n_lv_banqup/i18n/{lang[:2]}.po lacks these translations"
        )
        return terms

    def test_parse_error_stored_by_a_latvian_run_read_in_estonian_and_latvian(self):
        xml = sample("lv_sales_invoice.xml").replace(
            b"<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>", b""
        )
        document = self.env["banqup.document"]._banqup_store(
            self.company,
            DocumentPayload("NO-CUR", "sales", "no_currency.xml", xml, ()),
            "upload",
        )
        # the cron imports in the company's language: Latvian
        document.with_context(lang="lv_LV")._banqup_import_one()
        self.assertEqual(document.state, "error")
        english = document.with_context(lang="en_US").error_message
        line = english.split("line ")[1].split(":")[0]
        self.assertEqual(
            english,
            f"no_currency.xml is malformed at line {line}: Currency (BT-5) "
            f"(cbc:DocumentCurrencyCode) is missing",
        )
        for lang in ("lv_LV", "et_EE"):
            terms = self.translations(lang, MALFORMED, MISSING, CURRENCY)
            detail = terms[MISSING] % {
                "what": terms[CURRENCY],
                "path": "cbc:DocumentCurrencyCode",
            }
            expected = terms[MALFORMED] % {
                "filename": "no_currency.xml",
                "line": line,
                "detail": detail,
            }
            with self.subTest(lang=lang):
                self.assertEqual(
                    document.with_context(lang=lang).error_message, expected
                )
                # as the list and the form read it (read() in the reader's context)
                self.assertEqual(
                    document.with_context(lang=lang).read(["error_message"])[0][
                        "error_message"
                    ],
                    expected,
                )
        self.assertNotEqual(
            document.with_context(lang="lv_LV").error_message,
            document.with_context(lang="et_EE").error_message,
        )

    def test_import_error_with_values_read_in_estonian_and_latvian(self):
        """The total check's message (an import error with values) follows the reader
        too."""
        document = self.env["banqup.document"]._banqup_store(
            self.company,
            DocumentPayload(
                "TOTAL", "sales", "total.xml", sample("lv_total_mismatch.xml"), ()
            ),
            "upload",
        )
        document.with_context(lang="et_EE")._banqup_import_one()
        self.assertEqual(document.state, "error", document.error_message)
        values = document.error_data["p"]
        self.assertEqual(
            (values["odoo_total"], values["document_total"]), ("376.40", "376.41")
        )
        self.assertEqual(
            document.with_context(lang="en_US").error_message, TOTAL % values
        )
        for lang in ("lv_LV", "et_EE"):
            terms = self.translations(lang, TOTAL)
            with self.subTest(lang=lang):
                self.assertEqual(
                    document.with_context(lang=lang).error_message,
                    terms[TOTAL] % values,
                )

    def test_download_failure_read_in_estonian_and_latvian(self):
        """A message made of our text and the Banqup client's error, both translated for
        the reader."""
        transport = FakeTransport([("LOST", "sales", b"")])
        transport.download = lambda remote: (_ for _ in ()).throw(
            ProtocolError("GET ...: HTTP 410 (GONE)")
        )
        self.company.with_context(lang="lv_LV")._banqup_fetch(transport=transport)
        document = self.env["banqup.document"].search([("banqup_id", "=", "LOST")])
        self.assertEqual(document.state, "error")
        for lang in ("lv_LV", "et_EE"):
            terms = self.translations(lang, NOT_DOWNLOADED, UNEXPECTED_REPLY)
            reason = terms[UNEXPECTED_REPLY] % {"detail": "GET ...: HTTP 410 (GONE)"}
            with self.subTest(lang=lang):
                self.assertEqual(
                    document.with_context(lang=lang).error_message,
                    terms[NOT_DOWNLOADED] % {"reason": reason, "banqup_id": "LOST"},
                )
