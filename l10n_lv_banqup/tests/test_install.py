# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_addon_and_dependencies_installed(self):
        """The addon and everything it depends on are installed in the test database."""
        Module = self.env["ir.module.module"]
        addon = Module.search([("name", "=", "l10n_lv_banqup")])
        self.assertEqual(addon.state, "installed")
        # account_edi_ubl_cii: Odoo's BIS 3 builder and Peppol partner fields, for
        # sending via Banqup; base_xml_safe: the one XML loader with the limits
        self.assertEqual(
            sorted(addon.dependencies_id.mapped("name")),
            ["account", "account_edi_ubl_cii", "base_xml_safe", "l10n_lv"],
        )
        for dependency in addon.dependencies_id.depend_id:
            self.assertEqual(dependency.state, "installed", dependency.name)
