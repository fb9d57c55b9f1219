# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import ReceiptCommon


@tagged("post_install", "-at_install")
class TestReceiptForeignCurrency(ReceiptCommon):
    """DESIGN.md §1 "Foreign currency", seed §12. The company is in EUR; the invoice of
    110 USD is dated in January (1 EUR = 1.10 USD, so 100.00 EUR on the books); receipts
    are dated 1 February (1 EUR = 1.25 USD, 1 EUR = 0.80 GBP) unless said otherwise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.receipt_aggregation = "none"
        cls.recv = cls.receivable.code
        cls.bank_eur = cls.bank_account.code
        cls.bank_usd = cls.usd_journal.default_account_id.code
        cls.bank_gbp = cls.gbp_journal.default_account_id.code
        cls.loss = cls.exchange_loss.code
        cls.gain = cls.exchange_gain.code

    def setUp(self):
        super().setUp()
        self.invoice = self.make_invoice(self.partner_a, 110, currency=self.usd)
        self.assertEqual(self.invoice.amount_total_signed, 100)

    def _post(self, journal, amount, date="2026-02-01", bank_rate=0.0, **line_vals):
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
            bank_rate=bank_rate,
        )
        receipt.action_post()
        return receipt

    def _assert_loss(self, receipt, loss):
        """One exchange difference entry: the receivable corrected by ``loss`` EUR (a
        gain when negative)."""
        exchange = self.exchange_moves(receipt.move_id)
        self.assertEqual(len(exchange), 1)
        if loss > 0:
            expected = [
                (self.loss, "partner_a", loss, 0, 0, "USD"),
                (self.recv, "partner_a", 0, loss, 0, "USD"),
            ]
        else:
            expected = [
                (self.gain, "partner_a", 0, -loss, 0, "USD"),
                (self.recv, "partner_a", -loss, 0, 0, "USD"),
            ]
        self.assertEntry(exchange, expected)
        self.assertEqual(self.invoice.amount_residual, 0)
        self.assertEqual(self.invoice.payment_state, "paid")

    def test_same_foreign_currency(self):
        """12.1.1: 110 USD received on the USD account at 1.25: 88.00 EUR; 12.00
        exchange loss."""
        receipt = self._post(self.usd_journal, 110)
        self.assertEqual(receipt.line_ids.invoice_amount, 110)
        # the list's summable total is in EUR: 110 USD at 1.25
        self.assertEqual(
            (receipt.amount_total, receipt.amount_total_company), (110, 88)
        )
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_usd, "", 88, 0, 110, "USD"),
                (self.recv, "partner_a", 0, 88, -110, "USD"),
            ],
        )
        self._assert_loss(receipt, 12)

    def test_company_currency_at_central_bank_rate(self):
        """12.1.2: 88.00 EUR received, exactly 110 USD at the rate of the day; 12.00
        exchange loss."""
        receipt = self._post(self.bank_journal, 88)
        self.assertEqual(receipt.line_ids.invoice_amount, 110)
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_eur, "", 88, 0, 88, "EUR"),
                (self.recv, "partner_a", 0, 88, -110, "USD"),
            ],
        )
        self._assert_loss(receipt, 12)

    def test_company_currency_at_other_rate(self):
        """12.1.3: the bank converted 110 USD into 90.00 EUR: the invoice amount is
        given; 10.00 loss."""
        receipt = self._post(self.bank_journal, 90, invoice_amount=110)
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_eur, "", 90, 0, 90, "EUR"),
                (self.recv, "partner_a", 0, 90, -110, "USD"),
            ],
        )
        self._assert_loss(receipt, 10)

    def test_company_currency_at_other_rate_gain(self):
        """12.1.3 with a gain: 110 USD became 105.00 EUR; 5.00 exchange gain."""
        receipt = self._post(self.bank_journal, 105, invoice_amount=110)
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_eur, "", 105, 0, 105, "EUR"),
                (self.recv, "partner_a", 0, 105, -110, "USD"),
            ],
        )
        self._assert_loss(receipt, -5)

    def test_third_currency_at_central_bank_rate(self):
        """12.1.4: 70.40 GBP at Odoo's rate (1.25 EUR) = 88.00 EUR = 110 USD; 12.00
        loss."""
        receipt = self._post(self.gbp_journal, 70.40)
        self.assertEqual(receipt.amount_total_company, 88.0)
        self.assertEqual(receipt.line_ids.invoice_amount, 110)
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_gbp, "", 88, 0, 70.40, "GBP"),
                (self.recv, "partner_a", 0, 88, -110, "USD"),
            ],
        )
        self._assert_loss(receipt, 12)

    def test_third_currency_at_bank_rate(self):
        """12.1.4 with the bank's rate on the receipt: 67.69 GBP at 1.30 = 88.00 EUR =
        110 USD; 12.00 loss."""
        receipt = self._post(self.gbp_journal, 67.69, bank_rate=1.30)
        self.assertEqual(receipt.line_ids.invoice_amount, 110)
        # converted at the bank rate, not Odoo's (67.69 GBP at 1/0.80 would be 84.61
        # EUR)
        self.assertEqual(receipt.amount_total_company, 88.0)
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_gbp, "", 88, 0, 67.69, "GBP"),
                (self.recv, "partner_a", 0, 88, -110, "USD"),
            ],
        )
        self._assert_loss(receipt, 12)

    def test_third_currency_at_other_rate(self):
        """12.1.5: 70.40 GBP at the bank rate 1.30 = 91.52 EUR settle 110 USD (given);
        8.48 loss."""
        receipt = self._post(
            self.gbp_journal, 70.40, bank_rate=1.30, invoice_amount=110
        )
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_gbp, "", 91.52, 0, 70.40, "GBP"),
                (self.recv, "partner_a", 0, 91.52, -110, "USD"),
            ],
        )
        self._assert_loss(receipt, 8.48)

    def test_prepayment_in_foreign_currency(self):
        """12.1.6: a prepayment of 50 USD at the bank rate 0.82 EUR: 41.00 EUR on both
        sides, in USD."""
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": 50}],
            journal=self.usd_journal,
            bank_rate=0.82,
        )
        receipt.action_post()
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_usd, "", 41, 0, 50, "USD"),
                (self.prepayment_account.code, "partner_a", 0, 41, -50, "USD"),
            ],
        )
        self.assertFalse(self.exchange_moves(receipt.move_id))

    def test_partial_receipts_same_currency(self):
        """12.2.1: 55 USD on 1 February (44.00 EUR), then 55 USD on 1 March (1 EUR = 1
        USD: 55.00 EUR)."""
        first = self._post(self.usd_journal, 55)
        self.assertEntry(
            first.move_id,
            [
                (self.bank_usd, "", 44, 0, 55, "USD"),
                (self.recv, "partner_a", 0, 44, -55, "USD"),
            ],
        )
        self.assertEqual(self.invoice.amount_residual, 55)
        self.assertEqual(self.invoice.payment_state, "partial")
        exchange = self.exchange_moves(first.move_id)
        self.assertEntry(
            exchange,
            [
                (self.loss, "partner_a", 6, 0, 0, "USD"),
                (self.recv, "partner_a", 0, 6, 0, "USD"),
            ],
        )
        second = self._post(self.usd_journal, 55, date="2026-03-01")
        self.assertEntry(
            second.move_id,
            [
                (self.bank_usd, "", 55, 0, 55, "USD"),
                (self.recv, "partner_a", 0, 55, -55, "USD"),
            ],
        )
        exchange = self.exchange_moves(second.move_id)
        self.assertEntry(
            exchange,
            [
                (self.gain, "partner_a", 0, 5, 0, "USD"),
                (self.recv, "partner_a", 5, 0, 0, "USD"),
            ],
        )
        self.assertEqual(self.invoice.amount_residual, 0)
        self.assertEqual(self.invoice.payment_state, "paid")

    def test_partial_receipt_in_company_currency(self):
        """12.2: part of the USD invoice paid in EUR at the rate of the day: 40.00 EUR =
        50 USD."""
        receipt = self._post(self.bank_journal, 40)
        self.assertEqual(receipt.line_ids.invoice_amount, 50)
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_eur, "", 40, 0, 40, "EUR"),
                (self.recv, "partner_a", 0, 40, -50, "USD"),
            ],
        )
        self.assertEqual(self.invoice.amount_residual, 60)
        self.assertEqual(self.invoice.payment_state, "partial")

    def test_summed_mode_mixed_currencies(self):
        """Summed mode: receivable items are summed per currency; each USD invoice gets
        its own exchange difference (12.00 and 24.00 EUR losses)."""
        invoice_2 = self.make_invoice(self.partner_a, 220, currency=self.usd)
        invoice_eur = self.make_invoice(self.partner_a, 50)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": self.invoice.id,
                    "amount": 88,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice_2.id,
                    "amount": 176,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice_eur.id,
                    "amount": 50,
                },
            ]
        )
        receipt.action_post()
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_eur, "", 314, 0, 314, "EUR"),
                (self.recv, "partner_a", 0, 264, -330, "USD"),
                (self.recv, "partner_a", 0, 50, -50, "EUR"),
            ],
        )
        exchange = self.exchange_moves(receipt.move_id)
        self.assertEqual(
            sum(
                exchange.line_ids.filtered(
                    lambda aml: aml.account_id == self.exchange_loss
                ).mapped("debit")
            ),
            36,
        )
        self.assertEqual(
            (self.invoice | invoice_2 | invoice_eur).mapped("payment_state"),
            ["paid"] * 3,
        )
        self.assertTrue(
            all(
                receipt.move_id.line_ids.filtered(
                    lambda aml: aml.account_id == self.receivable
                ).mapped("reconciled")
            )
        )

    def test_fee_in_foreign_currency(self):
        """105 USD received and 5 USD withheld by the bank settle 110 USD: 84.00 + 4.00
        EUR; 12.00 loss."""
        receipt = self._post(self.usd_journal, 105, fee_amount=5)
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_usd, "", 84, 0, 105, "USD"),
                (self.fee_account.code, "", 4, 0, 5, "USD"),
                (self.recv, "partner_a", 0, 88, -110, "USD"),
            ],
        )
        self._assert_loss(receipt, 12)

    def test_company_currency_invoice_paid_in_foreign_currency(self):
        """A EUR invoice paid from the USD account: the receivable item stays in EUR, no
        exchange difference."""
        invoice = self.make_invoice(self.partner_b, 100)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_b.id,
                    "invoice_id": invoice.id,
                    "amount": 125,
                }
            ],
            journal=self.usd_journal,
        )
        self.assertEqual(receipt.line_ids.invoice_amount, 100)
        receipt.action_post()
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_usd, "", 100, 0, 125, "USD"),
                (self.recv, "partner_b", 0, 100, -100, "EUR"),
            ],
        )
        self.assertFalse(self.exchange_moves(receipt.move_id))
        self.assertEqual(invoice.payment_state, "paid")

    def test_post_several_receipts_at_once(self):
        """Receipts posted together get one entry each, in their own journals."""
        invoice_eur = self.make_invoice(self.partner_b, 30)
        first = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": self.invoice.id,
                    "amount": 110,
                }
            ],
            journal=self.usd_journal,
        )
        second = self.make_receipt(
            [
                {
                    "partner_id": self.partner_b.id,
                    "invoice_id": invoice_eur.id,
                    "amount": 30,
                }
            ]
        )
        (first | second).action_post()
        self.assertEqual(first.move_id.journal_id, self.usd_journal)
        self.assertEqual(second.move_id.journal_id, self.bank_journal)
        self.assertEqual(
            (self.invoice | invoice_eur).mapped("payment_state"), ["paid", "paid"]
        )
