# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestPreidForeignCurrency(PreidCommon):
    """Seed §12.1.6 carried on: 220 USD received on 20 January (1 EUR = 1.10 USD: 200
    EUR), applied in February (1 EUR = 1.25 USD) to a USD invoice and, by a manual pick,
    to a EUR invoice."""

    def test_usd_prepayment_applied_to_usd_and_eur_invoices(self):
        prepayment = self.receive(
            self.partner_a, 220, journal=self.usd_journal, date="2026-01-20"
        )
        self.assertRecordValues(
            prepayment,
            [
                {
                    "currency_id": self.usd.id,
                    "amount": 220,
                    "amount_company_currency": 200,
                }
            ],
        )
        self.assertEntry(
            prepayment.receipt_id.move_id,
            [
                (
                    self.usd_journal.default_account_id.code,
                    "",
                    200.0,
                    0.0,
                    220.0,
                    "USD",
                ),
                ("RCPT1", self.partner_a.name, 0.0, 200.0, -220.0, "USD"),
            ],
        )
        # USD invoice of 110 USD (88 EUR at 1.25), settled FIFO: the prepayment is
        # debited at its historical rate
        usd_invoice = self.post_invoice(self.partner_a, 110, currency=self.usd)
        self.assertEqual(usd_invoice.payment_state, "paid")
        application = usd_invoice.preid_allocation_ids.move_id
        self.assertEntry(
            application,
            [
                ("RCPT1", self.partner_a.name, 100.0, 0.0, 110.0, "USD"),
                (self.receivable.code, self.partner_a.name, 0.0, 100.0, -110.0, "USD"),
            ],
        )
        # Odoo's exchange difference of the matching: 100 EUR credited against 88 EUR
        # invoiced
        self.assertEntry(
            self.exchange_moves(application),
            [
                (self.receivable.code, self.partner_a.name, 12.0, 0.0, 0.0, "USD"),
                (self.exchange_gain.code, self.partner_a.name, 0.0, 12.0, 0.0, "USD"),
            ],
        )
        self.assertEqual(prepayment.usable_balance, 110)
        # EUR invoice of 40 EUR with 50 USD picked: 50 USD are 40 EUR at 1.25 and 45.45
        # EUR at the receipt's rate
        eur_invoice = self.post_invoice(self.partner_a, 40, picks={prepayment: 50})
        self.assertEqual(eur_invoice.payment_state, "paid")
        self.assertRecordValues(
            eur_invoice.preid_allocation_ids, [{"amount": 50, "manual": True}]
        )
        application = eur_invoice.preid_allocation_ids.move_id
        self.assertEntry(
            application,
            [
                ("RCPT1", self.partner_a.name, 45.45, 0.0, 50.0, "USD"),
                (self.receivable.code, self.partner_a.name, 0.0, 40.0, -40.0, "EUR"),
                (self.exchange_gain.code, self.partner_a.name, 0.0, 5.45, -5.45, "EUR"),
            ],
        )
        self.assertFalse(self.exchange_moves(application))
        self.assertEqual(prepayment.usable_balance, 60)
        self.assertEqual(
            self.partner_balance(
                self.prepayment_account, self.partner_a, "amount_currency"
            ),
            -60,
        )
        self.assertEqual(
            self.partner_balance(self.prepayment_account, self.partner_a), -54.55
        )
        self.assertLedgerAgrees()
        # resetting the USD invoice reverses its application and Odoo's exchange
        # difference
        usd_invoice.button_draft()
        self.assertEqual(prepayment.usable_balance, 170)
        self.assertEqual(
            self.partner_balance(self.exchange_gain, self.partner_a), -5.45
        )
        self.assertLedgerAgrees()
