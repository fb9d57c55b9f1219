# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every term of the three addons is translated in Latvian and Estonian, checked by
Odoo.

The repository test ``test_translations.py`` compares the .po files with the .pot files;
this one asks Odoo itself: it loads the .po files into a database with lv_LV and et_EE
active and lists the terms with Odoo's exporter (the one behind ``--i18n-export``),
which reads the terms from the *current* code, views and data. A new ``_()`` message,
field label or view string without a translation fails here even if nobody regenerated
the .pot.

Runs under pytest-odoo (``./dev test``); ``./dev unit`` skips it (it needs a database).
"""

from odoo.tests.common import TransactionCase
from odoo.tools import file_open
from odoo.tools.translate import (
    PoFileReader,
    TranslationModuleReader,
    code_translations,
    get_po_paths,
)

ADDONS = [
    "account_receipt_preid",
    "bank_import_swed",
    "base_xml_safe",
    "l10n_lv_banqup",
    "l10n_ee_banqup",
    "sale_receipt_preid",
]

# (how to read it, reference, English) -> what the Latvian user sees
SPOT_CHECKS = [
    (
        ("field", "account.prepayment", "usable_balance"),
        "Usable Balance",
        "Izmantojamais atlikums",
    ),
    (("field", "account.receipt", "partner_count"), "Customers", "Klienti"),
    (
        ("selection", "account.receipt.line", "kind", "prepayment"),
        "Prepayment",
        "Avanss",
    ),
    (("selection", "account.receipt", "state", "posted"), "Posted", "Grāmatots"),
    (("menu", "account_receipt_preid.account_receipt_menu"), "Receipts", "Kvītis"),
    (
        ("menu", "account_receipt_preid.account_prepayment_menu"),
        "Prepayments",
        "Avansi",
    ),
    (
        ("field", "account.receipt.camt.import.line", "match_rule"),
        "Suggested By",
        "Ieteikts pēc",
    ),
    (
        ("selection", "account.receipt.import.skip", "reason", "duplicate"),
        "Already imported",
        "Jau importēts",
    ),
    (("menu", "l10n_lv_banqup.banqup_document_menu"), "Banqup inbox", "Banqup iesūtne"),
    (("field", "banqup.document", "direction"), "Direction", "Virziens"),
]


class TestTranslations(TransactionCase):
    # Odoo gives default tags only to test classes inside an addon
    # (odoo.addons.<addon>); this one checks the three addons together, so it lives in
    # the repository's tests/.
    test_tags = {"standard", "at_install"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("lv_LV", "et_EE"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(
            ADDONS, ["lv_LV", "et_EE"], overwrite=True
        )
        cls.env.registry.clear_cache()
        cls.env.invalidate_all()

    def _kept_as_is(self, addon, lang):
        """Terms a translator deliberately left as in English (msgstr == msgid): Odoo's
        exporter reports those with an empty value, like untranslated ones."""
        same = set()
        for path in get_po_paths(addon, lang):
            with file_open(path, mode="rb") as fileobj:
                same.update(
                    row["src"]
                    for row in PoFileReader(fileobj)
                    if row["value"] == row["src"]
                )
        return same

    def _untranslated(self, lang):
        # the exporter logs (and skips) a file it cannot read: that is a failure here
        with self.assertNoLogs("odoo.tools.translate", "ERROR"):
            reader = TranslationModuleReader(self.env.cr, modules=ADDONS, lang=lang)
        kept = {addon: self._kept_as_is(addon, lang) for addon in ADDONS}
        missing = set()
        for module, ttype, name, _res_id, source, value, _comments in reader:
            if module in kept and not value and source not in kept[module]:
                missing.add(f"{module} ({ttype}:{name}): {source!r}")
        return sorted(missing)

    def _assert_complete(self, lang):
        missing = self._untranslated(lang)
        if missing:
            shown = missing[:60] + (
                [f"... and {len(missing) - 60} more"] if len(missing) > 60 else []
            )
            self.fail(
                f"{len(missing)} term(s) of the code have no {lang} translation; add "
                f"them to the addon's i18n/{lang.split('_')[0]}.po (and run ./dev "
                f"pot):\n" + "\n".join(shown)
            )

    def _shown(self, spec, lang):
        env = self.env(context=dict(self.env.context, lang=lang))
        kind, *ref = spec
        if kind == "field":
            model, field = ref
            return env[model].fields_get([field], ["string"])[field]["string"]
        if kind == "selection":
            model, field, value = ref
            return dict(
                env[model].fields_get([field], ["selection"])[field]["selection"]
            )[value]
        return env.ref(ref[0]).name

    def test_latvian_is_complete(self):
        self._assert_complete("lv_LV")

    def test_estonian_is_complete(self):
        self._assert_complete("et_EE")

    def test_latvian_labels_menus_and_selections_shown(self):
        for spec, english, latvian in SPOT_CHECKS:
            with self.subTest(spec=spec):
                self.assertEqual(self._shown(spec, "en_US"), english)
                self.assertEqual(self._shown(spec, "lv_LV"), latvian)

    def test_estonian_labels_menus_and_selections_shown(self):
        for spec, english, _latvian in SPOT_CHECKS:
            with self.subTest(spec=spec):
                shown = self._shown(spec, "et_EE")
                self.assertTrue(shown)
                self.assertNotEqual(
                    shown, english, f"{spec} is shown in English in et_EE"
                )

    def test_latvian_view_and_message(self):
        """A view term and a Python message reach the Latvian user too."""
        form = self.env.ref("account_receipt_preid.account_receipt_view_form")
        self.assertIn("Grāmatojums", form.with_context(lang="lv_LV").arch_db)
        self.assertIn("Journal Entry", form.with_context(lang="en_US").arch_db)
        messages = code_translations.get_python_translations(
            "account_receipt_preid", "lv_LV"
        )
        self.assertEqual(
            messages["Receipt %(name)s is not posted."], "Kvīts %(name)s nav grāmatota."
        )
