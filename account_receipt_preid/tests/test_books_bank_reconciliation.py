# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common_books import BooksCommon


@tagged("post_install", "-at_install")
class TestBooksBankReconciliation(BooksCommon):
    """Issue 11.7: a payment mode sending receipts to the outstanding receipts account
    of its inbound payment method; the bank statement line is matched with the receipt's
    money item as Odoo's bank reconciliation does (Community: the statement line's
    suspense item takes the outstanding account and is reconciled with it), the invoices
    stay paid and the outstanding account nets to zero."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.receipt_aggregation = "none"
        cls.recv = cls.receivable.code
        cls.bank = cls.bank_account.code
        Account = cls.env["account.account"]
        cls.outstanding_in = Account.create(
            {
                "name": "Outstanding receipts, bank 1",
                "code": "RCPTOR",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        cls.outstanding_out = Account.create(
            {
                "name": "Outstanding payments, bank 1",
                "code": "RCPTOP",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        cls.inbound_payment_method_line.payment_account_id = cls.outstanding_in
        cls.outbound_payment_method_line.payment_account_id = cls.outstanding_out
        cls.chart_outstanding_in = (
            cls.env["account.chart.template"]
            .with_company(cls.company)
            .ref("account_journal_payment_debit_account_id")
        )

    def test_default_is_bank_account(self):
        """Today's default (Directo's way): the receipt debits the bank account."""
        self.assertEqual(self.bank_journal.receipt_money_destination, "bank")
        invoice = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 100}]
        )
        receipt.action_post()
        self.assertItems(
            receipt.move_id,
            [
                (self.bank, "", 100, 0, 100, "EUR"),
                (self.recv, "partner_a", 0, 100, -100, "EUR"),
            ],
        )

    def test_statement_line_matched_with_receipt(self):
        """Two invoices of two customers paid by one receipt (one fee): the money goes
        to the outstanding receipts account; the statement line of 145.00 is matched
        with it; both invoices stay paid; the outstanding account is 0; resetting the
        receipt unmatches the statement line."""
        self.bank_journal.receipt_money_destination = "outstanding"
        out = self.outstanding_in.code
        invoice_a = self.make_invoice(self.partner_a, 100)
        invoice_b = self.make_invoice(self.partner_b, 50)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice_a.id,
                    "amount": 100,
                },
                {
                    "partner_id": self.partner_b.id,
                    "invoice_id": invoice_b.id,
                    "amount": 45,
                    "fee_amount": 5,
                },
            ]
        )
        receipt.action_post()
        self.assertItems(
            receipt.move_id,
            [
                (out, "", 145, 0, 145, "EUR"),
                (self.fee_account.code, "", 5, 0, 5, "EUR"),
                (self.recv, "partner_a", 0, 100, -100, "EUR"),
                (self.recv, "partner_b", 0, 50, -50, "EUR"),
            ],
        )
        self.assertEqual(
            (invoice_a.payment_state, invoice_b.payment_state), ("paid", "paid")
        )
        money = receipt.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.outstanding_in
        )
        self.assertFalse(money.reconciled)

        st_line = self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": "2026-02-02",
                "payment_ref": receipt.name,
                "amount": 145,
            }
        )
        self.assertFalse(st_line.is_reconciled)
        # what Odoo's bank reconciliation does with an outstanding item (Community: see
        # account's test_account_payment.py, "Reconcile without the bank reconciliation
        # widget")
        _liquidity, suspense, _other = st_line._seek_for_lines()
        suspense.account_id = self.outstanding_in
        (suspense + money).reconcile()

        self.assertTrue(st_line.is_reconciled)
        self.assertItems(
            st_line.move_id,
            [(self.bank, "", 145, 0, 145, "EUR"), (out, "", 0, 145, -145, "EUR")],
        )
        self.assertTrue(money.reconciled)
        self.assertTrue(money.full_reconcile_id)
        self.assertEqual(money.full_reconcile_id, suspense.full_reconcile_id)
        self.assertEqual(
            (invoice_a.payment_state, invoice_b.payment_state), ("paid", "paid")
        )
        balance = sum(
            self.env["account.move.line"]
            .search(
                [
                    ("account_id", "=", self.outstanding_in.id),
                    ("parent_state", "=", "posted"),
                ]
            )
            .mapped("balance")
        )
        self.assertEqual(balance, 0)
        # the bank account has the money once: the statement line's
        bank_balance = sum(
            self.env["account.move.line"]
            .search(
                [
                    ("account_id", "=", self.bank_account.id),
                    ("parent_state", "=", "posted"),
                ]
            )
            .mapped("balance")
        )
        self.assertEqual(bank_balance, 145)

        # resetting the receipt removes its entry and the matching: the statement line's
        # item on the outstanding account is open again, waiting for the receipt's next
        # posting
        receipt.action_draft()
        self.assertFalse(receipt.move_id)
        self.assertFalse(suspense.reconciled)
        self.assertEqual(suspense.amount_residual, -145)
        self.assertEqual(invoice_a.payment_state, "not_paid")
        receipt.action_post()
        money = receipt.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.outstanding_in
        )
        (suspense + money).reconcile()
        self.assertTrue(suspense.full_reconcile_id)
        self.assertEqual(
            (invoice_a.payment_state, invoice_b.payment_state), ("paid", "paid")
        )

    def test_refund_to_outstanding_payments_and_company_default(self):
        """Money paid back goes to the outstanding payments account of the outbound
        method; a journal whose inbound method names no account uses the chart's
        outstanding receipts account (as Odoo's payments do)."""
        self.bank_journal.receipt_money_destination = "outstanding"
        prepayment = self.receive(self.partner_a, 100)
        self.assertEqual(
            prepayment.receipt_id.move_id.line_ids.filtered(
                lambda aml: aml.debit
            ).account_id,
            self.outstanding_in,
        )
        refund = self.refund(prepayment, 40)
        self.assertItems(
            refund.move_id,
            [
                (self.outstanding_out.code, "", 0, 40, -40, "EUR"),
                (self.prepayment_account.code, "partner_a", 40, 0, 40, "EUR"),
            ],
        )
        journal = self.env["account.journal"].create(
            {
                "name": "Bank 2",
                "code": "BNK2",
                "type": "bank",
                "receipt_money_destination": "outstanding",
            }
        )
        journal.inbound_payment_method_line_ids.payment_account_id = False
        self.assertTrue(self.chart_outstanding_in)
        self.assertEqual(
            journal._get_receipt_outstanding_account(), self.chart_outstanding_in
        )
        invoice = self.make_invoice(self.partner_a, 30)
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 30}],
            journal=journal,
        )
        receipt.action_post()
        self.assertItems(
            receipt.move_id,
            [
                (self.chart_outstanding_in.code, "", 30, 0, 30, "EUR"),
                (self.recv, "partner_a", 0, 30, -30, "EUR"),
            ],
        )
        self.assertEqual(invoice.payment_state, "paid")
        self.assertLedgerAgrees()
