# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common_books import BooksCommon


@tagged("post_install", "-at_install")
class TestBooksFxInfo(BooksCommon):
    """Issue 11.6: each receipt line shows the exchange difference Odoo booked for its
    invoice and its entry, and the seed's currency case (§12.1) with the rule deciding
    which amount wins. The invoice of 110 USD is dated in January (1 EUR = 1.10 USD:
    100.00 EUR booked); receipts on 1 February (1 EUR = 1.25 USD, 1 EUR = 0.80 GBP) or 1
    March (1 EUR = 1.00 USD)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.receipt_aggregation = "none"
        cls.recv = cls.receivable.code
        cls.loss = cls.exchange_loss.code
        cls.gain = cls.exchange_gain.code

    def setUp(self):
        super().setUp()
        self.invoice = self.make_invoice(self.partner_a, 110, currency=self.usd)
        self.assertEqual(self.invoice.amount_total_signed, 100)

    def _post(self, journal, amount, date="2026-02-01", **line_vals):
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": self.invoice.id,
                    "amount": amount,
                    **line_vals,
                }
            ],
            journal=journal,
            date=date,
        )
        receipt.action_post()
        self.assertEqual(self.invoice.payment_state, "paid")
        return receipt

    def _assert_exchange(self, line, difference, expected_items):
        """The line shows ``difference`` (EUR; a gain positive) and the one exchange
        entry of its invoice, whose items are ``expected_items``; its button opens that
        entry."""
        exchange = self.exchange_moves(line.receipt_id.move_id)
        self.assertEqual(len(exchange), 1)
        self.assertEqual(line.exchange_move_id, exchange)
        self.assertEqual(line.exchange_difference, difference)
        self.assertItems(exchange, sorted(expected_items))
        action = line.action_open_exchange_move()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("account.move", exchange.id)
        )

    def test_same_currency_loss(self):
        """12.1.1: 110 USD at 1.25 = 88.00 EUR for an invoice booked at 100.00: a loss
        of 12.00 shown on the line."""
        receipt = self._post(self.usd_journal, 110)
        line = receipt.line_ids
        self.assertItems(
            receipt.move_id,
            [
                (self.usd_journal.default_account_id.code, "", 88, 0, 110, "USD"),
                (self.recv, "partner_a", 0, 88, -110, "USD"),
            ],
        )
        self._assert_exchange(
            line,
            -12,
            [
                (self.loss, "partner_a", 12, 0, 0, "USD"),
                (self.recv, "partner_a", 0, 12, 0, "USD"),
            ],
        )
        self.assertEqual(line.fx_case, "same_currency")
        self.assertIn("the amount settles the invoice as it is", line.fx_rule)
        self.assertIn("Same Foreign Currency", receipt.fx_info)
        self.assertIn("lines 1", receipt.fx_info)

    def test_same_currency_gain(self):
        """110 USD on 1 March at 1.00 = 110.00 EUR: a gain of 10.00."""
        receipt = self._post(self.usd_journal, 110, date="2026-03-01")
        self._assert_exchange(
            receipt.line_ids,
            10,
            [
                (self.gain, "partner_a", 0, 10, 0, "USD"),
                (self.recv, "partner_a", 10, 0, 0, "USD"),
            ],
        )

    def test_company_currency_at_rate_and_at_bank_rate(self):
        """12.1.2 then 12.1.3 (the order matters): 88.00 EUR settles 110 USD at Odoo's
        rate (loss 12.00); the bank gave 90.00 EUR for the 110 USD: the typed invoice
        amount wins (loss 10.00) and is kept when the amount is typed again
        afterwards."""
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": self.invoice.id,
                    "amount": 88,
                }
            ]
        )
        line = receipt.line_ids
        self.assertEqual((line.fx_case, line.invoice_amount), ("company_at_rate", 110))
        self.assertIn("the amount received wins", line.fx_rule)
        line.write({"amount": 90, "invoice_amount": 110})
        self.assertEqual(
            (line.fx_case, line.invoice_amount, line.invoice_amount_manual),
            ("company_other_rate", 110, True),
        )
        self.assertIn("typed Invoice Amount wins", line.fx_rule)
        line.amount = 91.0
        self.assertEqual(line.invoice_amount, 110)
        line.amount = 90.0
        receipt.action_post()
        self.assertItems(
            receipt.move_id,
            [
                (self.bank_account.code, "", 90, 0, 90, "EUR"),
                (self.recv, "partner_a", 0, 90, -110, "USD"),
            ],
        )
        self._assert_exchange(
            line,
            -10,
            [
                (self.loss, "partner_a", 10, 0, 0, "USD"),
                (self.recv, "partner_a", 0, 10, 0, "USD"),
            ],
        )
        self.assertIn("Company Currency at Another Rate", receipt.fx_info)

    def test_third_currency(self):
        """12.1.4: 70.40 GBP at 0.80 = 88.00 EUR = 110 USD at 1.25: loss 12.00; case
        third currency at the rates."""
        receipt = self._post(self.gbp_journal, 70.40)
        line = receipt.line_ids
        self.assertEqual((line.fx_case, line.invoice_amount), ("third_at_rate", 110))
        self.assertItems(
            receipt.move_id,
            [
                (self.gbp_journal.default_account_id.code, "", 88, 0, 70.40, "GBP"),
                (self.recv, "partner_a", 0, 88, -110, "USD"),
            ],
        )
        self._assert_exchange(
            line,
            -12,
            [
                (self.loss, "partner_a", 12, 0, 0, "USD"),
                (self.recv, "partner_a", 0, 12, 0, "USD"),
            ],
        )

    def test_no_currency_case_and_prepayment(self):
        """Everything in EUR: no case, no banner, no exchange difference; a USD
        prepayment is its own case."""
        invoice = self.make_invoice(self.partner_b, 50)
        receipt = self.make_receipt(
            [{"partner_id": self.partner_b.id, "invoice_id": invoice.id, "amount": 50}]
        )
        receipt.action_post()
        self.assertEqual(
            (
                receipt.line_ids.fx_case,
                receipt.fx_info,
                receipt.line_ids.exchange_move_id.id,
                receipt.line_ids.exchange_difference,
            ),
            (False, False, False, 0),
        )
        prepayment = self.make_receipt(
            [{"partner_id": self.partner_b.id, "amount": 125}], journal=self.usd_journal
        )
        self.assertEqual(prepayment.line_ids.fx_case, "prepayment_foreign")
        self.assertIn("Prepayment in Foreign Currency", prepayment.fx_info)
