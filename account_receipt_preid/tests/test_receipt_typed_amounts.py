# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ReceiptCommon


@tagged("post_install", "-at_install")
class TestReceiptTypedAmounts(ReceiptCommon):
    """Issue 15.5: a typed amount is never recomputed by a later edit of the date, fee
    or bank rate; the row shows what stays open on the invoice; posting refuses a small
    residue unless the accountant confirms; the §9 split keeps the typed total. The USD
    invoice of 110 is dated in January (100.00 EUR on the books); 1 EUR = 1.25 USD in
    February, 1.00 in March; 1 EUR = 0.80 GBP in February."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.receipt_aggregation = "none"

    def setUp(self):
        super().setUp()
        self.usd_invoice = self.make_invoice(self.partner_a, 110, currency=self.usd)

    # ----------------------------------------------------------- typed amounts are kept

    def test_typed_invoice_amount_survives_later_edits_in_the_form(self):
        """Seed §12.1.3 in the order that used to lose it: invoice, bank amount, invoice
        amount, then the date and a fee. The typed 110 USD stays; the invoice is paid in
        full with the exchange difference."""
        with Form(self.env["account.receipt"]) as form:
            form.journal_id = self.bank_journal
            form.date = fields.Date.to_date("2026-02-01")
            with form.line_ids.new() as line:
                line.invoice_id = self.usd_invoice
                self.assertEqual((line.amount, line.invoice_amount), (88, 110))
                line.amount = 90
                self.assertEqual(
                    line.invoice_amount, 112.5, "not typed yet: follows the amount"
                )
                line.invoice_amount = 110
                self.assertTrue(line.invoice_amount_manual)
                self.assertEqual(line.invoice_left_open, 0)
            form.date = fields.Date.to_date("2026-03-05")
            with form.line_ids.edit(0) as line:
                self.assertEqual(
                    line.invoice_amount,
                    110,
                    "a later date does not change a typed amount",
                )
                line.fee_amount = 2
                self.assertEqual(
                    line.invoice_amount,
                    110,
                    "a later fee does not change a typed amount",
                )
                self.assertEqual(line.amount, 90)
        receipt = form.record
        self.assertEqual(receipt.line_ids.invoice_amount, 110)
        receipt.action_post()
        self.assertEqual(self.usd_invoice.payment_state, "paid")
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_account.code, "", 90, 0, 90, "EUR"),
                (self.fee_account.code, "", 2, 0, 2, "EUR"),
                (self.receivable.code, "partner_a", 0, 92, -110, "USD"),
            ],
        )

    def test_typed_invoice_amount_survives_rate_fee_and_amount_writes(self):
        """Over the ORM: a GBP receipt at the bank rate 1.30 with a typed invoice amount
        (110 USD, where 70.40 GBP would compute 114.40); the bank rate, the date, the
        fee and the amount are written afterwards: the invoice amount stays 110 and the
        invoice is paid exactly."""
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": self.usd_invoice.id,
                    "amount": 70.40,
                    "invoice_amount": 110,
                }
            ],
            journal=self.gbp_journal,
            bank_rate=1.30,
        )
        line = receipt.line_ids
        self.assertTrue(line.invoice_amount_manual)
        receipt.bank_rate = 1.40
        receipt.date = fields.Date.to_date("2026-02-03")
        line.fee_amount = 0.5
        line.amount = 70.00
        self.assertEqual(
            (line.amount, line.invoice_amount, line.invoice_left_open), (70.00, 110, 0)
        )
        receipt.action_post()
        self.assertEqual(self.usd_invoice.amount_residual, 0)
        # 70.50 GBP at the bank rate 1.40 = 98.70 EUR settle 110 USD
        self.assertEntry(
            receipt.move_id,
            [
                (self.gbp_journal.default_account_id.code, "", 98.0, 0, 70.0, "GBP"),
                (self.fee_account.code, "", 0.70, 0, 0.5, "GBP"),
                (self.receivable.code, "partner_a", 0, 98.70, -110, "USD"),
            ],
        )

    def test_computed_invoice_amount_shows_what_stays_open(self):
        """An invoice amount that was not typed follows the amount at the receipt's
        rate, and the row shows what stays open: 80 EUR = 100 USD in February (10 USD
        open), 80 USD in March (30 USD open)."""
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": self.usd_invoice.id,
                    "amount": 80,
                }
            ]
        )
        line = receipt.line_ids
        self.assertFalse(line.invoice_amount_manual)
        self.assertEqual((line.invoice_amount, line.invoice_left_open), (100, 10))
        receipt.date = fields.Date.to_date("2026-03-05")
        self.assertEqual((line.invoice_amount, line.invoice_left_open), (80, 30))
        receipt.action_post()
        self.assertEqual(
            (self.usd_invoice.amount_residual, line.invoice_left_open), (30, 30)
        )

    def test_picking_the_invoice_pays_its_exact_open_amount(self):
        """Filling a line from a foreign invoice gives the exact open amount in the
        invoice currency, with no residue from the conversion (101.02 USD -> 80.82 EUR
        -> 101.03 USD would be refused as more than open)."""
        invoice = self.make_invoice(
            self.partner_b, 101.02, currency=self.usd, date="2026-02-01"
        )
        with Form(self.env["account.receipt"]) as form:
            form.journal_id = self.bank_journal
            form.date = fields.Date.to_date("2026-02-01")
            with form.line_ids.new() as line:
                line.invoice_id = invoice
                self.assertEqual(
                    (line.amount, line.invoice_amount, line.invoice_left_open),
                    (80.82, 101.02, 0),
                )
                self.assertTrue(line.invoice_amount_manual)
        form.record.action_post()
        self.assertEqual(invoice.payment_state, "paid")

    # ------------------------------------------------------------------ small residues

    def test_small_residue_needs_confirmation(self):
        invoice = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 99.5,
                }
            ]
        )
        self.assertEqual(receipt.line_ids.invoice_left_open, 0.5)
        self.assertRegex(
            receipt.small_residue_info,
            rf"{invoice.name} \(partner_a\) stays open by .*0\.50",
        )
        with self.assertRaisesRegex(
            UserError,
            rf"Receipt {receipt.name} would leave invoices open by a small residue:\n"
            rf"{invoice.name} \(partner_a\) stays open by .*0\.50.*\n.*tick Leave "
            rf"Small Residues Open",
        ):
            receipt.action_post()
        self.assertEqual((receipt.state, invoice.amount_residual), ("draft", 100))
        receipt.confirm_small_residues = True
        receipt.action_post()
        self.assertEqual(
            (invoice.payment_state, invoice.amount_residual), ("partial", 0.5)
        )
        self.assertFalse(receipt.small_residue_info)

    def test_small_residue_in_invoice_currency(self):
        """87.95 EUR at 1.25 settle 109.94 of the 110 USD: 0.06 USD would stay open;
        refused."""
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": self.usd_invoice.id,
                    "amount": 87.95,
                }
            ]
        )
        with self.assertRaisesRegex(UserError, r"stays open by .*0\.06"):
            receipt.action_post()

    def test_deliberate_partial_and_threshold(self):
        """60 of 100 is a deliberate partial (40 % open): posted without confirmation.
        With the threshold at 50 %, it is a small residue; at 0 % the check is off."""
        invoice = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 60}]
        )
        self.company.receipt_small_residue_percent = 50
        with self.assertRaisesRegex(UserError, "small residue"):
            receipt.action_post()
        self.company.receipt_small_residue_percent = 0
        receipt.invalidate_recordset(["small_residue_info"])
        self.assertFalse(receipt.small_residue_info)
        self.company.receipt_small_residue_percent = 1
        receipt.action_post()
        self.assertEqual(invoice.amount_residual, 40)

    # --------------------------------------------------- §9 split keeps the typed total

    def _split(self, amount, fee=0.0):
        invoices = [self.make_invoice(self.partner_a, value) for value in (100, 50, 25)]
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "amount": amount,
                    "fee_amount": fee,
                    "invoice_ids": [Command.set([inv.id for inv in invoices])],
                }
            ]
        )
        return receipt, invoices

    def test_split_typed_amount_stops_when_used_up(self):
        """150 over invoices of 100 + 50 + 25: lines of 100 and 50, the third invoice is
        not reached."""
        receipt, invoices = self._split(150)
        self.assertEqual(
            [(line.invoice_id, line.amount) for line in receipt.line_ids],
            [(invoices[0], 100), (invoices[1], 50)],
        )
        self.assertEqual(receipt.amount_total, 150)
        receipt.action_post()
        self.assertEqual(
            [inv.payment_state for inv in invoices], ["paid", "paid", "not_paid"]
        )

    def test_split_typed_amount_pays_the_last_in_part(self):
        receipt, invoices = self._split(160)
        self.assertEqual(receipt.line_ids.mapped("amount"), [100, 50, 10])
        self.assertEqual(
            receipt.line_ids.invoice_id, invoices[0] | invoices[1] | invoices[2]
        )

    def test_split_typed_amount_above_the_invoices(self):
        """200 over 175 of invoices: the last line takes the rest (total kept); posting
        refuses the overpayment, or turns it into a prepayment when the company allows
        it."""
        receipt, invoices = self._split(200)
        self.assertEqual(receipt.line_ids.mapped("amount"), [100, 50, 50])
        with self.assertRaisesRegex(
            UserError,
            rf"applies .*50\.00\W*to {invoices[2].name} .* open amount is only",
        ):
            receipt.action_post()
        self.company.receipt_allow_overpayment = True
        receipt.action_post()
        self.assertEqual(
            receipt.line_ids.mapped(lambda line: (line.kind, line.amount)),
            [("invoice", 100), ("invoice", 50), ("invoice", 25), ("prepayment", 25)],
        )
        self.assertEqual(receipt.amount_total, 200)

    def test_split_keeps_a_typed_fee_on_the_first_line(self):
        receipt, _invoices = self._split(148, fee=2)
        self.assertEqual(
            receipt.line_ids.mapped(lambda line: (line.amount, line.fee_amount)),
            [(98, 2), (50, 0)],
        )
        receipt.action_post()

    def test_split_negative_amount_refused(self):
        with self.assertRaisesRegex(
            UserError, "several invoices can only be picked on a line receiving money"
        ):
            self._split(-10)
