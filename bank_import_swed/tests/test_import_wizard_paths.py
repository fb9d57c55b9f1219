# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 15, company isolation of the import wizards: a user of company B can neither
find, read nor change company A's pending imports (statement lines, skipped entries,
factoring rows), and A's *Apply* books what A's file says."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import BankImportCommon


@tagged("post_install", "-at_install")
class TestImportIsolation(BankImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_users("isolation")
        cls.inv118 = cls.make_named_invoice(
            cls.kliendi, 1250.0, "INV/2026/00118", payment_reference="2026 1188"
        )
        cls.inv_mari = cls.make_named_invoice(cls.mari, 99.90, "INV/2026/00119")

    def as_b(self, records):
        return records.with_user(self.user_b).with_company(self.other["company"])

    def assertIsolated(self, records):
        """``records`` (company A's wizard rows) are invisible to B's searches and
        refused to B's read, write and unlink, with an access error."""
        Model = self.as_b(self.env[records._name])
        self.assertFalse(
            Model.search([("id", "in", records.ids)]), f"B finds A's {records._name}"
        )
        for label, call in (
            ("read", lambda: self.as_b(records).read(["id"])),
            ("write", lambda: self.as_b(records).write({"sequence": 99})),
            ("unlink", lambda: self.as_b(records).unlink()),
        ):
            with (
                self.subTest(model=records._name, path=label),
                self.assertRaises(AccessError),
            ):
                with self.env.cr.savepoint():
                    call()
                    self.env.flush_all()
            self.env.invalidate_all()

    def test_camt_wizard_of_other_company(self):
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt053_swedbank_ee.xml", apply=False)
        self.assertTrue(wizard.line_ids and wizard.skip_ids)
        self.assertFalse(
            self.as_b(self.env[wizard._name]).search([("id", "=", wizard.id)])
        )
        with self.assertRaises(AccessError):
            self.as_b(wizard).read(["summary", "data_file"])
        self.assertIsolated(wizard.line_ids)
        self.assertIsolated(wizard.skip_ids)

    def test_other_company_cannot_change_pending_amount(self):
        """B changes an amount on A's pending import to 987,654.32 (the issue's path):
        refused, and A's *Apply* books the statement's amounts."""
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt053_swedbank_ee.xml", apply=False)
        line = wizard.line_ids.sorted("sequence")[0]
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.as_b(line).write({"amount": 987654.32})
            self.env.flush_all()
        self.env.invalidate_all()
        wizard.action_apply()
        self.assertEqual(
            sorted(receipt.line_ids.mapped("amount")), [99.90, 300.0, 1250.0]
        )
        self.assertNotIn(987654.32, receipt.line_ids.mapped("amount"))

    def test_other_company_cannot_apply_or_attach(self):
        """B cannot run A's wizard (apply it onto A's receipt) nor create a wizard on
        A's receipt."""
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt053_swedbank_ee.xml", apply=False)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.as_b(wizard).action_apply()
        self.env.invalidate_all()
        self.assertFalse(receipt.line_ids)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.as_b(self.env[wizard._name]).create({"receipt_id": receipt.id})
            self.env.flush_all()
        self.env.invalidate_all()

    def test_factoring_wizard_of_other_company(self):
        self.make_named_invoice(self.kliendi, 2012.20, "INV/2026/00140")
        receipt = self.new_receipt(self.factoring_journal)
        wizard = self.import_factoring(
            receipt, "swed_factoring_adv_variant.xml", apply=False
        )
        self.assertTrue(wizard.line_ids)
        with self.assertRaises(AccessError):
            self.as_b(wizard).read(["data_file"])
        self.assertIsolated(wizard.line_ids)

    def test_same_company_other_user(self):
        """Within company A another Invoicing user may not read a colleague's wizard
        either (Odoo's transient models are private to their creator unless a rule says
        otherwise)."""
        colleague = new_test_user(
            self.env,
            login="isolation_colleague",
            groups="base.group_user,account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        receipt = self.new_receipt(self.swed_journal).with_user(self.invoicing_user)
        wizard = self.import_camt(receipt, "camt053_swedbank_ee.xml", apply=False)
        with self.assertRaises(AccessError):
            wizard.with_user(colleague).line_ids.read(["amount"])
