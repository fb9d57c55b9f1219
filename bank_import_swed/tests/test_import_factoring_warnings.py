# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""IMPORT SWED factoring warnings (issue 16): a list in the wrong payment mode, a row
above the invoice's open amount, negative amounts refused."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BankImportCommon, sample


@tagged("post_install", "-at_install")
class TestImportFactoringWarnings(BankImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inv140 = cls.make_named_invoice(cls.kliendi, 2500.0, "INV/2026/00140")
        cls.inv121 = cls.make_named_invoice(cls.teine, 305.50, "INV/2026/00121")

    def test_reserve_list_in_the_advance_payment_mode(self):
        self.factoring_journal.receipt_factoring_list = "advance"
        wizard = self.import_factoring(
            self.new_receipt(self.factoring_journal),
            "swed_factoring_res.xml",
            apply=False,
        )
        self.assertIn("This is a reserve list but payment mode", wizard.list_warning)
        advance = self.import_factoring(
            self.new_receipt(self.factoring_journal),
            "swed_factoring_adv_variant.xml",
            apply=False,
        )
        self.assertFalse(advance.list_warning)
        # without the setting nothing is said
        self.factoring_journal.receipt_factoring_list = False
        wizard.invalidate_recordset(["list_warning"])
        self.assertFalse(wizard.list_warning)

    def test_row_above_the_open_amount(self):
        self.inv121.button_draft()
        self.inv121.invoice_line_ids.price_unit = 50.0
        self.inv121.action_post()
        wizard = self.import_factoring(
            self.new_receipt(self.factoring_res_journal),
            "swed_factoring_res.xml",
            apply=False,
        )
        rows = wizard.line_ids.sorted("sequence")
        self.assertEqual(rows.mapped("over_open"), [False, True])
        self.assertEqual(wizard.over_count, 1)

    def test_negative_amounts_refused(self):
        data = sample("swed_factoring_res.xml").replace(
            b"<InvResCalc>59.61</InvResCalc>", b"<InvResCalc>-59.61</InvResCalc>"
        )
        receipt = self.new_receipt(self.factoring_res_journal)
        wizard = self.open_wizard(
            receipt, receipt.action_import_swed_factoring(), "negative.xml", data
        )
        with self.assertRaisesRegex(
            UserError,
            r"negative.xml has negative amounts in row\(s\) 2 \(invoices "
            r"INV/2026/00121\)",
        ):
            wizard.action_read_file()
        self.assertFalse(receipt.line_ids)
