# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common_preid import PreidCommon
from .ledger_checker import BooksCheckMixin


@tagged("post_install", "-at_install")
class TestPreidForeignCurrencyConsumed(BooksCheckMixin, PreidCommon):
    """USD PreIDs refunded or netted at another rate than they came in: the prepayment
    account is debited at the PreIDs' historical value, the difference is an exchange
    gain or loss, and the prepayment account stays equal to the ledger in USD and in EUR
    (1 EUR = 1.10 USD in January, 1.25 in February, 1.00 in March)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.netting_journal.receipt_type = "netting"
        cls.company.receipt_prepayment_auto_fifo = False

    def test_refund_at_another_rate(self):
        preid = self.receive(
            self.partner_a, 220, journal=self.usd_journal, date="2026-01-20"
        )
        self.assertEqual(preid.amount_company_currency, 200)
        receipt = self.refund(preid, 110, journal=self.usd_journal, date="2026-03-02")
        self.assertEntry(
            receipt.move_id,
            [
                (
                    self.usd_journal.default_account_id.code,
                    "",
                    0.0,
                    110.0,
                    -110.0,
                    "USD",
                ),
                ("RCPT1", self.partner_a.name, 100.0, 0.0, 110.0, "USD"),
                (self.exchange_loss.code, "", 10.0, 0.0, 10.0, "EUR"),
            ],
        )
        self.assertEqual(
            self.partner_balance(self.prepayment_account, self.partner_a), -100
        )
        self.assertEqual(
            self.partner_balance(
                self.prepayment_account, self.partner_a, "amount_currency"
            ),
            -110,
        )
        self.assertBooksAgree()
        receipt.action_draft()
        self.assertEqual(preid.usable_balance, 220)
        self.assertBooksAgree()

    def test_fifo_refund_over_two_rates(self):
        first = self.receive(
            self.partner_a, 110, journal=self.usd_journal, date="2026-01-20"
        )
        second = self.receive(
            self.partner_a, 125, journal=self.usd_journal, date="2026-02-01"
        )
        self.assertEqual(
            (first.amount_company_currency, second.amount_company_currency), (100, 100)
        )
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": -150}],
            self.usd_journal,
            "2026-03-02",
        )
        receipt.action_post()
        self.assertEqual((first.usable_balance, second.usable_balance), (0, 85))
        # 110 USD at 100 EUR + 40 USD at 32 EUR (100/125) = 132 EUR; paid 150 EUR: 18
        # EUR exchange loss
        self.assertEntry(
            receipt.move_id,
            [
                (
                    self.usd_journal.default_account_id.code,
                    "",
                    0.0,
                    150.0,
                    -150.0,
                    "USD",
                ),
                ("RCPT1", self.partner_a.name, 132.0, 0.0, 150.0, "USD"),
                (self.exchange_loss.code, "", 18.0, 0.0, 18.0, "EUR"),
            ],
        )
        self.assertBooksAgree()

    def test_netting_at_another_rate(self):
        preid = self.receive(
            self.partner_a, 220, journal=self.usd_journal, date="2026-01-20"
        )
        invoice = self.post_invoice(
            self.partner_a, 55, currency=self.usd, date="2026-02-15"
        )
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 55,
                    "prepayment_id": preid.id,
                }
            ],
            self.netting_journal,
            "2026-02-15",
            currency_id=self.usd.id,
        )
        receipt.action_post()
        self.assertEqual(invoice.payment_state, "paid")
        # 55 USD of the PreID are 50 EUR (200/220); the invoice's 55 USD are 44 EUR at
        # 1.25: 6 EUR exchange gain
        self.assertEntry(
            receipt.move_id,
            [
                ("RCPT1", self.partner_a.name, 50.0, 0.0, 55.0, "USD"),
                (self.receivable.code, self.partner_a.name, 0.0, 44.0, -55.0, "USD"),
                (self.exchange_gain.code, self.partner_a.name, 0.0, 6.0, -6.0, "EUR"),
            ],
        )
        self.assertEqual(preid.usable_balance, 165)
        self.assertBooksAgree()
