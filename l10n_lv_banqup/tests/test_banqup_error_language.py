# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Errors of the parsers and of the Banqup client are shown in the user's language."""

from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools.translate import code_translations

from ..banqup.transport import DocumentPayload
from .common import BanqupTestCommon, sample

MODULE = "l10n_lv_banqup"
MALFORMED = "%(filename)s is malformed at line %(line)s: %(detail)s"
MISSING = "%(what)s (%(path)s) is missing"
CURRENCY = "Currency (BT-5)"
REFUSED = "Banqup refused the API credentials (client id or secret): %(detail)s"
HTTP_STATUS = "%(request)s: HTTP %(status)s (%(code)s)"
#: the detail of a refused DOCTYPE, a text of base_xml_safe (the shared XML loader)
REFUSED_XML = (
    "DOCTYPE/ENTITY declarations are refused (%(marker)s found): "
    "they can expand to gigabytes or read local files"
)

#: the test's own Latvian terms, loaded by :meth:`lv_terms` independently of the addon's
#: lv.po
LV_TERMS = {
    MALFORMED: "%(filename)s ir bojāts, rinda %(line)s: %(detail)s",
    MISSING: "Trūkst: %(what)s (%(path)s)",
    CURRENCY: "Valūta (BT-5)",
    REFUSED: (
        "Banqup noraidīja API piekļuves datus (klienta ID vai noslēpumu): %(detail)s"
    ),
    HTTP_STATUS: "%(request)s: HTTP statuss %(status)s (%(code)s)",
}


@tagged("post_install", "-at_install")
class TestBanqupErrorLanguage(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("lv_LV")

    def lv_terms(self, terms):
        """Add ``terms`` to the Latvian code translations of the addon for this test."""
        current = dict(code_translations.get_python_translations(MODULE, "lv_LV"))
        patcher = patch.dict(
            code_translations.python_translations,
            {(MODULE, "lv_LV"): {**current, **terms}},
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def import_without_currency(self, lang):
        """Store a sales invoice without currency (BT-5) and import it in ``lang``."""
        xml = sample("lv_sales_invoice.xml").replace(
            b"<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>", b""
        )
        payload = DocumentPayload(
            f"no-currency-{lang}", "sales", "no_currency.xml", xml, ()
        )
        document = self.env["banqup.document"]._banqup_store(
            self.company, payload, "upload"
        )
        document.with_context(lang=lang)._banqup_import_one()
        self.assertEqual(document.state, "error")
        # the message is shown in the reader's language (here: the importer's)
        return document.with_context(lang=lang)

    def test_parse_error_in_latvian(self):
        """Template, detail and the element's label are each translated, then
        formatted."""
        self.lv_terms(LV_TERMS)
        english = self.import_without_currency("en_US").error_message
        self.assertIn("is malformed at line", english)
        self.assertIn("Currency (BT-5) (cbc:DocumentCurrencyCode) is missing", english)
        latvian = self.import_without_currency("lv_LV").error_message
        self.assertRegex(
            latvian,
            r"^no_currency\.xml ir bojāts, rinda \d+: Trūkst: Valūta \(BT-5\) "
            r"\(cbc:DocumentCurrencyCode\)$",
        )

    def test_registration_error_in_latvian(self):
        """The operator's refusal is written on the e-services in the administrator's
        language."""
        self.lv_terms(LV_TERMS)
        self.configure_company(self.company, client_secret="wrong-secret")
        services = self.company._l10n_lv_banqup_ensure_services()
        self.company.with_context(lang="lv_LV")._l10n_lv_banqup_register(services)
        for service in services:
            self.assertFalse(service.active)
            self.assertTrue(
                service.system_message.startswith(
                    "Banqup noraidīja API piekļuves datus"
                ),
                service.system_message,
            )
            self.assertIn(": HTTP statuss 401 (", service.system_message)
            self.assertNotIn("wrong-secret", service.system_message)

    def test_lv_po_translates_the_parse_error(self):
        """With the addon's own lv.po, which translates every piece of the message."""
        translations = code_translations.get_python_translations(MODULE, "lv_LV")
        missing = [
            msgid
            for msgid in (MALFORMED, MISSING, CURRENCY)
            if not translations.get(msgid)
        ]
        self.assertFalse(missing, "l10n_lv_banqup/i18n/lv.po lacks these translations")
        latvian = self.import_without_currency("lv_LV").error_message
        detail = translations[MISSING] % {
            "what": translations[CURRENCY],
            "path": "cbc:DocumentCurrencyCode",
        }
        line = (
            self.import_without_currency("en_US")
            .error_message.split("line ")[1]
            .split(":")[0]
        )
        expected = translations[MALFORMED] % {
            "filename": "no_currency.xml",
            "line": line,
            "detail": detail,
        }
        self.assertEqual(latvian, expected)

    def test_refused_doctype_in_latvian_from_both_po_files(self):
        """This addon's template (its lv.po) around the shared loader's detail
        (base_xml_safe's lv.po): each text is translated by the addon defining it."""
        ours = code_translations.get_python_translations(MODULE, "lv_LV")
        shared = code_translations.get_python_translations("base_xml_safe", "lv_LV")
        self.assertTrue(ours.get(MALFORMED), "l10n_lv_banqup/i18n/lv.po")
        self.assertTrue(shared.get(REFUSED_XML), "base_xml_safe/i18n/lv.po")
        xml = sample("hostile_external_entity.xml")
        payload = DocumentPayload("hostile-lv", "sales", "hostile.xml", xml, ())
        documents = self.env["banqup.document"]
        document = documents._banqup_store(self.company, payload, "upload")
        document.with_context(lang="lv_LV")._banqup_import_one()
        self.assertEqual(document.state, "error")
        detail = shared[REFUSED_XML] % {"marker": "<!DOCTYPE"}
        values = {"filename": "hostile.xml", "line": 2, "detail": detail}
        expected = ours[MALFORMED] % values
        self.assertEqual(document.with_context(lang="lv_LV").error_message, expected)
        self.assertNotIn("root:", expected)
