# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ReceiptCommon


@tagged("post_install", "-at_install")
class TestReceiptSecurity(ReceiptCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_users("receipt")

    def test_invoicing_user_creates_and_posts(self):
        self.assertFalse(self.invoicing_user.has_group("account.group_account_user"))
        invoice = self.make_invoice(self.partner_a, 100)
        env = self.env(user=self.invoicing_user)
        receipt = env["account.receipt"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": "2026-02-01",
                "line_ids": [
                    Command.create(
                        {
                            "partner_id": self.partner_a.id,
                            "invoice_id": invoice.id,
                            "amount": 60,
                        }
                    )
                ],
            }
        )
        receipt.action_post()
        self.assertEqual(receipt.state, "posted")
        self.assertEqual(invoice.payment_state, "partial")
        receipt.action_draft()
        self.assertEqual(invoice.payment_state, "not_paid")
        with self.assertRaises(AccessError):
            receipt.unlink()

    def test_invoicing_user_cannot_change_settings(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.invoicing_user).create(
                {"receipt_aggregation": "both"}
            )
        with self.assertRaises(AccessError):
            self.company.with_user(self.invoicing_user).receipt_aggregation = "both"

    def test_other_company_user_cannot_read(self):
        receipt = self.make_receipt([{"partner_id": self.partner_a.id, "amount": 5}])
        receipt.action_post()
        Receipt = self.env["account.receipt"].with_user(self.user_b)
        self.assertFalse(Receipt.search([]))
        self.assertFalse(
            self.env["account.receipt.line"].with_user(self.user_b).search([])
        )
        with self.assertRaises(AccessError):
            Receipt.browse(receipt.id).read(["name"])

    def test_journal_of_other_company_refused(self):
        other_journal = self.other["default_journal_bank"]
        with self.assertRaisesRegex(UserError, "Incompatible companies on records"):
            self.make_receipt(
                [{"partner_id": self.partner_a.id, "amount": 5}], journal=other_journal
            )
