# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Prepayments through a sales order (issue 11.1): Register Receipt on the order, its
PreID carries the order, the order's invoices take its PreIDs first, the order shows
what was prepaid and what is left."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SaleReceiptCommon


@tagged("post_install", "-at_install")
class TestSaleReceipt(SaleReceiptCommon):
    def register(self, order, amount=None, date="2026-02-01"):
        """*Register Receipt* on ``order``; the receipt is posted with ``amount``
        (default: as proposed)."""
        action = order.action_register_receipt()
        receipt = self.env["account.receipt"].browse(action["res_id"])
        receipt.date = date
        if amount is not None:
            receipt.line_ids.amount = amount
        receipt.action_post()
        return receipt

    def test_register_receipt_on_the_order(self):
        order = self.make_order(600)
        action = order.action_register_receipt()
        self.assertEqual(action["res_model"], "account.receipt")
        receipt = self.env["account.receipt"].browse(action["res_id"])
        self.assertEqual(receipt.state, "draft")
        self.assertEqual(receipt.journal_id, self.bank_journal)
        self.assertEqual(receipt.ref, order.name)
        line = receipt.line_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(
            (
                line.partner_id,
                line.sale_order_id,
                line.invoice_id,
                line.amount,
                line.kind,
            ),
            (self.customer, order, self.env["account.move"], 600.0, "prepayment"),
        )
        line.amount = 400.0
        receipt.date = "2026-02-01"
        receipt.action_post()
        self.assertEqual(
            self.items(receipt.move_id),
            sorted(
                [
                    (self.bank_account.code, "", 400.0, 0.0, 400.0, self.cur, False),
                    (
                        self.prepayment_account.code,
                        self.customer.name,
                        0.0,
                        400.0,
                        -400.0,
                        self.cur,
                        False,
                    ),
                ]
            ),
        )
        preid = line.created_prepayment_id
        self.assertEqual(
            (preid.sale_order_id, preid.partner_id, preid.amount),
            (order, self.customer, 400.0),
        )
        self.assertEqual(order.preid_ids, preid)
        self.assertEqual(
            (
                order.preid_count,
                order.preid_received_total,
                order.preid_usable_total,
                order.preid_to_receive,
            ),
            (1, 400.0, 400.0, 200.0),
        )
        self.assertEqual(order.action_open_preids()["res_id"], preid.id)
        # a second receipt proposes what is left
        second = self.env["account.receipt"].browse(
            order.action_register_receipt()["res_id"]
        )
        self.assertEqual(second.line_ids.amount, 200.0)
        self.assertLedgerAgrees()

    def test_order_invoice_takes_the_order_preids_first(self):
        """The customer has an older PreID (no order) of 200 and one of 400 for the
        order; the order's invoice of 600 with a prepayment to apply of 300 takes the
        300 from the order's PreID; FIFO by date alone would have taken the older one
        first."""
        older = self.receive(self.customer, 200, date="2026-01-10")
        order = self.make_order(600)
        order_preid = self.register(order, 400).line_ids.created_prepayment_id
        invoice = order._create_invoices()
        invoice.invoice_date = "2026-02-15"
        invoice.preid_prepayment_amount = 300.0
        invoice.action_open_prepayment_picks()
        fifo = {pick.prepayment_id: pick.fifo_amount for pick in invoice.preid_pick_ids}
        self.assertEqual(fifo, {older: 0.0, order_preid: 300.0})
        self.assertEqual(
            invoice.preid_pick_ids.filtered(
                lambda p: p.prepayment_id == order_preid
            ).prepayment_sale_order_id,
            order,
        )
        invoice.action_post()
        self.assertEqual(
            [
                (a.prepayment_id, a.amount, a.manual)
                for a in invoice.preid_allocation_ids
            ],
            [(order_preid, 300.0, False)],
        )
        application = invoice.preid_allocation_ids.move_id
        self.assertEqual(
            self.items(application),
            sorted(
                [
                    (
                        self.prepayment_account.code,
                        self.customer.name,
                        300.0,
                        0.0,
                        300.0,
                        self.cur,
                        False,
                    ),
                    (
                        self.receivable.code,
                        self.customer.name,
                        0.0,
                        300.0,
                        -300.0,
                        self.cur,
                        True,
                    ),
                ]
            ),
        )
        self.assertEqual(invoice._get_reconciled_amls().move_id, application)
        self.assertEqual(invoice.amount_residual, 300.0)
        self.assertEqual(
            (older.usable_balance, order_preid.usable_balance), (200.0, 100.0)
        )
        self.assertEqual(
            (order.preid_usable_total, order.preid_to_receive), (100.0, 200.0)
        )

        # another order's invoice: the first order's PreID is one of the customer's
        # others (plain FIFO by date)
        second = order.copy()
        second.action_confirm()
        invoice_2 = second._create_invoices()
        invoice_2.invoice_date = "2026-02-20"
        invoice_2.action_post()
        self.assertEqual(
            [
                (a.prepayment_id, a.amount)
                for a in invoice_2.preid_allocation_ids.sorted("id")
            ],
            [(older, 200.0), (order_preid, 100.0)],
        )
        self.assertEqual(invoice_2.amount_residual, 300.0)
        self.assertLedgerAgrees()

    def test_order_preid_first_then_the_others(self):
        older = self.receive(self.customer, 200, date="2026-01-10")
        order = self.make_order(500)
        order_preid = self.register(order, 400).line_ids.created_prepayment_id
        invoice = order._create_invoices()
        invoice.invoice_date = "2026-02-15"
        invoice.action_post()
        self.assertEqual(
            [
                (a.prepayment_id, a.amount)
                for a in invoice.preid_allocation_ids.sorted("id")
            ],
            [(order_preid, 400.0), (older, 100.0)],
        )
        self.assertEqual(
            self.items(invoice.preid_allocation_ids.move_id),
            sorted(
                [
                    (
                        self.prepayment_account.code,
                        self.customer.name,
                        400.0,
                        0.0,
                        400.0,
                        self.cur,
                        False,
                    ),
                    (
                        self.prepayment_account.code,
                        self.customer.name,
                        100.0,
                        0.0,
                        100.0,
                        self.cur,
                        False,
                    ),
                    (
                        self.receivable.code,
                        self.customer.name,
                        0.0,
                        400.0,
                        -400.0,
                        self.cur,
                        True,
                    ),
                    (
                        self.receivable.code,
                        self.customer.name,
                        0.0,
                        100.0,
                        -100.0,
                        self.cur,
                        True,
                    ),
                ]
            ),
        )
        self.assertEqual(invoice.payment_state, "paid")
        # an invoice not from an order keeps plain FIFO (oldest first)
        plain = self.post_invoice(self.customer, 50)
        self.assertEqual(
            [(a.prepayment_id, a.amount) for a in plain.preid_allocation_ids],
            [(older, 50.0)],
        )
        self.assertLedgerAgrees()

    def test_rules(self):
        order = self.make_order(300)
        other = self.env["res.partner"].create(
            {"name": "Someone Else SIA", "is_company": True}
        )
        with self.assertRaisesRegex(ValidationError, "is of Order Customer SIA"):
            self.make_receipt(
                [{"partner_id": other.id, "amount": 100, "sale_order_id": order.id}]
            )
        draft = self.env["sale.order"].create({"partner_id": self.customer.id})
        with self.assertRaisesRegex(UserError, "is not confirmed"):
            draft.action_register_receipt()
        receipt = self.register(order)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            receipt.line_ids.sale_order_id = self.make_order(100)
        # resetting the receipt removes the PreID; the order has nothing prepaid again
        receipt.action_draft()
        self.assertFalse(order.preid_ids)
        self.assertEqual(order.preid_to_receive, 300.0)
        self.assertLedgerAgrees()
