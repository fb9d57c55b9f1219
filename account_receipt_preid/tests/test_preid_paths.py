# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 15: every path of its table, walked as the role that found it — the Invoicing
user, the accountant, a second-company user — over the ORM as RPC calls it
(``with_user``: create, write, unlink, method calls) and through Odoo's own buttons on
the journal entry (Reset to Draft, Cancel, Delete, the *Reverse* wizard) and on the
invoice. Each case ends in a clear refusal (the message names the document to use) or
with the independent SQL checker (``ledger_checker``) finding the PreID ledger, the
receipts and the books in agreement."""

import psycopg2

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_preid import PreidCommon
from .ledger_checker import BooksCheckMixin


@tagged("post_install", "-at_install")
class TestPreidPaths(BooksCheckMixin, PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_roles("paths")

    # ------------------------------------------------------------------ helpers

    def as_user(self, user, records):
        return records.with_user(user).with_company(
            self.company if user != self.user_b else self.other["company"]
        )

    def attempt(self, call, *names):
        """Run ``call`` (a path of the issue). It is refused with a ``UserError``
        (access errors and validation errors included) naming one of ``names`` — and the
        books still agree —, or it goes through and the books agree afterwards. Returns
        the error, or ``None`` when the call went through."""
        error = None
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                call()
                self.env.flush_all()
        except UserError as exc:
            error = exc
        except psycopg2.Error as exc:
            self.fail(
                f"refused by the database, not with a message naming {names}: {exc}"
            )
        self.env.invalidate_all()
        if error is not None:
            message = str(error.args[0])
            self.assertTrue(
                any(name and name in message for name in names),
                f"the refusal does not name {names}: {message}",
            )
            print(f"refused ({type(error).__name__}): {message.splitlines()[0][:160]}")  # pylint: disable=print-used
        self.assertBooksAgree(
            msg="after a path that went through" if error is None else "after a refusal"
        )
        return error

    def attempt_and_undo(self, call, *names):
        """:meth:`attempt`, then undo whatever the path did (the next path starts from
        the same books)."""
        with self.env.cr.savepoint() as savepoint:
            self.attempt(call, *names)
            savepoint.rollback()
        self.env.invalidate_all()

    def assertRefused(self, call, *names):
        """The path must be refused (no 'holds' alternative)."""
        self.assertIsNotNone(
            self.attempt(call, *names),
            f"not refused; expected a message naming {names}",
        )

    def _invoice_with_allocation(self, amount=60, received=100):
        preid = self.receive(self.partner_a, received)
        invoice = self.post_invoice(self.partner_a, amount)
        self.assertEqual(invoice.preid_allocation_ids.prepayment_id, preid)
        return preid, invoice

    def _reverse(self, user, move):
        """Odoo's *Reverse* wizard on ``move`` (full reversal with matching, as the
        button does)."""
        wizard = (
            self.env["account.move.reversal"]
            .with_user(user)
            .with_context(active_model="account.move", active_ids=move.ids)
            .create(
                {
                    "date": fields.Date.to_date("2026-02-20"),
                    "journal_id": move.journal_id.id,
                }
            )
        )
        return wizard.refund_moves()

    # ------------------------------------------------- 1. allocations edited or deleted

    def test_invoicing_user_deletes_allocation(self):
        preid, invoice = self._invoice_with_allocation()
        allocation = self.as_user(self.invoicing_user, invoice.preid_allocation_ids)
        self.assertRefused(
            allocation.unlink,
            preid.name,
            invoice.name,
            "PreID Allocation",
            "allocation",
        )

    def test_invoicing_user_edits_allocation(self):
        preid, invoice = self._invoice_with_allocation()
        other = self.receive(self.partner_a, 50)
        allocation = self.as_user(self.invoicing_user, invoice.preid_allocation_ids)
        names = (preid.name, invoice.name, "PreID Allocation", "allocation")
        self.assertRefused(lambda: allocation.write({"amount": 160}), *names)
        self.assertRefused(lambda: allocation.write({"amount": 10}), *names)
        self.assertRefused(
            lambda: allocation.write({"prepayment_id": other.id}), *names
        )
        self.assertRefused(lambda: allocation.write({"kind": "refund"}), *names)

    def test_invoicing_user_creates_allocation(self):
        preid = self.receive(self.partner_a, 100)
        Allocation = self.as_user(
            self.invoicing_user, self.env["account.prepayment.allocation"]
        )
        self.assertRefused(
            lambda: Allocation.create(
                {"prepayment_id": preid.id, "amount": 40, "kind": "refund"}
            ),
            preid.name,
            "PreID Allocation",
            "allocation",
        )

    def test_posted_invoice_prepayments_list_offers_no_delete(self):
        """The *Prepayments* list of a posted invoice: nothing to create, edit or delete
        there."""
        _preid, invoice = self._invoice_with_allocation()
        action = self.as_user(
            self.invoicing_user, invoice
        ).action_open_prepayment_picks()
        self.assertEqual(action["res_model"], "account.prepayment.allocation")
        Allocation = self.as_user(
            self.invoicing_user, self.env["account.prepayment.allocation"]
        )
        self.assertFalse(Allocation.has_access("unlink"))
        self.assertFalse(Allocation.has_access("write"))

    # ------------------------------------------- 2-3. PreIDs created, raised or deleted

    def test_invoicing_user_creates_preid(self):
        Prepayment = self.as_user(self.invoicing_user, self.Prepayment)
        self.assertRefused(
            lambda: Prepayment.create(
                {
                    "partner_id": self.partner_a.id,
                    "currency_id": self.eur.id,
                    "account_id": self.prepayment_account.id,
                    "amount": 1000000,
                }
            ),
            "PreID",
        )

    def test_invoicing_user_raises_preid(self):
        preid = self.receive(self.partner_a, 100)
        record = self.as_user(self.invoicing_user, preid)
        self.assertRefused(
            lambda: record.write({"amount": 1000000}), preid.name, "PreID"
        )
        self.assertRefused(
            lambda: record.write({"partner_id": self.partner_b.id}), preid.name, "PreID"
        )
        self.assertRefused(
            lambda: record.write({"account_id": self.prepayment_account_2.id}),
            preid.name,
            "PreID",
        )
        # and the raised PreID cannot then pay an invoice: nothing changed
        invoice = self.post_invoice(self.partner_a, 500)
        self.assertEqual(invoice.amount_residual, 400)
        self.assertBooksAgree()

    def test_invoicing_user_deletes_unused_preid(self):
        preid = self.receive(self.partner_a, 100)
        self.assertRefused(
            self.as_user(self.invoicing_user, preid).unlink,
            preid.name,
            preid.receipt_id.name,
            "PreID",
        )

    def test_accountant_deletes_used_preid(self):
        preid, _invoice = self._invoice_with_allocation()
        self.assertRefused(
            self.as_user(self.accountant, preid).unlink, preid.name, "PreID"
        )

    # ------------------------------------------- 4. the receipt's entry, from the entry

    def _receipts(self):
        """A prepayment receipt (its PreID unused), an invoice receipt and a netting
        receipt, all posted."""
        netted = self.make_invoice(self.partner_b, 30, date="2026-02-05")
        preid = self.receive(self.partner_b, 80)
        invoice = self.make_invoice(self.partner_a, 120, date="2026-01-20")
        paying = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 120}]
        )
        paying.action_post()
        netting = self.make_receipt(
            [
                {
                    "partner_id": self.partner_b.id,
                    "invoice_id": netted.id,
                    "amount": 30,
                    "prepayment_id": preid.id,
                }
            ],
            journal=self.netting_journal,
            date="2026-02-06",
        )
        netting.action_post()
        return preid.receipt_id | paying | netting

    def _entry_buttons(self, user, move):
        """Odoo's buttons and ORM calls on a journal entry: (label, call)."""
        entry = self.as_user(user, move)
        item = entry.line_ids.filtered(lambda aml: aml.partner_id)[:1]
        return [
            ("Reset to Draft", entry.button_draft),
            ("Cancel", lambda: (entry.button_draft(), entry.button_cancel())),
            ("Delete", lambda: (entry.button_draft(), entry.unlink())),
            ("Reverse", lambda: self._reverse(user, move)),
            (
                "change the customer of an item",
                lambda: item.write({"partner_id": self.partner_a.id}),
            ),
            (
                "change the account of an item",
                lambda: item.write({"account_id": self.prepayment_account_2.id}),
            ),
            ("change the date", lambda: entry.write({"date": "2026-02-28"})),
        ]

    def test_accountant_buttons_on_receipt_entry(self):
        for receipt in self._receipts():
            for label, call in self._entry_buttons(self.accountant, receipt.move_id):
                with self.subTest(receipt=receipt.name, path=label):
                    self.attempt_and_undo(call, receipt.name)

    def test_invoicing_user_buttons_on_receipt_entry(self):
        receipt = self._receipts()[0]
        for label, call in self._entry_buttons(self.invoicing_user, receipt.move_id)[
            :4
        ]:
            with self.subTest(path=label):
                self.attempt_and_undo(call, receipt.name)

    def test_accountant_buttons_on_application_entry(self):
        preid, invoice = self._invoice_with_allocation()
        move = invoice.preid_allocation_ids.move_id
        for label, call in self._entry_buttons(self.accountant, move):
            with self.subTest(path=label):
                self.attempt_and_undo(call, invoice.name)
        self.assertEqual(preid.usable_balance, 40)

    def test_invoice_buttons(self):
        """Reset, cancel, reverse (credit note) and delete of an invoice settled by a
        PreID and a receipt: the ledger follows."""
        for label in ("Reset to Draft", "Cancel", "Reverse", "Delete"):
            with self.subTest(path=label), self.env.cr.savepoint() as savepoint:
                preid = self.receive(self.partner_a, 50)
                invoice = self.post_invoice(self.partner_a, 80)
                receipt = self.make_receipt(
                    [
                        {
                            "partner_id": self.partner_a.id,
                            "invoice_id": invoice.id,
                            "amount": 30,
                        }
                    ]
                )
                receipt.action_post()
                self.assertEqual(invoice.payment_state, "paid")
                entry = self.as_user(self.accountant, invoice)
                calls = {
                    "Reset to Draft": entry.button_draft,
                    "Cancel": lambda e=entry: (e.button_draft(), e.button_cancel()),
                    "Reverse": lambda i=invoice: self._reverse(self.accountant, i),
                    "Delete": lambda e=entry: (
                        e.button_draft(),
                        e.with_context(force_delete=True).unlink(),
                    ),
                }
                self.attempt(calls[label], invoice.name, receipt.name)
                if (
                    label != "Reverse"
                    and invoice.exists()
                    and invoice.state != "posted"
                ):
                    self.assertEqual(preid.usable_balance, 50)
                savepoint.rollback()

    # --------------------------------------------- 5. a posted receipt written over RPC

    def test_invoicing_user_writes_posted_receipt(self):
        preid = self.receive(self.partner_a, 100)
        receipt = self.as_user(self.invoicing_user, preid.receipt_id)
        line = receipt.line_ids
        writes = [
            ("state", {"state": "draft"}),
            ("move", {"move_id": False}),
            ("date", {"date": "2026-03-15"}),
            ("journal", {"journal_id": self.usd_journal.id}),
            ("currency", {"currency_id": self.usd.id}),
            ("bank rate", {"bank_rate": 2.0}),
            (
                "line added",
                {
                    "line_ids": [
                        Command.create({"partner_id": self.partner_a.id, "amount": 500})
                    ]
                },
            ),
            ("line amount", {"line_ids": [Command.update(line.id, {"amount": 600})]}),
            ("line removed", {"line_ids": [Command.unlink(line.id)]}),
        ]
        for label, vals in writes:
            with self.subTest(path=label):
                self.assertRefused(lambda vals=vals: receipt.write(vals), receipt.name)
        Line = self.as_user(self.invoicing_user, self.env["account.receipt.line"])
        self.assertRefused(
            lambda: Line.create(
                {
                    "receipt_id": receipt.id,
                    "partner_id": self.partner_b.id,
                    "amount": 500,
                }
            ),
            receipt.name,
        )
        self.assertRefused(
            lambda: line.write({"payer_iban": "EE382200221020145685", "amount": 1}),
            receipt.name,
        )

    def test_state_written_back_then_posted_again(self):
        """Over RPC: state back to draft then Confirm — one receipt with two posted
        entries, unless refused."""
        preid = self.receive(self.partner_a, 100)
        receipt = self.as_user(self.invoicing_user, preid.receipt_id)
        self.attempt(
            lambda: (receipt.write({"state": "draft"}), receipt.action_post()),
            receipt.name,
        )

    # ---------------------------------------------------- 6. netting with a credit note

    def test_netting_credit_note_row(self):
        preid = self.receive(self.partner_a, 100)
        credit_note = self.make_invoice(
            self.partner_a, 30, move_type="out_refund", date="2026-02-05"
        )
        receipt = self.as_user(
            self.invoicing_user,
            self.make_receipt(
                [
                    {
                        "partner_id": self.partner_a.id,
                        "invoice_id": credit_note.id,
                        "amount": -30,
                        "prepayment_id": preid.id,
                    }
                ],
                journal=self.netting_journal,
                date="2026-02-06",
            ),
        )
        error = self.attempt(receipt.action_post, receipt.name, credit_note.name)
        if error is None:
            # the credit note's 30 goes back onto the customer's prepayment: never less
            # than received
            self.assertEqual(
                self.partner_balance(self.prepayment_account, self.partner_a), -130
            )

    # ------------------------------------------------------ 7. picks follow the invoice

    def test_pick_then_customer_changed(self):
        preid_a = self.receive(self.partner_a, 100)
        invoice = self.as_user(
            self.invoicing_user, self.draft_invoice(self.partner_a, 70)
        )
        invoice.action_open_prepayment_picks()
        invoice.preid_pick_ids.filtered(
            lambda pick: pick.prepayment_id == preid_a
        ).amount = 70
        invoice.partner_id = self.partner_b
        self.attempt(invoice.action_post, invoice.name, preid_a.name)
        self.assertEqual(preid_a.usable_balance, 100, "A's prepayment paid B's invoice")
        self.assertFalse(
            invoice.preid_allocation_ids.filtered(
                lambda a: a.partner_id != invoice.commercial_partner_id
            )
        )

    def test_pick_then_currency_changed(self):
        preid = self.receive(self.partner_a, 100)
        invoice = self.as_user(
            self.invoicing_user, self.draft_invoice(self.partner_a, 70)
        )
        invoice.action_open_prepayment_picks()
        invoice.preid_pick_ids.filtered(
            lambda pick: pick.prepayment_id == preid
        ).amount = 30
        invoice.currency_id = self.usd
        self.attempt(invoice.action_post, invoice.name, preid.name)
        self.assertEqual(
            preid.usable_balance, 100, "an EUR PreID was applied to a USD invoice"
        )

    # --------------------------------------- 8. netting and refund rows without a PreID

    def test_refund_row_without_preid_nothing_received(self):
        receipt = self.as_user(
            self.invoicing_user,
            self.make_receipt([{"partner_id": self.partner_a.id, "amount": -40}]),
        )
        self.assertRefused(receipt.action_post, receipt.name)

    def test_refund_row_without_preid_more_than_received(self):
        self.receive(self.partner_a, 25)
        receipt = self.as_user(
            self.invoicing_user,
            self.make_receipt([{"partner_id": self.partner_a.id, "amount": -40}]),
        )
        self.assertRefused(receipt.action_post, receipt.name)

    def test_refund_row_without_preid_takes_fifo(self):
        first = self.receive(self.partner_a, 25)
        second = self.receive(self.partner_a, 30, date="2026-02-03")
        receipt = self.as_user(
            self.invoicing_user,
            self.make_receipt(
                [{"partner_id": self.partner_a.id, "amount": -40}], date="2026-02-10"
            ),
        )
        self.assertIsNone(self.attempt(receipt.action_post, receipt.name))
        self.assertEqual((first.usable_balance, second.usable_balance), (0, 15))

    def test_netting_row_without_preid(self):
        invoice = self.make_invoice(self.partner_a, 50, date="2026-02-05")
        receipt = self.as_user(
            self.invoicing_user,
            self.make_receipt(
                [
                    {
                        "partner_id": self.partner_a.id,
                        "invoice_id": invoice.id,
                        "amount": 50,
                    }
                ],
                journal=self.netting_journal,
                date="2026-02-06",
            ),
        )
        self.assertRefused(receipt.action_post, receipt.name)
        preid = self.receive(self.partner_a, 60)
        self.assertIsNone(self.attempt(receipt.action_post, receipt.name))
        self.assertEqual(preid.usable_balance, 10)

    # ---------------------------------------------------------------- 9. FIFO and dates

    def test_fifo_never_uses_money_before_it_arrives(self):
        """An invoice dated before the prepayment arrived: FIFO does not take it, or the
        application is dated on or after the day the money came."""
        preid = self.receive(self.partner_a, 100, date="2026-02-01")
        invoice = self.as_user(
            self.invoicing_user,
            self.draft_invoice(self.partner_a, 40, date="2026-01-20"),
        )
        self.attempt(invoice.action_post, invoice.name)
        for allocation in invoice.preid_allocation_ids:
            self.assertGreaterEqual(allocation.move_id.date, preid.date)
            self.assertGreaterEqual(allocation.date, preid.date)

    # ------------------------------------------------------------- 10-11. typed amounts

    def test_typed_invoice_amount_kept(self):
        """An EUR receipt paying a USD invoice of 240: 200 EUR are 250 USD at Odoo's
        rate, the bank credited 240 and the accountant typed it; it stays when the date,
        the bank rate or the fee change."""
        invoice = self.make_invoice(
            self.partner_a, 240, currency=self.usd, date="2026-02-02"
        )
        receipt = self.as_user(
            self.accountant,
            self.make_receipt(
                [
                    {
                        "partner_id": self.partner_a.id,
                        "invoice_id": invoice.id,
                        "amount": 200,
                    }
                ]
            ),
        )
        line = receipt.line_ids
        self.assertEqual(line.invoice_amount, 250)
        line.invoice_amount = 240
        receipt.date = "2026-03-02"
        receipt.bank_rate = 1.3
        line.fee_amount = 1
        self.assertEqual(line.invoice_amount, 240)
        self.attempt(receipt.action_post, receipt.name, invoice.name)
        if receipt.state == "posted":
            self.assertEqual(invoice.payment_state, "paid")

    def test_split_keeps_typed_total(self):
        """§9: a 150 row split over invoices of 100 + 50 + 25 keeps 150 in total (or is
        refused)."""
        invoices = [
            self.make_invoice(self.partner_a, amount, date=f"2026-01-2{i}")
            for i, amount in enumerate((100, 50, 25))
        ]
        receipt = self.make_receipt([])
        Line = self.as_user(self.invoicing_user, self.env["account.receipt.line"])

        def split():
            Line.create(
                {
                    "receipt_id": receipt.id,
                    "partner_id": self.partner_a.id,
                    "amount": 150,
                    "invoice_ids": [Command.set([invoice.id for invoice in invoices])],
                }
            )
            self.assertEqual(sum(receipt.line_ids.mapped("amount")), 150)

        self.attempt(split, receipt.name, "150")

    # -------------------------------------------------------------- 12. the refund file

    def _refund_wizard(self, payer_iban):
        """A posted refund of 40 to ``payer_iban`` from a bank journal with a company
        IBAN, and the refund file wizard opened on it by the accountant."""
        if not self.bank_journal.bank_account_id:
            bank = self.env["res.bank"].create({"name": "Swedbank", "bic": "HABALV22"})
            self.bank_journal.bank_account_id = self.env["res.partner.bank"].create(
                {
                    "acc_number": "LV80BANK0000435195001",
                    "partner_id": self.company.partner_id.id,
                    "bank_id": bank.id,
                }
            )
        preid = self.receive(self.partner_a, 100)
        receipt = self.refund(preid, 40, payer_iban=payer_iban, payer_name="Partner A")
        action = self.as_user(self.accountant, receipt).action_open_refund_export()
        return receipt, self.as_user(
            self.accountant, self.env[action["res_model"]].browse(action["res_id"])
        )

    def test_refund_file_bad_iban_refused(self):
        receipt, wizard = self._refund_wizard("LV00UNLA0050014230677")
        self.assertRefused(
            wizard.action_export, "LV00UNLA0050014230677", "LV00 UNLA", receipt.name
        )

    def test_refund_file_exported_twice(self):
        """The same refunds exported again: refused with the receipt named, unless
        *Export Again* is ticked."""
        receipt, wizard = self._refund_wizard("EE382200221020145685")
        self.assertIsNone(self.attempt(wizard.action_export))
        self.assertTrue(receipt.line_ids.refund_exported_at)
        action = self.as_user(self.accountant, receipt).action_open_refund_export()
        again = self.as_user(
            self.accountant, self.env[action["res_model"]].browse(action["res_id"])
        )
        self.assertRefused(again.action_export, receipt.name)
        again.confirm_reexport = True
        self.assertIsNone(self.attempt(again.action_export))

    def test_refund_file_offered_with_positive_total(self):
        """A receipt with a refund line and a positive total offers the refund file."""
        preid = self.receive(self.partner_a, 100)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "amount": -40,
                    "prepayment_id": preid.id,
                },
                {"partner_id": self.partner_b.id, "amount": 300},
            ]
        )
        receipt.action_post()
        self.assertGreater(receipt.amount_total, 0)
        arch = receipt.get_views([(False, "form")])["views"]["form"]["arch"]
        button = arch[arch.find('name="action_open_refund_export"') :].split(">", 1)[0]
        self.assertNotIn("amount_total", button)
        self.assertBooksAgree()

    # --------------------------------------------------------------- 13. second company

    def test_second_company_user(self):
        preid = self.receive(self.partner_a, 100)
        receipt = self.refund(preid, 40, payer_iban="EE382200221020145685")
        action = receipt.action_open_refund_export()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        names = (
            "Refund Payment File",
            "account.prepayment.refund.export",
            wizard.display_name,
        )
        self.assertRefused(
            lambda: self.as_user(self.user_b, wizard).read(["line_ids"]), *names
        )
        self.assertRefused(
            lambda: self.as_user(self.user_b, wizard).write(
                {"schema": "pain.001.001.09"}
            ),
            *names,
        )
        self.assertRefused(
            lambda: self.as_user(self.user_b, wizard).action_export(), *names
        )
        self.assertRefused(
            lambda: self.as_user(self.user_b, receipt).write({"ref": "B was here"}),
            receipt.name,
            "Receipt",
        )
        self.assertRefused(
            lambda: self.as_user(
                self.user_b, self.env["account.prepayment.refund.export"]
            ).create({"line_ids": [Command.set(receipt.line_ids.ids)]}),
            receipt.name,
            "Receipt",
            "Refund Payment File",
        )
