# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The loader's messages in Latvian and Estonian with Odoo's ``env._`` and this addon's
own ``i18n/*.po``: the texts are defined and translated here, whichever addon shows
them."""

from odoo.tests import TransactionCase
from odoo.tools.translate import code_translations

from ..tools import xmlsafe
from ..tools.exceptions import XmlMalformed, XmlUnsafe

WITH_LINE = "%(filename)s, line %(line)s: %(detail)s"
UNSAFE = (
    "DOCTYPE/ENTITY declarations are refused (%(marker)s found): "
    "they can expand to gigabytes or read local files"
)
SYNTAX = "the XML is not well-formed (column %(column)s): %(error)s"
UTF16_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'
).encode("utf-16")


class TestXmlSafeLanguage(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("lv_LV", "et_EE"):
            cls.env["res.lang"]._activate_lang(lang)

    def terms(self, lang, *msgids):
        translations = code_translations.get_python_translations("base_xml_safe", lang)
        missing = [msgid for msgid in msgids if not translations.get(msgid)]
        self.assertFalse(missing, f"base_xml_safe/i18n lacks {lang} translations")
        return translations

    def test_refused_doctype_in_latvian_and_estonian(self):
        with self.assertRaises(XmlUnsafe) as info:
            xmlsafe.load_xml(UTF16_DOCTYPE, "hostile.xml", 1024)
        error = info.exception
        for lang in ("lv_LV", "et_EE"):
            with self.subTest(lang=lang):
                terms = self.terms(lang, WITH_LINE, UNSAFE)
                detail = terms[UNSAFE] % {"marker": "<!DOCTYPE"}
                expected = terms[WITH_LINE] % {
                    "filename": "hostile.xml",
                    "line": 2,
                    "detail": detail,
                }
                env = self.env(context={"lang": lang})
                self.assertEqual(error.translate(env._), expected)
                self.assertEqual(error.translate_detail(env._), detail)
                self.assertNotEqual(expected, str(error))

    def test_syntax_error_in_latvian(self):
        with self.assertRaises(XmlMalformed) as info:
            xmlsafe.load_xml(b"<a>\n<b>\n</a>", "broken.xml", 1024)
        terms = self.terms("lv_LV", SYNTAX)
        env = self.env(context={"lang": "lv_LV"})
        self.assertEqual(
            info.exception.translate_detail(env._),
            terms[SYNTAX]
            % {"column": 5, "error": "Opening and ending tag mismatch: b line 2 and a"},
        )
