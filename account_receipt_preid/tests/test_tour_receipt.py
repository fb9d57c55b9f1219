# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The accountant's main flows in a real browser (headless Chromium): the tours of
``static/tests/tours/receipt_tours.js`` click through the web client as an accountant,
then the numbers they posted are checked here."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import ReceiptCommon
from .common_tour import TourMixin


@tagged("post_install", "-at_install")
class TestReceiptTours(TourMixin, ReceiptCommon, HttpCase):
    """Tours as an accountant (Accounting > Accountant rights, not the administrator): a
    receipt paying invoices of two customers, and a prepayment whose PreID a new invoice
    uses up when it is posted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._make_tour_user("tour_accountant", "Tour Accountant")
        # untaxed invoices: the amounts typed in the tours are the totals
        cls.company.account_sale_tax_id = False
        cls.revenue.tax_ids = [Command.clear()]
        cls.company.receipt_prepayment_auto_fifo = True
        Partner = cls.env["res.partner"]
        cls.koks = Partner.create({"name": "Tour Koks SIA", "is_company": True})
        cls.puit = Partner.create({"name": "Tour Puit OÜ", "is_company": True})
        cls.build = Partner.create({"name": "Tour Build SIA", "is_company": True})
        (
            cls.koks | cls.puit | cls.build
        ).property_account_receivable_id = cls.receivable

    def _run_tour(self, url, tour):
        """Run ``tour`` as the accountant; return the one receipt it made, checked to be
        theirs and posted."""
        self.start_tour(url, tour, login=self.accountant.login, timeout=50)
        receipt = self.env["account.receipt"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(receipt), 1)
        self.assertEqual(receipt.create_uid, self.accountant)
        self.assertEqual(receipt.state, "posted")
        return receipt

    def test_receipt_paying_two_customers(self):
        invoice_koks = self.make_invoice(self.koks, 810, name="INV/2026/00101")
        invoice_puit = self.make_invoice(self.puit, 605, name="INV/2026/00102")

        receipt = self._run_tour("/odoo", "account_receipt_preid_two_customers")
        self.assertEqual(receipt.journal_id, self.bank_journal)
        self.assertEqual(receipt.currency_id, self.eur)
        self.assertEqual(
            sorted(
                (line.partner_id.name, line.invoice_id.name, line.amount, line.kind)
                for line in receipt.line_ids
            ),
            [
                ("Tour Koks SIA", "INV/2026/00101", 810.0, "invoice"),
                ("Tour Puit OÜ", "INV/2026/00102", 300.0, "invoice"),
            ],
        )
        move = receipt.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.bank_journal)
        self.assertEntry(
            move,
            [
                (self.bank_account.code, "", 1110.0, 0.0, 1110.0, "EUR"),
                (self.receivable.code, "Tour Koks SIA", 0.0, 810.0, -810.0, "EUR"),
                (self.receivable.code, "Tour Puit OÜ", 0.0, 300.0, -300.0, "EUR"),
            ],
        )
        self.assertEqual(invoice_koks.payment_state, "paid")
        self.assertEqual(invoice_koks.amount_residual, 0.0)
        self.assertEqual(invoice_puit.payment_state, "partial")
        self.assertEqual(invoice_puit.amount_residual, 305.0)
        for invoice in (invoice_koks, invoice_puit):
            self.assertEqual(invoice._get_reconciled_amls().move_id, move, invoice.name)
        # the invoices' Receipts button opens this receipt
        self.assertEqual(invoice_puit.receipt_count, 1)
        self.assertEqual(invoice_puit.action_open_receipts()["res_id"], receipt.id)

    def test_prepayment_then_invoice_applies_it(self):
        receipt = self._run_tour(
            "/odoo/action-account_receipt_preid.account_receipt_action",
            "account_receipt_preid_prepayment",
        )
        self.assertEqual(receipt.line_ids.kind, "prepayment")
        self.assertEqual(receipt.line_ids.name, "Advance for order 7")
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_account.code, "", 500.0, 0.0, 500.0, "EUR"),
                (
                    self.prepayment_account.code,
                    "Tour Build SIA",
                    0.0,
                    500.0,
                    -500.0,
                    "EUR",
                ),
            ],
        )
        preid = receipt.line_ids.created_prepayment_id
        self.assertEqual(len(preid), 1)
        self.assertEqual(preid.partner_id, self.build)
        self.assertEqual(preid.currency_id, self.eur)
        self.assertEqual(preid.amount, 500.0)

        invoice = self.env["account.move"].search(
            [("company_id", "=", self.company.id), ("move_type", "=", "out_invoice")]
        )
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.create_uid, self.accountant)
        self.assertEqual(invoice.partner_id, self.build)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_total, 300.0)
        # FIFO took the invoice's amount from the PreID
        self.assertEqual(
            [
                (a.prepayment_id, a.kind, a.amount, a.manual)
                for a in invoice.preid_allocation_ids
            ],
            [(preid, "invoice", 300.0, False)],
        )
        self.assertEqual(preid.usable_balance, 200.0)
        self.assertEqual(preid.state, "open")
        application = invoice.preid_allocation_ids.move_id
        self.assertEqual(application.state, "posted")
        self.assertEntry(
            application,
            [
                (
                    self.prepayment_account.code,
                    "Tour Build SIA",
                    300.0,
                    0.0,
                    300.0,
                    "EUR",
                ),
                (self.receivable.code, "Tour Build SIA", 0.0, 300.0, -300.0, "EUR"),
            ],
        )
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(invoice.amount_residual, 0.0)
        self.assertEqual(invoice._get_reconciled_amls().move_id, application)
        # the receipt's PreIDs button opens the PreID
        self.assertEqual(receipt.prepayment_count, 1)
        self.assertEqual(receipt.action_open_prepayments()["res_id"], preid.id)
