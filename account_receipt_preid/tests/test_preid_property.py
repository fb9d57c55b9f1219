# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from .common_preid import PreidCommon

OPERATIONS = ("receive", "receive_usd", "invoice", "invoice_pick", "refund", "reset_invoice", "reset_receipt")


@tagged("post_install", "-at_install")
class TestPreidProperty(PreidCommon):
    """Random sequences of receipts, invoices, refunds and resets: after every step the PreID ledger agrees with
    the prepayment accounts and every balance equals its amount minus its allocations."""

    def _step(self, operation, amount, choice):
        partner = (self.partner_a, self.partner_b)[choice % 2]
        open_preids = self.Prepayment.search(
            [("company_id", "=", self.company.id), ("state", "=", "open"), ("currency_id", "=", self.eur.id)]
        )
        if operation == "receive":
            self.receive(partner, amount)
        elif operation == "receive_usd":
            self.receive(partner, amount, journal=self.usd_journal)
        elif operation == "invoice":
            self.post_invoice(partner, amount, currency=(self.eur, self.usd)[choice % 3 == 2])
        elif operation == "invoice_pick" and open_preids:
            preid = open_preids[choice % len(open_preids)]
            pick = min(preid.usable_balance, amount)
            self.post_invoice(preid.partner_id, amount + choice, picks={preid: pick})
        elif operation == "refund" and open_preids:
            preid = open_preids[choice % len(open_preids)]
            self.refund(preid, min(preid.usable_balance, amount))
        elif operation == "reset_invoice":
            invoices = self.env["account.move"].search(
                [("preid_allocation_ids", "!=", False), ("state", "=", "posted"), ("company_id", "=", self.company.id)]
            )
            if invoices:
                invoice = invoices[choice % len(invoices)]
                (invoice.button_cancel if choice % 2 else invoice.button_draft)()
        elif operation == "reset_receipt":
            receipts = self.env["account.receipt"].search(
                [("state", "=", "posted"), ("company_id", "=", self.company.id)]
            )
            # a PreID used, or named on another receipt (even a reset one), keeps the receipt that created it
            named = self.env["account.receipt.line"].search([("prepayment_id", "!=", False)]).prepayment_id
            receipts = receipts.filtered(
                lambda r: (
                    not r.line_ids.created_prepayment_id.allocation_ids and not r.line_ids.created_prepayment_id & named
                )
            )
            if receipts:
                receipts[choice % len(receipts)].action_draft()

    def _assert_invariants(self):
        self.assertLedgerAgrees()
        for preid in self.Prepayment.search([("company_id", "=", self.company.id)]):
            allocated = sum(preid.allocation_ids.mapped("amount"))
            self.assertGreaterEqual(preid.usable_balance, 0)
            self.assertAlmostEqual(preid.usable_balance, preid.amount - allocated, places=2)
            self.assertEqual(preid.state, "open" if preid.usable_balance > 0 else "used")

    @settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(
        st.lists(
            st.tuples(st.sampled_from(OPERATIONS), st.integers(1, 400), st.integers(0, 11)),
            min_size=1,
            max_size=6,
        )
    )
    def test_ledger_invariant_property(self, steps):
        with self.env.cr.savepoint(flush=False) as savepoint:
            for operation, amount, choice in steps:
                self._step(operation, amount, choice)
                self._assert_invariants()
            self.env.flush_all()
            savepoint.rollback()
        self.env.invalidate_all()

    def test_long_random_scenario_balance_check(self):
        """60 random steps (fixed seed), then the balance check per prepayment account and customer."""
        rng = random.Random(20260201)
        for _index in range(60):
            self._step(rng.choice(OPERATIONS), rng.randint(1, 400), rng.randint(0, 11))
        self._assert_invariants()
        # sanity: the scenario did use the ledger
        self.assertTrue(self.env["account.prepayment.allocation"].search_count([("kind", "=", "invoice")]))
        self.assertTrue(self.env["account.prepayment.allocation"].search_count([("kind", "=", "refund")]))
