# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Odoo's *Credit Note* button on a customer invoice paid by PreIDs (the reversal
wizard), as the accountant: *Reverse* leaves the invoice paid by its PreIDs (the credit
note is the customer's credit); *Reverse and Create Invoice* cancels the invoice, so its
PreIDs get their balance back (as by Cancel) and the new invoice takes them once. Each
step: the usable balances equal the PreIDs' balances in the journal items and the ledger
agrees."""

from odoo import fields
from odoo.tests import tagged

from .common_preid import PreidCommon
from .ledger_checker import BooksCheckMixin


@tagged("post_install", "-at_install")
class TestGuaranteesCreditNote(BooksCheckMixin, PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_roles("credit_note_guard")

    def setUp(self):
        super().setUp()
        self.env = self.env(user=self.accountant)
        self.preid = self.receive(self.partner_a, 100)
        self.invoice = self.post_invoice(self.partner_a, 60)
        self.assertEqual(self.invoice.payment_state, "paid")

    def reversal(self):
        return (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
            .create(
                {
                    "journal_id": self.invoice.journal_id.id,
                    "date": fields.Date.to_date("2026-02-20"),
                }
            )
        )

    def books(self):
        items = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("receipt_prepayment_id", "=", self.preid.id),
                    ("account_id", "=", self.prepayment_account.id),
                    ("parent_state", "=", "posted"),
                ]
            )
        )
        return -round(sum(items.mapped("amount_currency")), 2)

    def assertUsable(self, amount, msg):
        self.env.invalidate_all()
        self.assertEqual(
            (self.preid.usable_balance, self.books()), (amount, amount), msg
        )
        self.assertBooksAgree(msg=msg)

    def test_reverse_keeps_the_application(self):
        credit_note = self.env["account.move"].browse(
            self.reversal().refund_moves()["res_id"]
        )
        credit_note.action_post()
        self.assertFalse(credit_note.preid_allocation_ids)
        self.assertEqual(
            (self.invoice.payment_state, credit_note.amount_residual), ("paid", 60.0)
        )
        self.assertUsable(40.0, "credit note")

    def test_reverse_and_create_invoice_releases_the_preid(self):
        application = self.invoice.preid_allocation_ids.move_id
        action = self.reversal().modify_moves()
        new_invoice = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(self.invoice.payment_state, "reversed")
        self.assertFalse(self.invoice.preid_allocation_ids)
        self.assertFalse(application.exists())
        self.assertEqual(new_invoice.state, "draft")
        self.assertUsable(100.0, "reversed")
        new_invoice.action_post()
        self.assertEqual(
            [(a.prepayment_id, a.amount) for a in new_invoice.preid_allocation_ids],
            [(self.preid, 60.0)],
        )
        self.assertUsable(40.0, "new invoice")

    def test_reverse_and_create_invoice_under_the_audit_trail(self):
        """With the audit trail the application entry is cancelled, not deleted."""
        self.company.sudo().check_account_audit_trail = True
        application = self.invoice.preid_allocation_ids.move_id
        self.reversal().modify_moves()
        self.assertEqual(application.state, "cancel")
        self.assertEqual(self.invoice.payment_state, "reversed")
        self.assertUsable(100.0, "reversed under the audit trail")
