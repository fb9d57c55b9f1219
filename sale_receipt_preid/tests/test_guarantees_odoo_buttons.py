# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order-first FIFO through Odoo's own buttons on the invoice (Reset to Draft, Credit
Note with the reversal wizard's *Reverse* and *Reverse and Create Invoice*, Cancel,
Delete) and on the receipt's journal entry, as the accountant: after each step every
PreID's usable balance equals its balance on the prepayment account, read from the
journal items grouped by PreID; no PreID goes negative, the order's Prepaid / Prepayment
Left / Left to Prepay follow, and posting again never consumes twice."""

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.account_receipt_preid.tests.ledger_checker import BooksCheckMixin

from .common import SaleReceiptCommon


@tagged("post_install", "-at_install")
class TestGuaranteesOdooButtons(BooksCheckMixin, SaleReceiptCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_roles("sale_guard")

    def setUp(self):
        super().setUp()
        # as the accountant, through the ORM as the web client's buttons call it
        self.env = self.env(user=self.accountant)
        self.older = self.receive(self.customer, 200, date="2026-01-10")
        self.order = self.make_order(500)
        receipt = self.env["account.receipt"].browse(
            self.order.action_register_receipt()["res_id"]
        )
        receipt.write({"date": fields.Date.to_date("2026-02-01")})
        receipt.line_ids.amount = 400
        receipt.action_post()
        self.order_preid = receipt.line_ids.created_prepayment_id

    # ------------------------------------------------------------------ helpers

    def books_by_preid(self):
        """``{PreID: credit balance in its currency}`` of the posted journal items on
        the prepayment account, grouped by the items' PreID (not from the PreIDs' own
        fields)."""
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("account_id", "=", self.prepayment_account.id),
                    ("parent_state", "=", "posted"),
                    ("company_id", "=", self.company.id),
                ],
                ["receipt_prepayment_id"],
                ["amount_currency:sum"],
            )
        )
        return {preid: -total for preid, total in groups}

    def assertGuarantees(self, expected, msg):
        """The PreIDs' usable balances are ``expected`` ``{PreID: amount}``, equal to
        their balances in the books, never negative, and the whole ledger agrees with
        the books."""
        self.env.invalidate_all()
        preids = self.older | self.order_preid
        usable = {preid: preid.usable_balance for preid in preids}
        self.assertEqual(usable, expected, msg)
        books = self.books_by_preid()
        self.assertNotIn(
            self.env["account.prepayment"], books, f"{msg}: an item without its PreID"
        )
        self.assertEqual({p: books.get(p, 0.0) for p in preids}, usable, msg)
        self.assertTrue(all(amount >= 0 for amount in usable.values()), msg)
        self.assertBooksAgree(msg=msg)

    def assertOrder(self, usable, msg):
        """The order: 400 prepaid, ``usable`` left in its PreIDs, 100 left to prepay."""
        self.order.invalidate_recordset()
        self.assertEqual(
            (
                self.order.preid_received_total,
                self.order.preid_usable_total,
                self.order.preid_to_receive,
            ),
            (400.0, usable, 100.0),
            msg,
        )

    def order_invoice(self):
        """The order's draft invoice, handled by the accountant from then on."""
        invoice = self.order._create_invoices().with_env(self.env)
        invoice.invoice_date = "2026-02-15"
        return invoice

    def allocations(self, invoice):
        return sorted(
            (a.prepayment_id.name, a.amount) for a in invoice.preid_allocation_ids
        )

    def reversal_wizard(self, invoice):
        return (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "journal_id": invoice.journal_id.id,
                    "date": fields.Date.to_date("2026-02-20"),
                    "reason": "Wrong price",
                }
            )
        )

    # ------------------------------------------------------------------ tests

    def test_reset_post_cancel_never_consumes_twice(self):
        invoice = self.order_invoice()
        invoice.action_post()
        taken = [(self.order_preid.name, 400.0), (self.older.name, 100.0)]
        self.assertEqual(self.allocations(invoice), sorted(taken))
        self.assertGuarantees({self.older: 100.0, self.order_preid: 0.0}, "posted")
        self.assertOrder(0.0, "posted")

        invoice.button_draft()
        self.assertFalse(invoice.preid_allocation_ids)
        self.assertGuarantees({self.older: 200.0, self.order_preid: 400.0}, "reset")
        self.assertOrder(400.0, "reset")

        invoice.action_post()
        self.assertEqual(self.allocations(invoice), sorted(taken))
        self.assertEqual(invoice.payment_state, "paid")
        self.assertGuarantees(
            {self.older: 100.0, self.order_preid: 0.0}, "posted again"
        )
        # posting the already posted invoice again (a second click) takes nothing more
        with self.assertRaises(UserError):
            invoice.action_post()
        self.assertGuarantees(
            {self.older: 100.0, self.order_preid: 0.0}, "clicked twice"
        )

        invoice.button_cancel()
        self.assertEqual(invoice.state, "cancel")
        self.assertFalse(invoice.preid_allocation_ids)
        self.assertGuarantees({self.older: 200.0, self.order_preid: 400.0}, "cancelled")
        self.assertOrder(400.0, "cancelled")

        # a cancelled invoice set back to draft and posted takes its PreIDs once
        invoice.button_draft()
        invoice.action_post()
        self.assertEqual(self.allocations(invoice), sorted(taken))
        self.assertGuarantees({self.older: 100.0, self.order_preid: 0.0}, "re-posted")
        self.assertOrder(0.0, "re-posted")

    def test_credit_note_reverse_keeps_the_application(self):
        """*Credit Note* > *Reverse*: the invoice stays paid by its PreIDs; the credit
        note (no PreID taken) is the customer's credit, the ledger does not move."""
        invoice = self.order_invoice()
        invoice.action_post()
        action = self.reversal_wizard(invoice).refund_moves()
        credit_note = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(credit_note.move_type, "out_refund")
        credit_note.action_post()
        self.assertFalse(credit_note.preid_allocation_ids)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(credit_note.amount_residual, 500.0)
        self.assertGuarantees({self.older: 100.0, self.order_preid: 0.0}, "credit note")
        self.assertOrder(0.0, "credit note")

    def test_credit_note_reverse_and_create_invoice(self):
        """*Credit Note* > *Reverse and Create Invoice*: the credit note cancels the
        invoice, its PreIDs are released (as by Cancel), and the new invoice takes them
        once when posted."""
        invoice = self.order_invoice()
        invoice.action_post()
        application = invoice.preid_allocation_ids.move_id
        action = self.reversal_wizard(invoice).modify_moves()
        new_invoice = self.env["account.move"].browse(action["res_id"])
        credit_note = invoice.reversal_move_ids
        self.assertEqual(
            (credit_note.state, credit_note.payment_state, invoice.payment_state),
            ("posted", "paid", "reversed"),
        )
        self.assertFalse(invoice.preid_allocation_ids)
        self.assertFalse(application.exists())
        self.assertEqual(new_invoice.state, "draft")
        self.assertGuarantees({self.older: 200.0, self.order_preid: 400.0}, "reversed")
        self.assertOrder(400.0, "reversed")
        # the new draft bills the same order (Odoo copies the lines' order link): the
        # order's PreID first, each PreID once
        self.assertEqual(new_invoice.line_ids.sale_line_ids.order_id, self.order)
        new_invoice.invoice_date = "2026-02-20"
        new_invoice.action_post()
        self.assertEqual(
            self.allocations(new_invoice),
            sorted([(self.order_preid.name, 400.0), (self.older.name, 100.0)]),
        )
        self.assertEqual(new_invoice.payment_state, "paid")
        self.assertGuarantees({self.older: 100.0, self.order_preid: 0.0}, "new invoice")
        self.assertOrder(0.0, "new invoice")

    def test_delete_draft_with_prepayment_to_apply(self):
        """A draft with a prepayment to apply and a pick is deleted: its picks go with
        it, no PreID moves; a draft that was posted before (reset) is deleted the same
        way."""
        invoice = self.order_invoice()
        invoice.write({"preid_prepayment_amount": 250.0, "preid_fifo_excluded": True})
        invoice.action_open_prepayment_picks()
        invoice.preid_pick_ids.filtered(
            lambda pick: pick.prepayment_id == self.older
        ).amount = 150.0
        picks = invoice.preid_pick_ids
        self.assertTrue(picks)
        invoice.unlink()
        self.assertFalse(picks.exists())
        self.assertGuarantees({self.older: 200.0, self.order_preid: 400.0}, "deleted")
        self.assertOrder(400.0, "deleted")

        posted = self.order_invoice()
        posted.write({"preid_prepayment_amount": 250.0})
        posted.action_post()
        self.assertEqual(self.allocations(posted), [(self.order_preid.name, 250.0)])
        self.assertGuarantees(
            {self.older: 200.0, self.order_preid: 150.0}, "250 applied"
        )
        posted.button_draft()
        posted.with_context(force_delete=True).unlink()
        self.assertGuarantees({self.older: 200.0, self.order_preid: 400.0}, "deleted")
        self.assertOrder(400.0, "deleted again")

    def test_receipt_entry_buttons_refused_while_the_order_preid_is_used(self):
        """The order's receipt entry: Odoo's Reset to Draft, Delete and Reverse are
        refused while an invoice uses its PreID; nothing moves."""
        invoice = self.order_invoice()
        invoice.action_post()
        entry = self.order_preid.receipt_id.move_id
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=entry.ids)
            .create({"journal_id": entry.journal_id.id, "date": invoice.date})
        )
        pattern = f"{entry.name}.*{self.order_preid.receipt_id.name}"
        for name, attempt in (
            ("Reset to Draft", entry.button_draft),
            ("Delete", entry.unlink),
            ("Reverse", wizard.refund_moves),
            ("Add an item", lambda: entry.write({"line_ids": [Command.create({})]})),
        ):
            with self.subTest(button=name), self.assertRaisesRegex(UserError, pattern):
                attempt()
        with self.assertRaisesRegex(UserError, self.order_preid.name):
            self.order_preid.receipt_id.action_draft()
        self.assertEqual(entry.state, "posted")
        self.assertGuarantees({self.older: 100.0, self.order_preid: 0.0}, "refused")
        self.assertOrder(0.0, "refused")
