# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import BankImportCommon


@tagged("post_install", "-at_install")
class TestImportFactoring(BankImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inv140 = cls.make_named_invoice(cls.kliendi, 2500.0, "INV/2026/00140")
        cls.inv121 = cls.make_named_invoice(cls.teine, 305.50, "INV/2026/00121")

    def test_button_only_on_factoring_payment_modes(self):
        with self.assertRaisesRegex(UserError, "SWED factoring"):
            self.new_receipt(self.swed_journal).action_import_swed_factoring()
        action = self.new_receipt(self.factoring_journal).action_import_swed_factoring()
        self.assertEqual(action["res_model"], "account.receipt.factoring.import")

    def test_advance_list(self):
        """LIST_ADV_BUYER: bank amount InvAdvCalc, fee InvComm + InvCommVat on the
        payment mode's bank services account, comment PmtNr, date PmtDate; the unknown
        invoice number is shown, then skipped and reported."""
        receipt = self.new_receipt(self.factoring_journal)
        wizard = self.import_factoring(
            receipt, "swed_factoring_adv_variant.xml", apply=False
        )
        self.assertEqual(wizard.list_type, "LIST_ADV_BUYER")
        self.assertEqual(wizard.fee_account_id, self.factoring_fee_account)
        rows = wizard.line_ids.sorted("sequence")
        self.assertEqual(
            [
                (
                    row.invoice_number,
                    row.invoice_id,
                    row.row_state,
                    row.bank_amount,
                    row.fee_amount,
                )
                for row in rows
            ],
            [
                ("INV/2026/00140", self.inv140, "ok", 2000.0, 12.20),
                ("INV/2026/00141", self.env["account.move"], "unknown", 80.0, 0.40),
            ],
        )
        self.assertEqual(wizard.unknown_count, 1)
        wizard.action_apply()
        line = receipt.line_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(
            (
                line.invoice_id,
                line.partner_id,
                line.amount,
                line.fee_amount,
                line.fee_account_id,
                line.name,
            ),
            (
                self.inv140,
                self.kliendi,
                2000.0,
                12.20,
                self.factoring_fee_account,
                "ADV-2026-000800",
            ),
        )
        self.assertEqual(line.bank_import_date, date(2026, 11, 16))
        self.assertEqual(wizard.skip_ids.reason, "no_invoice")
        self.assertIn("INV/2026/00141", receipt.message_ids[0].body)
        receipt.action_post()
        self.assertEqual(self.inv140.amount_residual, 487.80)
        fee_item = receipt.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.factoring_fee_account
        )
        self.assertEqual(fee_item.debit, 12.20)

    def test_reserve_list_company_fee_account_and_unknown_imported(self):
        """LIST_RES_BUYER on a payment mode without its own bank services account: fee
        InvInterest on the company default; the advance then the reserve settle the
        invoice."""
        advance = self.new_receipt(self.factoring_journal)
        self.import_factoring(advance, "swed_factoring_adv_variant.xml")
        advance.action_post()
        receipt = self.new_receipt(self.factoring_res_journal, date="2026-12-01")
        wizard = self.import_factoring(
            receipt, "swed_factoring_res.xml", policy="import"
        )
        self.assertEqual(wizard.list_type, "LIST_RES_BUYER")
        self.assertEqual(wizard.fee_account_id, self.fee_account)
        lines = receipt.line_ids.sorted("id")
        self.assertEqual(
            [
                (
                    ln.invoice_id,
                    ln.amount,
                    ln.fee_amount,
                    ln.fee_account_id,
                    ln.name,
                    ln.bank_import_date,
                )
                for ln in lines
            ],
            [
                (
                    self.inv140,
                    475.60,
                    12.20,
                    self.fee_account,
                    "RES-2026-000300",
                    date(2026, 12, 1),
                ),
                (
                    self.inv121,
                    59.61,
                    0.0,
                    self.env["account.account"],
                    "RES-2026-000300",
                    date(2026, 12, 1),
                ),
            ],
        )
        receipt.action_post()
        self.assertEqual(self.inv140.payment_state, "paid")
        self.assertEqual(self.inv121.payment_state, "partial")

    def test_unknown_invoice_imported_without_invoice(self):
        receipt = self.new_receipt(self.factoring_journal)
        self.import_factoring(
            receipt, "swed_factoring_adv_variant.xml", policy="import"
        )
        unknown = receipt.line_ids.filtered(lambda line: not line.invoice_id)
        self.assertEqual(
            (unknown.amount, unknown.fee_amount, unknown.partner_id),
            (80.0, 0.40, self.env["res.partner"]),
        )
        self.assertIn("INV/2026/00141", unknown.name)

    def test_invoice_chosen_in_preview(self):
        inv141 = self.make_named_invoice(self.kliendi, 100.0, "INV/2026/00099")
        receipt = self.new_receipt(self.factoring_journal)
        wizard = self.import_factoring(
            receipt, "swed_factoring_adv_variant.xml", apply=False
        )
        wizard.line_ids.filtered(
            lambda row: row.row_state == "unknown"
        ).invoice_id = inv141
        wizard.action_apply()
        self.assertEqual(receipt.line_ids.invoice_id, self.inv140 | inv141)

    def test_preview_form(self):
        """The preview as the user sees it: choosing the invoice of an unknown row makes
        it importable."""
        inv99 = self.make_named_invoice(self.kliendi, 100.0, "INV/2026/00099")
        receipt = self.new_receipt(self.factoring_journal)
        wizard = self.import_factoring(
            receipt, "swed_factoring_adv_variant.xml", apply=False
        )
        with Form(wizard) as form:
            self.assertEqual(form.unknown_count, 1)
            with form.line_ids.edit(1) as row:
                self.assertEqual(row.row_state, "unknown")
                row.invoice_id = inv99
                self.assertEqual(row.row_state, "ok")
                self.assertEqual(row.partner_id, self.kliendi)
        wizard.action_apply()
        self.assertEqual(receipt.line_ids.invoice_id, self.inv140 | inv99)

    def test_reimport_adds_nothing(self):
        first = self.new_receipt(self.factoring_journal)
        self.import_factoring(first, "swed_factoring_adv_variant.xml", policy="import")
        second = self.new_receipt(self.factoring_journal)
        wizard = self.import_factoring(
            second, "swed_factoring_adv_variant.xml", policy="import"
        )
        self.assertFalse(second.line_ids)
        self.assertEqual(wizard.skip_ids.mapped("reason"), ["duplicate", "duplicate"])
        self.assertEqual(set(wizard.skip_ids.mapped("existing_receipt")), {first.name})
        self.assertEqual(len(first.line_ids), 2)

    def test_camt_file_refused(self):
        receipt = self.new_receipt(self.factoring_journal)
        with self.assertRaisesRegex(
            UserError, "camt053_swedbank_ee.xml is not in the expected format"
        ):
            self.import_factoring(receipt, "camt053_swedbank_ee.xml")
