# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The receipt owns its journal entry and the invoice its PreID application entry:
Odoo's own buttons on the entry and ORM calls as RPC would make them are refused, as the
Invoicing user and as the accountant; the receipt's and the invoice's own Reset to Draft
/ Cancel keep working."""

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestReceiptEntryOwner(PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_users("owner")
        cls.accountant = cls.make_company_user(
            "owner_accountant", "base.group_user,account.group_account_user"
        )
        cls.other_account = cls.env["account.account"].create(
            {
                "name": "Other liabilities",
                "code": "RCPT9",
                "account_type": "liability_current",
                "reconcile": True,
            }
        )

    # ------------------------------------------------------------------ helpers

    def _posted_receipt(self, prepayment=True):
        """A posted receipt paying an invoice of 100 and (``prepayment``) receiving a
        prepayment of 40 (one PreID)."""
        invoice = self.make_invoice(self.partner_a, 100)
        lines = [
            {"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 100}
        ]
        if prepayment:
            lines.append({"partner_id": self.partner_a.id, "amount": 40})
        receipt = self.make_receipt(lines)
        receipt.action_post()
        return receipt, invoice

    def _reverse_with_wizard(self, move, user):
        """Odoo's *Reverse* button on the journal entry: the ``account.move.reversal``
        wizard."""
        wizard = (
            self.env["account.move.reversal"]
            .with_user(user)
            .with_context(active_model="account.move", active_ids=move.ids)
            .create(
                {
                    "journal_id": move.journal_id.id,
                    "date": fields.Date.to_date("2026-02-20"),
                }
            )
        )
        return wizard.reverse_moves()

    def _assert_entry_attempts_refused(self, move, user, owner_pattern):
        """Every way at the entry itself, as ``user``: each refused with a message
        matching ``owner_pattern``."""
        entry = move.with_user(user)
        line = entry.line_ids.sorted("id")[0]
        attempts = {
            "button_draft": entry.button_draft,
            "button_cancel": entry.button_cancel,
            "unlink": entry.unlink,
            "reversal wizard": lambda: self._reverse_with_wizard(move, user),
            "_reverse_moves": lambda: entry._reverse_moves(cancel=True),
            "write state": lambda: entry.write({"state": "draft"}),
            "write date": lambda: entry.with_context(skip_readonly_check=True).write(
                {"date": "2026-03-05"}
            ),
            "write journal": lambda: entry.write(
                {"journal_id": self.company_data["default_journal_misc"].id}
            ),
            "write line balance through entry": lambda: entry.with_context(
                skip_readonly_check=True
            ).write(
                {"line_ids": [Command.update(line.id, {"balance": line.balance + 1})]}
            ),
            "line account": lambda: line.write({"account_id": self.other_account.id}),
            "line partner": lambda: line.write({"partner_id": self.partner_b.id}),
            "line amount": lambda: line.write(
                {"amount_currency": line.amount_currency * 2}
            ),
            "line unlink": lambda: line.with_context(force_delete=True).unlink(),
            "line create": lambda: (
                self.env["account.move.line"]
                .with_user(user)
                .create(
                    [
                        {
                            "move_id": move.id,
                            "account_id": self.other_account.id,
                            "balance": 5,
                            "name": "x",
                        },
                        {
                            "move_id": move.id,
                            "account_id": self.other_account.id,
                            "balance": -5,
                            "name": "x",
                        },
                    ]
                )
            ),
            # a context key sent over RPC is a list, never the server's own release
            # value
            "forged context": lambda: entry.with_context(
                account_receipt_preid_release_entries=move.ids
            ).button_draft(),
        }
        for name, attempt in attempts.items():
            with (
                self.subTest(attempt=name, user=user.login),
                self.assertRaisesRegex(UserError, owner_pattern),
            ):
                with self.env.cr.savepoint():
                    attempt()
        self.assertEqual(move.state, "posted")

    def _assert_receipt_agrees_with_entry(self, receipt):
        move = receipt.move_id
        self.assertEqual(receipt.state, "posted")
        self.assertEqual(move.state, "posted")
        self.assertEqual(
            (move.date, move.journal_id, move.currency_id),
            (receipt.date, receipt.journal_id, receipt.currency_id),
        )
        money = move.line_ids.filtered(lambda aml: aml.account_id == self.bank_account)
        self.assertEqual(sum(money.mapped("balance")), receipt.amount_total_company)

    # -------------------------------------------------------------- the receipt's entry

    def test_receipt_entry_refused_from_entry_and_orm(self):
        receipt, invoice = self._posted_receipt()
        move = receipt.move_id
        prepayment = receipt.line_ids.created_prepayment_id
        for user in (self.invoicing_user, self.accountant):
            self._assert_entry_attempts_refused(
                move, user, f"{receipt.name}.*Reset to Draft or Cancel"
            )
        self._assert_receipt_agrees_with_entry(receipt)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(prepayment.usable_balance, 40)
        self.assertLedgerAgrees()
        # the receipt's own Reset to Draft still removes the entry and its
        # reconciliations
        receipt.with_user(self.invoicing_user).action_draft()
        self.assertFalse(move.exists())
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertFalse(prepayment.exists())
        self.assertLedgerAgrees()
        receipt.action_post()
        self._assert_receipt_agrees_with_entry(receipt)
        receipt.with_user(self.accountant).action_cancel()
        self.assertEqual(receipt.state, "cancel")
        self.assertFalse(receipt.move_id)
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertLedgerAgrees()

    def test_receipt_reset_with_audit_trail_still_works(self):
        """With Odoo's audit trail on, the receipt's own reset cancels its entry (the
        trail keeps it) — the guard does not stand in the owner's way."""
        self.company.check_account_audit_trail = True
        receipt, invoice = self._posted_receipt()
        move = receipt.move_id
        receipt.action_draft()
        self.assertEqual(move.state, "cancel")
        self.assertEqual(receipt.state, "draft")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertLedgerAgrees()

    # -------------------------------------------- the invoice's PreID application entry

    def test_application_entry_refused_from_entry(self):
        prepayment = self.receive(self.partner_a, 100)
        invoice = self.post_invoice(self.partner_a, 60)
        application = prepayment.allocation_ids.move_id
        self.assertTrue(application)
        for user in (self.invoicing_user, self.accountant):
            self._assert_entry_attempts_refused(
                application,
                user,
                rf"{application.name}.*{prepayment.name}.*{invoice.name}.*Reset the "
                rf"invoice to draft",
            )
        self.assertEqual(prepayment.usable_balance, 40)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertLedgerAgrees()
        # the invoice's own Reset to Draft releases the PreID and removes the entry
        invoice.with_user(self.accountant).button_draft()
        self.assertFalse(application.exists())
        self.assertEqual(prepayment.usable_balance, 100)
        self.assertLedgerAgrees()

    # ------------------------------------------------ posted receipt over the ORM (RPC)

    def test_posted_receipt_immutable_over_orm(self):
        receipt, _invoice = self._posted_receipt()
        move = receipt.move_id
        other_move = self.make_invoice(self.partner_b, 10)
        Receipt = self.env["account.receipt"].with_user(self.invoicing_user)
        mine = Receipt.browse(receipt.id)
        line = mine.line_ids[0]
        attempts = {
            "state": ({"state": "draft"}, "state and the journal entry of receipt"),
            "move_id": (
                {"move_id": other_move.id},
                "state and the journal entry of receipt",
            ),
            "no entry": ({"move_id": False}, "state and the journal entry of receipt"),
            "date": ({"date": "2026-03-01"}, "is posted: Date cannot be changed"),
            "journal": (
                {"journal_id": self.usd_journal.id},
                "is posted: Payment Mode cannot be changed",
            ),
            "currency": (
                {"currency_id": self.usd.id},
                "is posted: Currency cannot be changed",
            ),
            "bank rate": ({"bank_rate": 2.5}, "is posted: Bank Rate cannot be changed"),
            "add line": (
                {
                    "line_ids": [
                        Command.create({"partner_id": self.partner_a.id, "amount": 500})
                    ]
                },
                "is posted: Lines cannot be changed",
            ),
            "forged context": (
                {"state": "draft"},
                "state and the journal entry of receipt",
            ),
        }
        for name, (vals, message) in attempts.items():
            target = (
                mine.with_context(account_receipt_preid_release_receipts=[receipt.id])
                if "forged" in name
                else mine
            )
            pattern = (
                f"state and the journal entry of receipt {receipt.name}"
                if message.startswith("state")
                else f"Receipt {receipt.name} {message}"
            )
            with self.subTest(field=name), self.assertRaisesRegex(UserError, pattern):
                with self.env.cr.savepoint():
                    target.write(vals)
        line_attempts = {
            "line create": lambda: (
                self.env["account.receipt.line"]
                .with_user(self.invoicing_user)
                .create(
                    {
                        "receipt_id": receipt.id,
                        "partner_id": self.partner_a.id,
                        "amount": 500,
                    }
                )
            ),
            "line amount": lambda: line.write({"amount": 600}),
            "line moved into the receipt": lambda: (
                self.make_receipt([{"partner_id": self.partner_a.id, "amount": 1}])
                .line_ids.with_user(self.invoicing_user)
                .write({"receipt_id": receipt.id})
            ),
            "line unlink": lambda: line.unlink(),
        }
        for name, attempt in line_attempts.items():
            with (
                self.subTest(line=name),
                self.assertRaisesRegex(UserError, receipt.name),
            ):
                with self.env.cr.savepoint():
                    attempt()
        self.assertRecordValues(
            receipt,
            [
                {
                    "state": "posted",
                    "move_id": move.id,
                    "amount_total": 140,
                    "date": fields.Date.to_date("2026-02-01"),
                }
            ],
        )
        self.assertEqual(len(receipt.line_ids), 2)
        self._assert_receipt_agrees_with_entry(receipt)
        self.assertEqual(len(receipt.line_ids.created_prepayment_id), 1)
        self.assertLedgerAgrees()

    def test_draft_receipt_cannot_be_posted_by_write_or_create(self):
        receipt = self.make_receipt([{"partner_id": self.partner_a.id, "amount": 25}])
        Receipt = self.env["account.receipt"].with_user(self.invoicing_user)
        with self.assertRaisesRegex(
            UserError, f"state and the journal entry of receipt {receipt.name}"
        ):
            Receipt.browse(receipt.id).write({"state": "posted"})
        with self.assertRaisesRegex(UserError, "created as a draft"):
            Receipt.create({"journal_id": self.bank_journal.id, "state": "posted"})
        other = self.make_invoice(self.partner_a, 10)
        with self.assertRaisesRegex(UserError, "created as a draft"):
            Receipt.create({"journal_id": self.bank_journal.id, "move_id": other.id})
        # a draft receipt's own fields stay editable
        Receipt.browse(receipt.id).write(
            {"date": "2026-02-03", "bank_rate": 0.0, "ref": "statement 4"}
        )
        self.assertEqual(receipt.state, "draft")
        receipt.with_user(self.invoicing_user).action_post()
        self._assert_receipt_agrees_with_entry(receipt)
        self.assertEqual(receipt.move_id.date, fields.Date.to_date("2026-02-03"))
        # a note that is not posted may still change on a posted receipt
        receipt.with_user(self.invoicing_user).comment = "checked"

    # ---------------------------------------------------- the invoice paid by a receipt

    def test_invoice_paid_by_receipt_reset_like_a_payment(self):
        """As for an invoice paid by an Odoo payment, the accountant may reset the
        invoice: the matching with the receipt's entry is undone, the receipt and its
        entry stay posted and unchanged, and the entry's receivable credit stays open on
        the customer (an outstanding credit Odoo offers again on the invoice)."""
        receipt, invoice = self._posted_receipt(prepayment=False)
        move = receipt.move_id
        before = self.entry_lines(move)
        invoice.with_user(self.accountant).button_draft()
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(self.entry_lines(move), before)
        self._assert_receipt_agrees_with_entry(receipt)
        receivable = move.line_ids.filtered(
            lambda aml: aml.account_id == self.receivable
        )
        self.assertEqual(receivable.amount_residual, -100)
        self.assertEqual(self.partner_balance(self.receivable, self.partner_a), -100)
        self.assertLedgerAgrees()
        invoice.action_post()
        self.assertEqual(invoice.payment_state, "not_paid")
        outstanding = invoice.invoice_outstanding_credits_debits_widget
        self.assertIn(
            receivable.id, [credit["id"] for credit in outstanding["content"]]
        )
        invoice.js_assign_outstanding_line(receivable.id)
        self.assertEqual(invoice.payment_state, "paid")
        # the receipt can still be reset afterwards
        receipt.action_draft()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertLedgerAgrees()
