# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Property test of issue 15: random operations on receipts, invoices and the PreID
ledger — every receipt kind, both currencies, picks, FIFO, refunds, resets, cancels —
mixed with attempts at the entry-level buttons and at forbidden RPC writes; after each
step the independent SQL checker finds the books and the ledger in agreement.

The long run is seeded (``PREID_PROPERTY_SEED`` overrides the seed,
``PREID_PROPERTY_STEPS`` the number of steps) and prints the seed and how often each
operation was done, refused or had nothing to act on."""

import os
import random
import time
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_preid import PreidCommon
from .ledger_checker import BooksCheckMixin

#: operation name -> weight in the random run
OPERATIONS = {
    "receive": 10,
    "invoice": 9,
    "invoice_pick": 6,
    "credit_note": 3,
    "pay": 8,
    "netting": 6,
    "refund": 6,
    "reset_invoice": 4,
    "reset_receipt": 4,
    "cancel_receipt": 2,
    "repost_receipt": 3,
    "entry_attack": 5,
    "rpc_attack": 5,
}
#: operations that must always be refused
MUST_REFUSE = ("rpc_attack",)
DATES = [f"2026-02-{day:02d}" for day in range(1, 29, 3)] + [
    f"2026-03-{day:02d}" for day in range(1, 29, 4)
]


class Refused(Exception):
    """A path that ended in a clear refusal (a ``UserError``), with its message."""


@tagged("post_install", "-at_install")
class TestPreidProperty(BooksCheckMixin, PreidCommon):
    """Random sequences of operations; after every step the PreID ledger, the receipts
    and the books agree."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_roles("property")
        cls.cash_journal = cls.company_data["default_journal_cash"]
        Partner = cls.env["res.partner"]
        cls.partner_c = Partner.create(
            {"name": "Partner C (own prepayment account)", "is_company": True}
        )
        cls.partner_c.with_company(
            cls.company
        ).receipt_prepayment_account_id = cls.prepayment_account_2
        cls.contact_a = Partner.create(
            {"name": "Contact of A", "parent_id": cls.partner_a.id}
        )
        cls.customers = cls.partner_a | cls.partner_b | cls.partner_c | cls.contact_a
        cls.eur_journals = cls.bank_journal | cls.cash_journal

    # ------------------------------------------------------------------ helpers

    def _amount(self, rng, low=5, high=400):
        return round(rng.uniform(low, high), 2)

    def _date(self, rng):
        return fields.Date.to_date(rng.choice(DATES))

    def _currency(self, rng):
        return self.usd if rng.random() < 0.3 else self.eur

    def _journal(self, rng, currency):
        return (
            self.usd_journal if currency == self.usd else rng.choice(self.eur_journals)
        )

    def _open_preids(self, currency=None, partner=None):
        domain = [("company_id", "=", self.company.id), ("state", "=", "open")]
        if currency:
            domain.append(("currency_id", "=", currency.id))
        if partner:
            domain.append(("partner_id", "=", partner.commercial_partner_id.id))
        return self.Prepayment.search(domain)

    def _open_documents(self, move_type, currency=None):
        domain = [
            ("company_id", "=", self.company.id),
            ("move_type", "=", move_type),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]
        if currency:
            domain.append(("currency_id", "=", currency.id))
        return self.env["account.move"].search(domain, order="id")

    def _posted_receipts(self):
        return self.env["account.receipt"].search(
            [("company_id", "=", self.company.id), ("state", "=", "posted")], order="id"
        )

    def _post_receipt(self, lines, journal, date, **vals):
        receipt = self.make_receipt(lines, journal, date, **vals)
        receipt.action_post()
        return receipt

    # ------------------------------------------------------------------ operations

    def _op_receive(self, rng):
        """A bank, cash or USD receipt of one or two prepayments (a fee now and
        then)."""
        currency = self._currency(rng)
        journal = self._journal(rng, currency)
        lines = []
        for _index in range(rng.choice((1, 1, 2))):
            line = {
                "partner_id": rng.choice(self.customers).id,
                "amount": self._amount(rng),
            }
            if rng.random() < 0.2:
                line["fee_amount"] = 1.5
            lines.append(line)
        self._post_receipt(lines, journal, self._date(rng))

    def _op_invoice(self, rng):
        """A customer invoice in EUR or USD, posted (FIFO applies the customer's
        PreIDs)."""
        self.post_invoice(
            rng.choice(self.customers),
            self._amount(rng),
            self._currency(rng),
            self._date(rng),
        )

    def _op_invoice_pick(self, rng):
        """An invoice with a PreID picked by hand."""
        preids = self._open_preids()
        if not preids:
            return "nothing"
        preid = rng.choice(preids)
        amount = self._amount(rng, 10, 300)
        pick = min(preid.usable_balance, round(amount * rng.uniform(0.2, 1), 2))
        self.post_invoice(
            preid.partner_id,
            amount,
            preid.currency_id,
            self._date(rng),
            picks={preid: pick},
        )
        return None

    def _op_credit_note(self, rng):
        """A customer credit note."""
        self.make_invoice(
            rng.choice(self.customers),
            self._amount(rng, 5, 80),
            self._currency(rng),
            self._date(rng),
            "out_refund",
        )

    def _op_pay(self, rng):
        """A receipt paying open invoices and credit notes (in full or in part, fee now
        and then), with a prepayment line or a refund line (no PreID named) of the same
        customers now and then."""
        currency = self._currency(rng)
        documents = self._open_documents(
            "out_invoice", currency
        ) | self._open_documents("out_refund", currency)
        if not documents:
            return "nothing"
        lines = []
        for document in rng.sample(
            list(documents), min(len(documents), rng.choice((1, 2, 3)))
        ):
            residual = document.amount_residual
            amount = (
                residual
                if rng.random() < 0.6
                else round(residual * rng.uniform(0.1, 0.9), 2)
            )
            if document.move_type == "out_refund":
                amount = -amount
            line = {
                "partner_id": document.commercial_partner_id.id,
                "invoice_id": document.id,
                "amount": amount,
            }
            if amount > 2 and rng.random() < 0.2:
                line.update(amount=round(amount - 1, 2), fee_amount=1.0)
            lines.append(line)
        partner = documents[0].commercial_partner_id
        if rng.random() < 0.3:
            lines.append(
                {"partner_id": partner.id, "amount": self._amount(rng, 5, 100)}
            )
        elif rng.random() < 0.3 and self._open_preids(currency, partner):
            left = sum(self._open_preids(currency, partner).mapped("usable_balance"))
            lines.append(
                {
                    "partner_id": partner.id,
                    "amount": -round(left * rng.uniform(0.1, 1), 2) or -0.01,
                }
            )
        self._post_receipt(lines, self._journal(rng, currency), self._date(rng))
        return None

    def _op_netting(self, rng):
        """A netting receipt settling an open invoice with the customer's PreIDs (named
        or FIFO); now and then a credit note row, or more than the PreIDs hold (to be
        refused)."""
        preids = self._open_preids()
        if not preids:
            return "nothing"
        preid = rng.choice(preids)
        partner, currency = preid.partner_id, preid.currency_id
        invoices = self._open_documents("out_invoice", currency).filtered(
            lambda m: m.commercial_partner_id == partner
        )
        credit_notes = self._open_documents("out_refund", currency).filtered(
            lambda m: m.commercial_partner_id == partner
        )
        lines = []
        if credit_notes and rng.random() < 0.3:
            note = rng.choice(credit_notes)
            line = {
                "partner_id": partner.id,
                "invoice_id": note.id,
                "amount": -note.amount_residual,
            }
            if rng.random() < 0.3:
                line["prepayment_id"] = (
                    preid.id
                )  # a credit note netted onto a PreID it does not consume
            lines.append(line)
        else:
            invoice = (
                rng.choice(invoices)
                if invoices
                else self._post_without_fifo(partner, currency, rng)
            )
            amount = min(invoice.amount_residual, preid.usable_balance)
            if rng.random() < 0.15:
                amount = invoice.amount_residual  # may exceed the PreID: refused then
            line = {
                "partner_id": partner.id,
                "invoice_id": invoice.id,
                "amount": amount,
            }
            if rng.random() < 0.6:
                line["prepayment_id"] = preid.id
            lines.append(line)
        self._post_receipt(
            lines, self.netting_journal, self._date(rng), currency_id=currency.id
        )
        return None

    def _post_without_fifo(self, partner, currency, rng):
        """An invoice posted while the company applies no PreID automatically (left open
        for a netting)."""
        self.company.receipt_prepayment_auto_fifo = False
        try:
            return self.post_invoice(
                partner, self._amount(rng, 10, 200), currency, self._date(rng)
            )
        finally:
            self.company.receipt_prepayment_auto_fifo = True

    def _op_refund(self, rng):
        """A refund receipt paying a PreID back (named, or FIFO without a name), now and
        then more than it holds."""
        preids = self._open_preids()
        if not preids:
            return "nothing"
        preid = rng.choice(preids)
        amount = round(preid.usable_balance * rng.uniform(0.1, 1), 2) or 0.01
        if rng.random() < 0.1:
            amount = round(preid.usable_balance + 50, 2)
        line = {"partner_id": preid.partner_id.id, "amount": -amount}
        if rng.random() < 0.7:
            line["prepayment_id"] = preid.id
        self._post_receipt(
            [line], self._journal(rng, preid.currency_id), self._date(rng)
        )
        return None

    def _op_reset_invoice(self, rng):
        """Reset (or cancel) a posted customer invoice; now and then post it again."""
        invoices = self.env["account.move"].search(
            [
                ("company_id", "=", self.company.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ],
            order="id",
        )
        if not invoices:
            return "nothing"
        invoice = rng.choice(invoices)
        if rng.random() < 0.3:
            invoice.button_cancel()
        else:
            invoice.button_draft()
            if rng.random() < 0.5:
                invoice.action_post()
        return None

    def _op_reset_receipt(self, rng):
        """Reset a posted receipt (refused while its PreIDs are used)."""
        receipts = self._posted_receipts()
        if not receipts:
            return "nothing"
        rng.choice(receipts).action_draft()
        return None

    def _op_cancel_receipt(self, rng):
        receipts = self._posted_receipts()
        if not receipts:
            return "nothing"
        rng.choice(receipts).action_cancel()
        return None

    def _op_repost_receipt(self, rng):
        """Post again a receipt that was reset."""
        receipts = self.env["account.receipt"].search(
            [
                ("company_id", "=", self.company.id),
                ("state", "=", "draft"),
                ("line_ids", "!=", False),
            ],
            order="id",
        )
        if not receipts:
            return "nothing"
        rng.choice(receipts).action_post()
        return None

    def _op_entry_attack(self, rng):
        """As the accountant, Odoo's buttons on a receipt's entry or a PreID application
        entry: Reset to Draft, Cancel, Delete, Reverse, or an item's customer or account
        changed."""
        moves = self._posted_receipts().move_id | self.env[
            "account.prepayment.allocation"
        ].search(
            [("company_id", "=", self.company.id), ("kind", "=", "invoice")]
        ).move_id.filtered(lambda move: move.state == "posted")
        if not moves:
            return "nothing"
        move = rng.choice(moves.sorted("id"))
        entry = move.with_user(self.accountant)
        item = entry.line_ids.filtered("partner_id")[:1]
        action = rng.choice(
            ("draft", "cancel", "delete", "reverse", "partner", "account")
        )
        if action == "draft":
            entry.button_draft()
        elif action == "cancel":
            entry.button_draft()
            entry.button_cancel()
        elif action == "delete":
            entry.button_draft()
            entry.unlink()
        elif action == "reverse":
            self.env["account.move.reversal"].with_user(self.accountant).with_context(
                active_model="account.move", active_ids=move.ids
            ).create(
                {"date": move.date, "journal_id": move.journal_id.id}
            ).refund_moves()
        elif action == "partner" and item:
            item.write({"partner_id": rng.choice(self.customers - item.partner_id).id})
        elif item:
            item.write(
                {
                    "account_id": (
                        (self.prepayment_account_2 | self.prepayment_account)
                        - item.account_id
                    )[:1].id
                }
            )
        return None

    def _op_rpc_attack(self, rng):
        """As the Invoicing user over RPC, a write the ledger forbids: a posted
        receipt's state, date, journal, currency, rate or lines; a PreID created, raised
        or deleted; an allocation changed, deleted or created."""
        receipts = self._posted_receipts()
        preids = self.Prepayment.search(
            [("company_id", "=", self.company.id)], order="id"
        )
        allocations = self.env["account.prepayment.allocation"].search(
            [("company_id", "=", self.company.id)]
        )
        user = self.invoicing_user
        attacks = []
        if receipts:
            receipt = rng.choice(receipts).with_user(user)
            line = receipt.line_ids[:1]
            attacks += [
                lambda: receipt.write({"state": "draft"}),
                lambda: receipt.write({"move_id": False}),
                lambda: receipt.write({"date": "2026-03-31"}),
                lambda: receipt.write(
                    {"journal_id": self.usd_journal.id, "currency_id": self.usd.id}
                ),
                lambda: receipt.write({"bank_rate": 3.0}),
                lambda: receipt.write(
                    {
                        "line_ids": [
                            Command.create(
                                {"partner_id": self.partner_a.id, "amount": 600}
                            )
                        ]
                    }
                ),
                lambda: line.write({"amount": line.amount + 100}),
                lambda: line.unlink(),
            ]
        if preids:
            preid = rng.choice(preids).with_user(user)
            attacks += [
                lambda: preid.write({"amount": 1000000}),
                lambda: preid.unlink(),
            ]
        attacks.append(
            lambda: self.Prepayment.with_user(user).create(
                {
                    "partner_id": self.partner_a.id,
                    "currency_id": self.eur.id,
                    "account_id": self.prepayment_account.id,
                    "amount": 1000000,
                }
            )
        )
        if allocations:
            allocation = rng.choice(allocations).with_user(user)
            attacks += [
                lambda: allocation.write({"amount": allocation.amount + 50}),
                lambda: allocation.unlink(),
            ]
        rng.choice(attacks)()
        return None

    # ------------------------------------------------------------------ engine

    def _step(self, operation, rng):
        """Run one operation in a savepoint; a ``UserError`` rolls it back. Returns
        ``done``, ``refused`` or ``nothing`` (nothing to act on)."""
        try:
            with self.env.cr.savepoint():
                outcome = getattr(self, f"_op_{operation}")(rng) or "done"
                self.env.flush_all()
        except UserError:
            outcome = "refused"
        self.env.invalidate_all()
        return outcome

    def _run(self, seed, steps, operations=None):
        rng = random.Random(seed)
        names = list(OPERATIONS)
        weights = [OPERATIONS[name] for name in names]
        counts = Counter()
        for index in range(steps):
            operation = (
                operations[index] if operations else rng.choices(names, weights)[0]
            )
            outcome = self._step(operation, rng)
            counts[operation, outcome] += 1
            where = f"seed {seed}, step {index + 1} ({operation}, {outcome})"
            if operation in MUST_REFUSE and outcome != "refused":
                self.fail(f"{where}: a forbidden write went through")
            self.assertBooksAgree(msg=where)
        return counts

    def test_random_operations(self):
        """500 random operations (seeded); the books and the ledger agree after each."""
        seed = int(os.environ.get("PREID_PROPERTY_SEED") or 20261203)
        steps = int(os.environ.get("PREID_PROPERTY_STEPS") or 500)
        started = time.monotonic()
        counts = self._run(seed, steps)
        Allocation = self.env["account.prepayment.allocation"]
        kinds = {
            kind: Allocation.search_count([("kind", "=", kind)])
            for kind in ("invoice", "netting", "refund")
        }
        preids = self.Prepayment.search_count([("company_id", "=", self.company.id)])
        summary = [
            f"PreID property test: seed {seed}, {steps} steps in "
            f"{time.monotonic() - started:.0f} s"
        ]
        summary += [
            f"  {operation:<16} "
            + ", ".join(
                f"{outcome} {counts[operation, outcome]}"
                for outcome in ("done", "refused", "nothing")
            )
            for operation in OPERATIONS
        ]
        summary.append(f"  PreIDs {preids}, allocations {kinds}")
        print("\n" + "\n".join(summary))  # pylint: disable=print-used
        # the run did exercise the ledger: PreIDs applied, netted and refunded, and
        # refusals happened
        self.assertTrue(all(kinds.values()), kinds)
        for operation in (
            "receive",
            "invoice",
            "pay",
            "netting",
            "refund",
            "reset_receipt",
            "entry_attack",
        ):
            self.assertTrue(
                counts[operation, "done"] + counts[operation, "refused"], operation
            )
        self.assertEqual(sum(counts.values()), steps)

    @settings(
        max_examples=15,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        st.lists(st.sampled_from(list(OPERATIONS)), min_size=1, max_size=8),
        st.integers(0, 2**16),
    )
    def test_ledger_invariant_property(self, operations, seed):
        """Short sequences found by hypothesis (shrunk to the smallest failing one)."""
        with self.env.cr.savepoint(flush=False) as savepoint:
            self._run(seed, len(operations), operations)
            self.env.flush_all()
            savepoint.rollback()
        self.env.invalidate_all()
