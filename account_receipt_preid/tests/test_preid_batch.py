# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoices posted together apply their PreIDs in one pass: same books as one by one,
and a query count that does not grow per invoice beyond a small constant."""

import logging

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_preid import PreidCommon

_logger = logging.getLogger(__name__)

#: extra queries per invoice that FIFO may add to Odoo's own posting when invoices are
#: posted together (13.5 measured)
FIFO_QUERIES_PER_INVOICE = 20


@tagged("post_install", "-at_install")
class TestPreidBatch(PreidCommon):
    def make_customers(self, count):
        return self.env["res.partner"].create(
            [{"name": f"Batch customer {index}"} for index in range(count)]
        )

    def post_together(self, invoices):
        """Post ``invoices`` in one call; return the number of queries it took (flushed,
        tracking included)."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        invoices.action_post()
        self.env.flush_all()
        self.env.cr.precommit.run()
        return self.env.cr.sql_log_count - before

    def batch_queries(self, size, fifo):
        """Queries of posting ``size`` invoices of 25 together (4 per customer, PreIDs
        of 10 each)."""
        self.company.receipt_prepayment_auto_fifo = fifo
        customers = self.make_customers((size + 3) // 4)
        self.make_receipt(
            [
                {"partner_id": customer.id, "amount": 10}
                for customer in customers
                for _i in range(10)
            ]
        ).action_post()
        invoices = self.env["account.move"].union(
            *(
                self.draft_invoice(customers[index % len(customers)], 25)
                for index in range(size)
            )
        )
        queries = self.post_together(invoices)
        expected = {"paid"} if fifo else {"not_paid"}
        self.assertEqual(set(invoices.mapped("payment_state")), expected)
        return queries

    def test_query_count_does_not_grow_per_invoice(self):
        """Posting 5 and 20 invoices together with FIFO (2.5 PreIDs each), against the
        same without FIFO: the queries FIFO adds per extra invoice stay under a small
        constant."""
        counts = {
            (size, fifo): self.batch_queries(size, fifo)
            for size in (5, 20)
            for fifo in (False, True)
        }
        extra = {size: counts[(size, True)] - counts[(size, False)] for size in (5, 20)}
        per_invoice = (extra[20] - extra[5]) / 15
        _logger.info(
            "queries posting N invoices together: %s; FIFO adds %.1f queries per "
            "invoice",
            counts,
            per_invoice,
        )
        self.assertLessEqual(per_invoice, FIFO_QUERIES_PER_INVOICE)
        self.assertLedgerAgrees()

    def test_batch_books_each_invoice(self):
        """Three invoices of two customers posted together: one application entry each
        (Dr prepayment / Cr receivable, the customer's), reconciled with its invoice;
        FIFO in turn within a customer."""
        first = self.receive(self.partner_a, 100, date="2026-02-01")
        second = self.receive(self.partner_a, 50, date="2026-02-02")
        b_preid = self.receive(self.partner_b, 30)
        invoices = (
            self.draft_invoice(self.partner_a, 80)
            | self.draft_invoice(self.partner_b, 40)
            | self.draft_invoice(self.partner_a, 60)
        )
        invoices.action_post()
        a1, b, a2 = invoices
        self.assertEqual(invoices.mapped("amount_residual"), [0, 10, 0])
        self.assertEqual(
            [first.usable_balance, second.usable_balance, b_preid.usable_balance],
            [0, 10, 0],
        )
        self.assertEqual(len(invoices.preid_allocation_ids.move_id), 3)
        for invoice, expected in (
            (
                a1,
                [
                    ("RCPT1", self.partner_a.name, 80.0, 0.0, 80.0, "EUR"),
                    (
                        self.receivable.code,
                        self.partner_a.name,
                        0.0,
                        80.0,
                        -80.0,
                        "EUR",
                    ),
                ],
            ),
            (
                b,
                [
                    ("RCPT1", self.partner_b.name, 30.0, 0.0, 30.0, "EUR"),
                    (
                        self.receivable.code,
                        self.partner_b.name,
                        0.0,
                        30.0,
                        -30.0,
                        "EUR",
                    ),
                ],
            ),
            (
                a2,
                [
                    ("RCPT1", self.partner_a.name, 20.0, 0.0, 20.0, "EUR"),
                    ("RCPT1", self.partner_a.name, 40.0, 0.0, 40.0, "EUR"),
                    (
                        self.receivable.code,
                        self.partner_a.name,
                        0.0,
                        20.0,
                        -20.0,
                        "EUR",
                    ),
                    (
                        self.receivable.code,
                        self.partner_a.name,
                        0.0,
                        40.0,
                        -40.0,
                        "EUR",
                    ),
                ],
            ),
        ):
            move = invoice.preid_allocation_ids.move_id
            self.assertEqual(move.state, "posted")
            self.assertEntry(move, expected)
            receivables = move.line_ids.filtered(
                lambda aml: aml.account_id == self.receivable
            )
            self.assertTrue(all(receivables.mapped("reconciled")))
            matched = (receivables.matched_debit_ids.debit_move_id).move_id
            self.assertEqual(matched, invoice)
        self.assertEqual(
            a2.preid_allocation_ids.sorted("id").mapped(
                lambda a: (a.prepayment_id, a.amount)
            ),
            [(first, 20), (second, 40)],
        )
        self.assertLedgerAgrees()

    def test_batch_picks_share_the_balance(self):
        """Two invoices posted together picking 60 each of the same PreID of 100:
        refused, nothing booked."""
        prepayment = self.receive(self.partner_a, 100)
        invoices = self.draft_invoice(self.partner_a, 60) | self.draft_invoice(
            self.partner_a, 60
        )
        for invoice in invoices:
            invoice.action_open_prepayment_picks()
            invoice.preid_pick_ids.amount = 60
        with (
            self.assertRaisesRegex(
                ValidationError, rf"{prepayment.name} has a usable balance of .*40"
            ),
            self.cr.savepoint(),
        ):
            invoices.action_post()
        self.assertEqual(
            (prepayment.usable_balance, invoices.mapped("state")),
            (100, ["draft", "draft"]),
        )
