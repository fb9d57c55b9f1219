# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ReceiptCommon


@tagged("post_install", "-at_install")
class TestReceiptFlow(ReceiptCommon):
    """Numbering, reset to draft, cancel, validation messages, overpayment, creation
    from invoices and the split of several invoices on one line."""

    def test_number_per_company_sequence(self):
        first = self.make_receipt([{"partner_id": self.partner_a.id, "amount": 1}])
        second = self.make_receipt([{"partner_id": self.partner_a.id, "amount": 1}])
        self.assertEqual(first.name, "RCPT/2026/00001")
        self.assertEqual(second.name, "RCPT/2026/00002")
        self.assertEqual(first.currency_id, self.eur)
        self.assertEqual(
            self.make_receipt([], journal=self.usd_journal).currency_id,
            self.usd,
            "currency from the journal",
        )

    # ----------------------------------------------------------------- reset and cancel

    def test_reset_to_draft_removes_entry_and_matching(self):
        invoice = self.make_invoice(self.partner_a, 110, currency=self.usd)
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 88}]
        )
        receipt.action_post()
        move = receipt.move_id
        exchange = self.exchange_moves(move)
        self.assertTrue(exchange)
        self.assertEqual(invoice.payment_state, "paid")
        receipt.action_draft()
        self.assertEqual(receipt.state, "draft")
        self.assertFalse(receipt.move_id)
        self.assertFalse(move.exists())
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(invoice.amount_residual, 110)
        self.assertEqual(
            invoice.line_ids.filtered(
                lambda aml: aml.account_id == self.receivable
            ).amount_residual,
            100,
        )
        # posting again works and numbers nothing twice
        receipt.action_post()
        self.assertEqual(invoice.payment_state, "paid")

    def test_reset_in_locked_period_reverses(self):
        invoice = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 100}]
        )
        receipt.action_post()
        move = receipt.move_id
        self.company.fiscalyear_lock_date = fields.Date.to_date("2026-02-28")
        receipt.action_draft()
        self.assertEqual(receipt.state, "draft")
        self.assertTrue(move.exists())
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.reversal_move_ids.state, "posted")
        self.assertTrue(
            all(
                move.line_ids.filtered(
                    lambda aml: aml.account_id == self.receivable
                ).mapped("reconciled")
            )
        )
        self.assertEqual(invoice.payment_state, "not_paid")

    def test_reset_with_audit_trail_cancels_entry(self):
        """With the audit trail on, a posted entry is kept: resetting the receipt
        cancels its entry, not deletes it, and the invoice is open again."""
        self.company.check_account_audit_trail = True
        invoice = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 100}]
        )
        receipt.action_post()
        move = receipt.move_id
        self.assertEqual(invoice.payment_state, "paid")
        receipt.action_draft()
        self.assertEqual(receipt.state, "draft")
        self.assertFalse(receipt.move_id)
        self.assertTrue(move.exists())
        self.assertEqual(move.state, "cancel")
        self.assertFalse(move.reversal_move_ids)
        self.assertFalse(
            move.line_ids.matched_debit_ids | move.line_ids.matched_credit_ids
        )
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(invoice.amount_residual, 100)
        receipt.action_post()
        self.assertEqual(invoice.payment_state, "paid")
        self.assertNotEqual(receipt.move_id, move)

    def test_reset_refused_when_prepayment_used(self):
        receipt = self.make_receipt([{"partner_id": self.partner_a.id, "amount": 50}])
        receipt.action_post()
        usage = self.env["account.move"].create(
            {
                "move_type": "entry",
                "date": "2026-02-10",
                "journal_id": self.company_data["default_journal_misc"].id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": self.prepayment_account.id,
                            "partner_id": self.partner_a.id,
                            "debit": 50,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": self.receivable.id,
                            "partner_id": self.partner_a.id,
                            "credit": 50,
                        }
                    ),
                ],
            }
        )
        usage.action_post()
        (usage.line_ids | receipt.move_id.line_ids).filtered(
            lambda aml: aml.account_id == self.prepayment_account
        ).reconcile()
        with self.assertRaisesRegex(UserError, "cannot be reset"):
            receipt.action_draft()
        self.assertEqual(receipt.state, "posted")

    def test_cancel(self):
        draft = self.make_receipt([{"partner_id": self.partner_a.id, "amount": 5}])
        draft.action_cancel()
        self.assertEqual(draft.state, "cancel")
        posted = self.make_receipt([{"partner_id": self.partner_a.id, "amount": 5}])
        posted.action_post()
        move = posted.move_id
        posted.action_cancel()
        self.assertEqual(posted.state, "cancel")
        self.assertFalse(move.exists())
        posted.action_draft()
        self.assertEqual(posted.state, "draft")

    def test_posted_lines_are_frozen(self):
        receipt = self.make_receipt([{"partner_id": self.partner_a.id, "amount": 5}])
        receipt.action_post()
        with self.assertRaisesRegex(
            UserError, rf"Lines of posted receipt {receipt.name} cannot be changed"
        ):
            receipt.line_ids.amount = 6
        with self.assertRaisesRegex(
            UserError, rf"Lines of posted receipt {receipt.name} cannot be changed"
        ):
            receipt.line_ids.prepayment_id = receipt.line_ids.created_prepayment_id
        with self.assertRaisesRegex(
            UserError, rf"Lines of posted receipt {receipt.name} cannot be deleted"
        ):
            receipt.line_ids.unlink()
        with self.assertRaisesRegex(
            UserError, rf"Receipt {receipt.name} is posted and cannot be deleted"
        ):
            receipt.unlink()

    # ------------------------------------------------------------------ validation

    def assertPostRaises(self, receipt, pattern):
        with self.assertRaisesRegex(UserError, pattern):
            receipt.action_post()
        self.assertEqual(receipt.state, "draft")
        self.assertFalse(receipt.move_id)

    def test_line_without_customer(self):
        receipt = self.make_receipt([{"amount": 5}, {"amount": 6}])
        self.assertPostRaises(
            receipt, r"Line 1 of receipt RCPT/2026/\d+ has no customer"
        )

    def test_invoice_of_another_customer(self):
        invoice = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [
                {"partner_id": self.partner_b.id, "amount": 5},
                {
                    "partner_id": self.partner_b.id,
                    "invoice_id": invoice.id,
                    "amount": 100,
                },
            ]
        )
        self.assertPostRaises(
            receipt,
            rf"Line 2 of receipt .*{invoice.name} is not an invoice of partner_b",
        )

    def test_invoice_not_open(self):
        paid = self.make_invoice(self.partner_a, 100)
        self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": paid.id, "amount": 100}]
        ).action_post()
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": paid.id, "amount": 100}]
        )
        self.assertPostRaises(receipt, rf"{paid.name} is not open")
        draft = self.make_invoice(self.partner_a, 100)
        draft.button_draft()
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": draft.id, "amount": 100}]
        )
        self.assertPostRaises(receipt, "is not open")

    def test_invoice_of_another_company(self):
        other = self.setup_other_company()
        invoice = (
            self.env["account.move"]
            .with_company(other["company"])
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.partner_a.id,
                    "invoice_date": "2026-01-15",
                    "invoice_line_ids": [
                        Command.create({"name": "x", "price_unit": 10, "tax_ids": []})
                    ],
                }
            )
        )
        invoice.action_post()
        with self.assertRaises(UserError):
            self.make_receipt(
                [
                    {
                        "partner_id": self.partner_a.id,
                        "invoice_id": invoice.id,
                        "amount": 10,
                    }
                ]
            )

    def test_amount_above_residual(self):
        invoice = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 60,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 50,
                },
            ]
        )
        self.assertPostRaises(
            receipt,
            rf"applies .*110.00.* to {invoice.name} of partner_a, whose open amount",
        )

    def test_overpayment_becomes_prepayment(self):
        self.company.receipt_allow_overpayment = True
        invoice = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 60,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 50,
                    "fee_amount": 2,
                },
            ]
        )
        receipt.action_post()
        self.assertEqual(
            receipt.line_ids.mapped("kind"), ["invoice", "invoice", "prepayment"]
        )
        self.assertEqual(receipt.line_ids.mapped("amount"), [60, 38, 12])
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_account.code, "", 110, 0, 110, "EUR"),
                (self.fee_account.code, "", 2, 0, 2, "EUR"),
                (self.receivable.code, "partner_a", 0, 100, -100, "EUR"),
                (self.prepayment_account.code, "partner_a", 0, 12, -12, "EUR"),
            ],
        )

    def test_fee_without_account(self):
        self.company.receipt_bank_services_account_id = False
        invoice = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 98,
                    "fee_amount": 2,
                }
            ]
        )
        self.assertPostRaises(
            receipt, "Line 1 .* has a fee but no bank services account"
        )

    def test_netting_without_invoice(self):
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": 8}],
            journal=self.netting_journal,
        )
        self.assertPostRaises(receipt, "is a netting line: it needs an invoice")

    def test_negative_amount_on_invoice(self):
        invoice = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": -8}]
        )
        self.assertPostRaises(receipt, "a negative amount refunds a credit note")

    def test_lock_date(self):
        self.company.fiscalyear_lock_date = fields.Date.to_date("2026-01-31")
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": 5}], date="2026-01-20"
        )
        self.assertPostRaises(receipt, "in a closed period")

    # ------------------------------------------------------------------ creation paths

    def test_register_receipt_from_invoices(self):
        inv_a = self.make_invoice(self.partner_a, 100)
        inv_b = self.make_invoice(self.partner_b, 250)
        action = (inv_a | inv_b).action_register_receipt()
        receipt = self.env["account.receipt"].browse(action["res_id"])
        self.assertEqual(receipt.state, "draft")
        self.assertEqual(receipt.journal_id.type, "bank")
        self.assertEqual(
            [
                (line.partner_id, line.invoice_id, line.amount)
                for line in receipt.line_ids
            ],
            [(self.partner_a, inv_a, 100), (self.partner_b, inv_b, 250)],
        )
        receipt.action_post()
        self.assertEqual((inv_a | inv_b).mapped("payment_state"), ["paid", "paid"])

    def test_several_invoices_on_one_line_split(self):
        invoices = [
            self.make_invoice(self.partner_a, amount) for amount in (10, 20, 30)
        ]
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_ids": [Command.set([inv.id for inv in invoices])],
                }
            ]
        )
        self.assertEqual(len(receipt.line_ids), 3)
        self.assertEqual(receipt.line_ids.invoice_id.ids, [inv.id for inv in invoices])
        self.assertEqual(receipt.line_ids.mapped("amount"), [10, 20, 30])
        self.assertFalse(receipt.line_ids.invoice_ids)
        receipt.action_post()
        self.assertEqual({inv.payment_state for inv in invoices}, {"paid"})

    def test_invoice_sets_customer(self):
        invoice = self.make_invoice(self.partner_b, 10)
        receipt = self.make_receipt([{"invoice_id": invoice.id, "amount": 10}])
        self.assertEqual(receipt.line_ids.partner_id, self.partner_b)

    def test_form_with_editable_lines(self):
        """The form as an accountant uses it: pick an invoice on a new line, the
        customer follows."""
        invoice = self.make_invoice(self.partner_a, 100, currency=self.usd)
        with Form(self.env["account.receipt"]) as form:
            form.journal_id = self.bank_journal
            form.date = fields.Date.to_date("2026-02-01")
            with form.line_ids.new() as line:
                line.invoice_id = invoice
                line.amount = 40
                self.assertEqual(line.invoice_amount, 50)
                line.invoice_amount = 55
        receipt = form.record
        self.assertEqual(receipt.line_ids.partner_id, self.partner_a)
        self.assertEqual(receipt.line_ids.invoice_amount, 55)
        receipt.action_post()
        self.assertEqual(invoice.amount_residual, 45)

    def test_views_render(self):
        """The receipt list/search/form, the invoice form button, the journal form and
        the settings render."""
        views = self.env["account.receipt"].get_views(
            [(False, "list"), (False, "form"), (False, "search")]
        )
        self.assertIn("action_post", views["views"]["form"]["arch"])
        self.assertIn(
            "action_register_receipt",
            self.env["account.move"].get_views([(False, "form")])["views"]["form"][
                "arch"
            ],
        )
        self.assertIn(
            "receipt_type",
            self.env["account.journal"].get_views([(False, "form")])["views"]["form"][
                "arch"
            ],
        )
        settings_arch = self.env["res.config.settings"].get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        self.assertIn("receipt_aggregation", settings_arch)
        action = self.env.ref("account_receipt_preid.account_receipt_action")
        self.assertEqual(
            self.env.ref("account_receipt_preid.account_receipt_menu").action, action
        )
