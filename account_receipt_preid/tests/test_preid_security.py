# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestPreidSecurity(PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_users("preid")

    def test_invoicing_user_full_cycle(self):
        """An Invoicing user receives a prepayment, posts an invoice settled FIFO,
        resets both."""
        env = self.env(user=self.invoicing_user)
        receipt = env["account.receipt"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": "2026-02-01",
                "line_ids": [
                    Command.create({"partner_id": self.partner_a.id, "amount": 100})
                ],
            }
        )
        receipt.action_post()
        prepayment = receipt.line_ids.created_prepayment_id
        invoice = env["account.move"].browse(self.draft_invoice(self.partner_a, 30).id)
        invoice.action_open_prepayment_picks()
        invoice.preid_pick_ids.amount = 30
        invoice.action_post()
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(prepayment.usable_balance, 70)
        invoice.button_draft()
        receipt.action_draft()
        self.assertFalse(prepayment.exists())
        self.assertLedgerAgrees()

    def test_other_company_user_cannot_read(self):
        prepayment = self.receive(self.partner_a, 10)
        self.post_invoice(self.partner_a, 5)
        self.assertFalse(
            self.env["account.prepayment"].with_user(self.user_b).search([])
        )
        self.assertFalse(
            self.env["account.prepayment.allocation"].with_user(self.user_b).search([])
        )
        with self.assertRaises(AccessError):
            prepayment.with_user(self.user_b).read(["name"])
