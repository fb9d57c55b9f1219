# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2.errors import UniqueViolation

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestPreidLedger(PreidCommon):
    def test_seed_example(self):
        """Seed §7: PreID receives 1000, 60 applied to an invoice leaves 940, a refund
        of 100 leaves 840."""
        prepayment = self.receive(self.partner_a, 1000, analytic_distribution=False)
        self.assertTrue(prepayment.name.startswith("PRE/2026/"))
        self.assertRecordValues(
            prepayment,
            [
                {
                    "partner_id": self.partner_a.id,
                    "currency_id": self.eur.id,
                    "account_id": self.prepayment_account.id,
                    "amount": 1000,
                    "usable_balance": 1000,
                    "state": "open",
                }
            ],
        )
        invoice = self.post_invoice(self.partner_a, 60)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(prepayment.usable_balance, 940)
        self.assertEqual(prepayment.amount_applied, 60)
        allocation = prepayment.allocation_ids
        self.assertRecordValues(
            allocation,
            [
                {
                    "kind": "invoice",
                    "amount": 60,
                    "invoice_id": invoice.id,
                    "manual": False,
                }
            ],
        )
        self.assertEntry(
            allocation.move_id,
            [
                ("RCPT1", self.partner_a.name, 60.0, 0.0, 60.0, "EUR"),
                (self.receivable.code, self.partner_a.name, 0.0, 60.0, -60.0, "EUR"),
            ],
        )
        # Odoo's payment widget lists the application entry
        widget = invoice.invoice_payments_widget
        self.assertEqual(
            [p["move_id"] for p in widget["content"]], [allocation.move_id.id]
        )
        refund = self.refund(prepayment, 100)
        self.assertEqual(prepayment.usable_balance, 840)
        self.assertEqual(prepayment.amount_refunded, 100)
        self.assertEntry(
            refund.move_id,
            [
                ("RCPT1", self.partner_a.name, 100.0, 0.0, 100.0, "EUR"),
                (self.bank_account.code, "", 0.0, 100.0, -100.0, "EUR"),
            ],
        )
        self.assertEqual(
            self.partner_balance(self.prepayment_account, self.partner_a), -840
        )
        self.assertLedgerAgrees()

    def test_sequence_per_company(self):
        first = self.receive(self.partner_a, 10)
        second = self.receive(self.partner_b, 20)
        self.assertEqual(
            int(second.name.split("/")[-1]), int(first.name.split("/")[-1]) + 1
        )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(UniqueViolation),
            self.cr.savepoint(),
        ):
            # users cannot create PreIDs (only the ledger's methods, as the superuser):
            # the constraint still holds
            self.Prepayment.sudo().create(
                {
                    "name": first.name,
                    "partner_id": self.partner_a.id,
                    "currency_id": self.eur.id,
                    "account_id": self.prepayment_account.id,
                    "amount": 5,
                }
            )

    def test_fifo_three_preids_with_manual_pick(self):
        """Three PreIDs of 100; an invoice of 250 with 80 picked from the middle one:
        FIFO takes the oldest (100) and then the youngest (70); the picked PreID keeps
        its 20."""
        first = self.receive(self.partner_a, 100, date="2026-02-01")
        middle = self.receive(self.partner_a, 100, date="2026-02-02")
        last = self.receive(self.partner_a, 100, date="2026-02-03")
        invoice = self.draft_invoice(self.partner_a, 250)
        invoice.action_open_prepayment_picks()
        self.assertEqual(invoice.preid_pick_ids.prepayment_id, first | middle | last)
        self.assertEqual(invoice.preid_usable_total, 300)
        picks = {pick.prepayment_id: pick for pick in invoice.preid_pick_ids}
        self.assertEqual(
            [picks[p].fifo_amount for p in (first, middle, last)], [100, 100, 50]
        )
        picks[middle].amount = 80
        invoice.invalidate_recordset()
        self.assertEqual(
            [picks[p].fifo_amount for p in (first, middle, last)], [100, 0, 70]
        )
        invoice.action_post()
        self.assertFalse(invoice.preid_pick_ids)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(
            [first.usable_balance, middle.usable_balance, last.usable_balance],
            [0, 20, 30],
        )
        self.assertEqual(
            [first.state, middle.state, last.state], ["used", "open", "open"]
        )
        allocations = invoice.preid_allocation_ids.sorted(lambda a: a.prepayment_id.id)
        self.assertEqual(allocations.mapped("manual"), [False, True, False])
        self.assertEqual(len(allocations.move_id), 1)
        self.assertLedgerAgrees()

    def test_pick_above_balance(self):
        prepayment = self.receive(self.partner_a, 50)
        invoice = self.draft_invoice(self.partner_a, 100)
        invoice.action_open_prepayment_picks()
        with self.assertRaisesRegex(
            ValidationError, rf"{prepayment.name} has a usable balance of .*50"
        ):
            invoice.preid_pick_ids.amount = 60

    def test_allocation_above_balance(self):
        """The allocation constraint (allocations written without :meth:`_allocate`'s
        check, by code running as the superuser: users cannot create allocations)
        refuses to take the PreID below zero, naming the balance before these
        allocations and their amount."""
        prepayment = self.receive(self.partner_a, 50)
        with (
            self.assertRaisesRegex(
                ValidationError,
                rf"{prepayment.name} has a usable balance of .*50.*give .*60",
            ),
            self.cr.savepoint(),
        ):
            self.env["account.prepayment.allocation"].sudo().create(
                [
                    {"prepayment_id": prepayment.id, "amount": 20, "kind": "refund"},
                    {"prepayment_id": prepayment.id, "amount": 40, "kind": "refund"},
                ]
            )
        self.env["account.prepayment.allocation"].sudo().create(
            {"prepayment_id": prepayment.id, "amount": 50, "kind": "refund"}
        )
        self.assertEqual(prepayment.usable_balance, 0)

    def test_fifo_off_and_partial(self):
        self.company.receipt_prepayment_auto_fifo = False
        prepayment = self.receive(self.partner_a, 100)
        invoice = self.post_invoice(self.partner_a, 150)
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(prepayment.usable_balance, 100)
        self.company.receipt_prepayment_auto_fifo = True
        invoice = self.post_invoice(self.partner_a, 150)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(invoice.amount_residual, 50)
        self.assertEqual(prepayment.state, "used")

    def test_credit_note_and_other_customer_untouched(self):
        prepayment = self.receive(self.partner_a, 100)
        self.make_invoice(self.partner_a, 30, move_type="out_refund", date="2026-02-15")
        self.post_invoice(self.partner_b, 30)
        self.post_invoice(self.partner_a, 30, currency=self.usd)
        self.assertEqual(prepayment.usable_balance, 100)

    def test_invoice_reset_and_cancel_restore(self):
        prepayment = self.receive(self.partner_a, 100)
        invoice = self.post_invoice(self.partner_a, 60)
        move = invoice.preid_allocation_ids.move_id
        invoice.button_draft()
        self.assertEqual(prepayment.usable_balance, 100)
        self.assertFalse(move.exists())
        self.assertFalse(invoice.preid_allocation_ids)
        invoice.action_post()
        self.assertEqual(prepayment.usable_balance, 40)
        self.assertEqual(invoice.payment_state, "paid")
        invoice.button_cancel()
        self.assertEqual(invoice.state, "cancel")
        self.assertEqual(prepayment.usable_balance, 100)
        self.assertLedgerAgrees()

    def test_invoice_reset_with_audit_trail_cancels_application(self):
        self.company.check_account_audit_trail = True
        prepayment = self.receive(self.partner_a, 100)
        invoice = self.post_invoice(self.partner_a, 60)
        move = invoice.preid_allocation_ids.move_id
        invoice.button_draft()
        self.assertTrue(move.exists())
        self.assertEqual(move.state, "cancel")
        self.assertFalse(invoice.preid_allocation_ids)
        self.assertEqual(prepayment.usable_balance, 100)
        self.assertLedgerAgrees()

    def test_application_cannot_be_unmatched_by_hand(self):
        """Unmatching the application entry from the invoice (the payment widget's
        Unreconcile, or resetting the application entry itself) is refused: the PreID
        would stay used on an open invoice."""
        prepayment = self.receive(self.partner_a, 100)
        invoice = self.post_invoice(self.partner_a, 60)
        application = invoice.preid_allocation_ids.move_id
        partials = invoice.line_ids.matched_credit_ids
        self.assertEqual(partials.credit_move_id.move_id, application)
        message = (
            rf"{application.name}.*{prepayment.name}.*{invoice.name}.*Reset the "
            rf"invoice to draft"
        )
        with self.assertRaisesRegex(UserError, message):
            invoice.js_remove_outstanding_partial(partials.id)
        with self.assertRaisesRegex(UserError, message):
            application.button_draft()
        with self.assertRaisesRegex(UserError, message):
            invoice.line_ids.remove_move_reconcile()
        self.assertEqual((invoice.payment_state, application.state), ("paid", "posted"))
        self.assertEqual(prepayment.usable_balance, 40)
        # an ordinary payment matched with another invoice can still be unmatched
        other = self.make_invoice(self.partner_b, 50)
        self.make_receipt(
            [{"partner_id": self.partner_b.id, "invoice_id": other.id, "amount": 50}]
        ).action_post()
        other.line_ids.remove_move_reconcile()
        self.assertEqual(other.payment_state, "not_paid")
        self.assertLedgerAgrees()

    def test_receipt_reset(self):
        prepayment = self.receive(self.partner_a, 100)
        receipt = prepayment.receipt_id
        invoice = self.post_invoice(self.partner_a, 30)
        with self.assertRaisesRegex(UserError, rf"{prepayment.name}.*{invoice.name}"):
            receipt.action_draft()
        invoice.button_draft()
        receipt.action_draft()
        self.assertFalse(prepayment.exists())
        self.assertFalse(receipt.line_ids.created_prepayment_id)
        receipt.action_post()
        self.assertEqual(receipt.line_ids.created_prepayment_id.usable_balance, 100)
        self.assertLedgerAgrees()

    def test_refund_and_netting(self):
        prepayment = self.receive(
            self.partner_a,
            100,
            analytic_distribution={str(self.analytic_account.id): 100},
        )
        with self.assertRaisesRegex(
            ValidationError, rf"{prepayment.name} has a usable balance of .*100"
        ):
            self.refund(prepayment, 120)
        self.assertFalse(prepayment.allocation_ids)
        self.company.receipt_prepayment_auto_fifo = False
        invoice = self.make_invoice(self.partner_a, 70, date="2026-02-15")
        netting = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 70,
                    "prepayment_id": prepayment.id,
                }
            ],
            journal=self.netting_journal,
            date="2026-02-20",
        )
        netting.action_post()
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(prepayment.usable_balance, 30)
        self.assertRecordValues(
            prepayment.allocation_ids,
            [{"kind": "netting", "invoice_id": invoice.id, "amount": 70}],
        )
        debit = netting.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.prepayment_account
        )
        self.assertEqual(
            debit.analytic_distribution, {str(self.analytic_account.id): 100}
        )
        refund = self.refund(prepayment, 30)
        self.assertEqual(prepayment.state, "used")
        self.assertLedgerAgrees()
        refund.action_draft()
        self.assertEqual(prepayment.usable_balance, 30)
        netting.action_draft()
        self.assertEqual(prepayment.usable_balance, 100)
        self.assertLedgerAgrees()

    def test_preid_line_checks(self):
        prepayment = self.receive(self.partner_a, 100)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_b.id,
                    "amount": -10,
                    "prepayment_id": prepayment.id,
                }
            ]
        )
        with self.assertRaisesRegex(UserError, "is not a prepayment of"):
            receipt.action_post()
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "amount": -10,
                    "prepayment_id": prepayment.id,
                }
            ],
            journal=self.usd_journal,
        )
        with self.assertRaisesRegex(UserError, "is in EUR"):
            receipt.action_post()

    def test_analytic_rules(self):
        plan_account = self.analytic_account
        other = self.env["account.analytic.account"].create(
            {"name": "Other", "plan_id": plan_account.plan_id.id}
        )
        with_analytic = self.receive(
            self.partner_a, 10, analytic_distribution={str(plan_account.id): 100}
        )
        without = self.receive(self.partner_a, 10, date="2026-02-02")
        invoice = self.draft_invoice(self.partner_a, 20)
        invoice.invoice_line_ids.analytic_distribution = {str(other.id): 100}
        invoice.action_post()
        move = invoice.preid_allocation_ids.move_id
        debits = move.line_ids.filtered(
            lambda aml: aml.account_id == self.prepayment_account
        ).sorted("id")
        self.assertEqual(
            debits.mapped("analytic_distribution"),
            [{str(plan_account.id): 100}, {str(other.id): 100}],
        )
        self.assertEqual(without.state, "used")
        self.assertEqual(with_analytic.state, "used")
        self.company.receipt_prepayment_analytic_from_partner = True
        self.env["account.analytic.distribution.model"].create(
            {
                "partner_id": self.partner_a.id,
                "analytic_distribution": {str(other.id): 100},
            }
        )
        self.receive(
            self.partner_a,
            10,
            analytic_distribution={str(plan_account.id): 100},
            date="2026-02-03",
        )
        invoice = self.post_invoice(self.partner_a, 10)
        debit = invoice.preid_allocation_ids.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.prepayment_account
        )
        self.assertEqual(debit.analytic_distribution, {str(other.id): 100})

    def test_partner_smart_button_and_list(self):
        self.receive(self.partner_a, 100)
        self.receive(self.partner_a, 55, journal=self.usd_journal)
        partner = self.partner_a.with_company(self.company)
        # 55 USD at today's rate (1.00 since March) is 55 EUR
        self.assertAlmostEqual(partner.preid_usable_total, 155.0)
        self.assertEqual(partner.preid_count, 2)
        action = partner.action_open_prepayments()
        self.assertEqual(
            self.Prepayment.search(action["domain"]).mapped("amount"), [100, 55]
        )

    def test_netting_without_preid_takes_fifo(self):
        self.company.receipt_prepayment_auto_fifo = False
        first = self.receive(self.partner_a, 50, date="2026-02-01")
        second = self.receive(self.partner_a, 40, date="2026-02-02")
        invoice = self.make_invoice(self.partner_a, 70, date="2026-02-15")
        netting = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 70}],
            journal=self.netting_journal,
            date="2026-02-20",
        )
        netting.action_post()
        self.assertEqual([first.usable_balance, second.usable_balance], [0, 20])
        self.assertEqual(netting.line_ids.mapped("kind"), ["netting"])
        self.assertLedgerAgrees()
        netting.action_draft()
        self.assertEqual([first.usable_balance, second.usable_balance], [50, 40])

    def test_refund_without_preid_takes_fifo(self):
        """A refund line naming no PreID pays back the customer's oldest PreIDs first,
        so the ledger agrees with the prepayment account; its entry is Dr prepayment /
        Cr bank like a refund naming a PreID."""
        first = self.receive(self.partner_a, 50, date="2026-02-01")
        second = self.receive(self.partner_a, 40, date="2026-02-02")
        other = self.receive(self.partner_b, 30, date="2026-02-01")
        refund = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": -70}], date="2026-02-20"
        )
        refund.action_post()
        self.assertEqual(refund.line_ids.kind, "refund")
        self.assertEqual(
            [first.usable_balance, second.usable_balance, other.usable_balance],
            [0, 20, 30],
        )
        self.assertEqual(
            self.env["account.prepayment.allocation"]
            .search([("receipt_line_id", "=", refund.line_ids.id)], order="id")
            .mapped(lambda a: (a.prepayment_id, a.amount, a.kind, a.manual)),
            [(first, 50, "refund", False), (second, 20, "refund", False)],
        )
        self.assertEqual(
            refund.move_id.line_ids.sorted("debit").mapped(
                lambda aml: (
                    aml.account_id,
                    aml.partner_id,
                    aml.debit,
                    aml.credit,
                    aml.currency_id,
                )
            ),
            [
                (self.bank_account, self.env["res.partner"], 0, 70, self.eur),
                (self.prepayment_account, self.partner_a, 70, 0, self.eur),
            ],
        )
        self.assertLedgerAgrees()
        refund.action_draft()
        self.assertEqual([first.usable_balance, second.usable_balance], [50, 40])
        self.assertLedgerAgrees()

    def test_batch_posting_shares_balance(self):
        """Two invoices posted in one call take FIFO in turn: the second gets only what
        the first left."""
        prepayment = self.receive(self.partner_a, 100)
        invoices = self.draft_invoice(self.partner_a, 70) | self.draft_invoice(
            self.partner_a, 70
        )
        invoices.action_post()
        self.assertEqual(invoices.mapped("amount_residual"), [0, 40])
        self.assertEqual(prepayment.usable_balance, 0)
        self.assertLedgerAgrees()

    def test_picks_above_invoice_amount(self):
        first = self.receive(self.partner_a, 100)
        second = self.receive(self.partner_a, 100, date="2026-02-02")
        invoice = self.draft_invoice(self.partner_a, 150)
        invoice.action_open_prepayment_picks()
        invoice.preid_pick_ids.amount = 80
        with self.assertRaisesRegex(UserError, "apply more than its open amount"):
            invoice.action_post()
        self.assertEqual(first.usable_balance + second.usable_balance, 200)
