# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_addon_and_dependencies_installed(self):
        """The addon and everything it depends on are installed in the test database."""
        Module = self.env["ir.module.module"]
        addon = Module.search([("name", "=", "bank_import_swed")])
        self.assertEqual(addon.state, "installed")
        # base_xml_safe: the one XML loader with the size and entity limits
        self.assertEqual(
            sorted(addon.dependencies_id.mapped("name")),
            ["account_receipt_preid", "base_xml_safe"],
        )
        for dependency in addon.dependencies_id.depend_id:
            self.assertEqual(dependency.state, "installed", dependency.name)
