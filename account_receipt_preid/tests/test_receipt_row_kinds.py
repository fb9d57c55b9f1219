# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestReceiptRowKinds(PreidCommon):
    """Issue 15.3: every row kind (invoice, credit note, prepayment, netting, refund,
    fee) and sign, on bank, cash and netting journals, moves the PreID ledger exactly as
    it moves the prepayment account: the entry's items (account, partner, debit, credit,
    amount in currency, currency) and the PreID balances are asserted, and the rows that
    would make them disagree are refused with a message."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.receipt_aggregation = "none"
        cls.company.receipt_prepayment_auto_fifo = False
        cls.cash_journal = cls.company_data["default_journal_cash"]
        cls.prep = cls.prepayment_account.code
        cls.recv = cls.receivable.code
        cls.fee = cls.fee_account.code

    def money_journals(self):
        return (
            (self.bank_journal, self.bank_account.code),
            (self.cash_journal, self.cash_journal.default_account_id.code),
        )

    def assertPreidBalances(self, prepayments, expected):
        self.assertEqual([p.usable_balance for p in prepayments], expected)

    def assertPostRefused(self, receipt, pattern):
        with self.assertRaisesRegex(UserError, pattern):
            receipt.action_post()
        self.assertEqual(receipt.state, "draft")
        self.assertFalse(receipt.move_id)

    # ----------------------------------------------------------- bank and cash journals

    def test_prepayment_with_fee_on_bank_and_cash(self):
        """Prepayment (fee withheld): Dr money 98, Dr fee 2 / Cr prepayment 100; a PreID
        of 100 is born."""
        for journal, money in self.money_journals():
            with self.subTest(journal=journal.name):
                receipt = self.make_receipt(
                    [{"partner_id": self.partner_a.id, "amount": 98, "fee_amount": 2}],
                    journal=journal,
                )
                receipt.action_post()
                self.assertEntry(
                    receipt.move_id,
                    [
                        (money, "", 98, 0, 98, "EUR"),
                        (self.fee, "", 2, 0, 2, "EUR"),
                        (self.prep, "partner_a", 0, 100, -100, "EUR"),
                    ],
                )
                preid = receipt.line_ids.created_prepayment_id
                self.assertRecordValues(
                    preid,
                    [
                        {
                            "amount": 100,
                            "usable_balance": 100,
                            "amount_company_currency": 100,
                        }
                    ],
                )
                self.assertLedgerAgrees()

    def test_fee_only_prepayment_row_gets_a_preid(self):
        """A row without invoice whose money was all withheld as a fee (amount 0, fee 5)
        still credits the prepayment account with 5: a PreID of 5 is born, so ledger and
        account agree."""
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": 0, "fee_amount": 5}]
        )
        receipt.action_post()
        self.assertEntry(
            receipt.move_id,
            [
                (self.fee, "", 5, 0, 5, "EUR"),
                (self.prep, "partner_a", 0, 5, -5, "EUR"),
                (self.bank_account.code, "", 0, 0, 0, "EUR"),
            ],
        )
        self.assertEqual(receipt.line_ids.created_prepayment_id.amount, 5)
        self.assertLedgerAgrees()

    def test_refund_with_fee_without_preid_takes_fifo_on_bank_and_cash(self):
        """Refund of 40 with a bank charge of 1: Dr prepayment 39, Dr fee 1 / Cr money
        40; the PreIDs give 39, oldest first."""
        for journal, money in self.money_journals():
            with self.subTest(journal=journal.name):
                first = self.receive(self.partner_a, 30, date="2026-02-01")
                second = self.receive(self.partner_a, 30, date="2026-02-02")
                receipt = self.make_receipt(
                    [{"partner_id": self.partner_a.id, "amount": -40, "fee_amount": 1}],
                    journal=journal,
                    date="2026-02-10",
                )
                receipt.action_post()
                self.assertEqual(receipt.line_ids.kind, "refund")
                self.assertEntry(
                    receipt.move_id,
                    [
                        (money, "", 0, 40, -40, "EUR"),
                        (self.fee, "", 1, 0, 1, "EUR"),
                        (self.prep, "partner_a", 39, 0, 39, "EUR"),
                    ],
                )
                self.assertPreidBalances(first | second, [0, 21])
                self.assertLedgerAgrees()
                receipt.action_draft()
                self.assertPreidBalances(first | second, [30, 30])
                (first | second).receipt_id.action_draft()

    def test_refund_fee_not_below_amount_refused(self):
        self.receive(self.partner_a, 30)
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": -2, "fee_amount": 2}],
            date="2026-02-10",
        )
        self.assertPostRefused(
            receipt,
            r"Line 1 of receipt .* \(partner_a\) pays money back: its fee must be "
            r"smaller",
        )

    def test_invoice_and_credit_note_rows_leave_the_ledger_alone(self):
        """Invoice receipt (Dr money / Cr receivable) and credit-note refund (Dr
        receivable / Cr money): the prepayment account and the PreIDs do not move."""
        preid = self.receive(self.partner_a, 50)
        invoice = self.make_invoice(self.partner_a, 100)
        credit_note = self.make_invoice(self.partner_a, 30, move_type="out_refund")
        for journal, money in self.money_journals():
            with self.subTest(journal=journal.name):
                receipt = self.make_receipt(
                    [
                        {
                            "partner_id": self.partner_a.id,
                            "invoice_id": invoice.id,
                            "amount": 60,
                        },
                        {
                            "partner_id": self.partner_a.id,
                            "invoice_id": credit_note.id,
                            "amount": -10,
                        },
                    ],
                    journal=journal,
                    date="2026-02-10",
                )
                receipt.action_post()
                self.assertEqual(
                    receipt.line_ids.mapped("kind"), ["invoice", "credit_note_refund"]
                )
                self.assertEntry(
                    receipt.move_id,
                    [
                        (money, "", 60, 0, 60, "EUR"),
                        (money, "", 0, 10, -10, "EUR"),
                        (self.recv, "partner_a", 0, 60, -60, "EUR"),
                        (self.recv, "partner_a", 10, 0, 10, "EUR"),
                    ],
                )
                self.assertEqual(preid.usable_balance, 50)
                self.assertLedgerAgrees()
                receipt.action_draft()

    # ------------------------------------------------------------------ netting journal

    def test_netting_invoice_named_preid(self):
        """Netting an invoice with a named PreID: Dr prepayment 70 / Cr receivable 70;
        the PreID gives 70."""
        preid = self.receive(self.partner_a, 100)
        invoice = self.make_invoice(self.partner_a, 70, date="2026-02-15")
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 70,
                    "prepayment_id": preid.id,
                }
            ],
            journal=self.netting_journal,
            date="2026-02-20",
        )
        receipt.action_post()
        self.assertEntry(
            receipt.move_id,
            [
                (self.prep, "partner_a", 70, 0, 70, "EUR"),
                (self.recv, "partner_a", 0, 70, -70, "EUR"),
            ],
        )
        self.assertEqual(preid.usable_balance, 30)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertLedgerAgrees()

    def test_netting_credit_note_becomes_a_preid(self):
        """The issue's case: PreID 100, then a netting row with a credit note of 30
        (negative amount). The entry credits the prepayment account with 30 (Dr
        receivable 30 / Cr prepayment 30), so a PreID of 30 is born and the old one
        keeps 100: ledger 130, books 130 (before the fix: the PreID was reduced, ledger
        70)."""
        preid = self.receive(self.partner_a, 100)
        credit_note = self.make_invoice(
            self.partner_a, 30, move_type="out_refund", date="2026-02-15"
        )
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": credit_note.id,
                    "amount": -30,
                }
            ],
            journal=self.netting_journal,
            date="2026-02-20",
        )
        receipt.action_post()
        self.assertEqual(receipt.line_ids.kind, "netting")
        self.assertEntry(
            receipt.move_id,
            [
                (self.prep, "partner_a", 0, 30, -30, "EUR"),
                (self.recv, "partner_a", 30, 0, 30, "EUR"),
            ],
        )
        self.assertEqual(credit_note.payment_state, "paid")
        born = receipt.line_ids.created_prepayment_id
        self.assertRecordValues(
            born,
            [
                {
                    "amount": 30,
                    "usable_balance": 30,
                    "partner_id": self.partner_a.id,
                    "account_id": self.prepayment_account.id,
                }
            ],
        )
        self.assertEqual(preid.usable_balance, 100)
        self.assertFalse(preid.allocation_ids)
        self.assertEqual(
            -self.partner_balance(self.prepayment_account, self.partner_a), 130
        )
        self.assertLedgerAgrees()
        # the new PreID pays an invoice like any other
        invoice = self.post_invoice(
            self.partner_a, 30, date="2026-02-25", picks={born: 30}
        )
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(born.usable_balance, 0)
        self.assertLedgerAgrees()

    def test_netting_credit_note_cannot_consume_a_preid(self):
        preid = self.receive(self.partner_a, 100)
        credit_note = self.make_invoice(
            self.partner_a, 30, move_type="out_refund", date="2026-02-15"
        )
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": credit_note.id,
                    "amount": -30,
                    "prepayment_id": preid.id,
                }
            ],
            journal=self.netting_journal,
            date="2026-02-20",
        )
        self.assertPostRefused(
            receipt,
            rf"nets credit note {credit_note.name}: it turns the credit note into a "
            rf"new PreID and cannot consume PreID {preid.name}",
        )

    def test_netting_with_fee_refused(self):
        self.receive(self.partner_a, 100)
        invoice = self.make_invoice(self.partner_a, 70, date="2026-02-15")
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 68,
                    "fee_amount": 2,
                }
            ],
            journal=self.netting_journal,
            date="2026-02-20",
        )
        self.assertPostRefused(
            receipt, r"is a netting line: no money moves, so it cannot carry a fee"
        )

    # ------------------------------------------------- coverage of rows naming no PreID

    def test_refund_and_netting_without_preid_not_covered_refused(self):
        """No balance, no refund: money never received cannot be paid back, nor
        netted."""
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": -40}], date="2026-02-10"
        )
        self.assertPostRefused(
            receipt,
            r"Line 1 of receipt .* \(partner_a\) takes .*40\.00\W*from the customer's "
            r"prepayments on .*RCPT1.*, but they cover only .*0\.00\W*\(usable PreIDs "
            r"received by 2026-02-10: .*0\.00\W*; prepayment account balance: "
            r".*0\.00\W*\)",
        )
        preid = self.receive(self.partner_a, 25)
        invoice = self.make_invoice(self.partner_a, 40, date="2026-02-15")
        netting = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 40}],
            journal=self.netting_journal,
            date="2026-02-20",
        )
        self.assertPostRefused(
            netting,
            r"takes .*40\.00\W*from the customer's prepayments .* cover only .*25\.00",
        )
        self.assertEqual(preid.usable_balance, 25)
        self.assertEqual(invoice.payment_state, "not_paid")

    def test_lines_of_one_customer_count_together(self):
        """Two refund rows of 30 against PreIDs of 50: the second is refused (it would
        take what the first took)."""
        self.receive(self.partner_a, 50)
        receipt = self.make_receipt(
            [
                {"partner_id": self.partner_a.id, "amount": -30},
                {"partner_id": self.partner_a.id, "amount": -30},
            ],
            date="2026-02-10",
        )
        self.assertPostRefused(
            receipt, r"Line 2 of receipt .* takes .*30\.00\W*.* cover only .*20\.00"
        )
        receipt.line_ids[1].amount = -20
        receipt.action_post()
        self.assertLedgerAgrees()

    def test_fifo_skips_preids_received_after_the_receipt(self):
        """A refund dated 5 February cannot pay back a PreID received on 8 February (the
        account would be in debit in between); naming it is refused too."""
        early = self.receive(self.partner_a, 10, date="2026-02-01")
        late = self.receive(self.partner_a, 100, date="2026-02-08")
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": -50}], date="2026-02-05"
        )
        self.assertPostRefused(
            receipt,
            r"cover only .*10\.00\W*\(usable PreIDs received by 2026-02-05: .*10\.00",
        )
        named = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "amount": -50,
                    "prepayment_id": late.id,
                }
            ],
            date="2026-02-05",
        )
        self.assertPostRefused(
            named,
            rf"PreID {late.name} was received on 2026-02-08, after the receipt's date "
            rf"2026-02-05",
        )
        receipt.date = "2026-02-09"
        receipt.action_post()
        self.assertPreidBalances(early | late, [0, 60])
        self.assertLedgerAgrees()

    def test_named_preid_on_another_account_refused(self):
        preid = self.receive(self.partner_a, 50)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "amount": -10,
                    "prepayment_id": preid.id,
                    "account_id": self.prepayment_account_2.id,
                }
            ],
            date="2026-02-10",
        )
        self.assertPostRefused(
            receipt,
            rf"PreID {preid.name} is on account .*RCPT1.*, the line names .*RCPT2",
        )

    # --------------------------------------------- outside the ledger (company setting)

    def _opening_balance(self, amount):
        """A prepayment booked before the module: Cr prepayment account for partner_a
        without any PreID."""
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "date": "2026-01-01",
                "journal_id": self.company_data["default_journal_misc"].id,
                "line_ids": [
                    Command.create(
                        {"account_id": self.bank_account.id, "debit": amount}
                    ),
                    Command.create(
                        {
                            "account_id": self.prepayment_account.id,
                            "partner_id": self.partner_a.id,
                            "credit": amount,
                        }
                    ),
                ],
            }
        )
        move.action_post()
        return move

    def test_outside_the_ledger_is_off_by_default(self):
        self.assertFalse(
            self.env["res.company"]
            .default_get(["receipt_prepayment_outside_ledger"])
            .get("receipt_prepayment_outside_ledger")
        )
        self._opening_balance(50)
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": -50}], date="2026-02-10"
        )
        self.assertPostRefused(
            receipt,
            r"cover only .*0\.00\W*\(usable PreIDs received by 2026-02-10: "
            r".*0\.00\W*; prepayment account balance: .*50\.00\W*\)\.\nThe part of "
            r"the account balance without a PreID .* Prepayments Outside the PreID "
            r"Ledger",
        )

    def test_outside_the_ledger_setting(self):
        """With the setting, a refund naming no PreID takes the PreIDs first (FIFO),
        then what the account holds beyond them (an opening balance of 50), never more
        than the account holds."""
        self.company.receipt_prepayment_outside_ledger = True
        self._opening_balance(50)
        preid = self.receive(self.partner_a, 30)
        too_much = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": -81}], date="2026-02-10"
        )
        self.assertPostRefused(
            too_much,
            r"takes .*81\.00\W*.* cover only .*80\.00\W*\(usable PreIDs received by "
            r".*30\.00\W*; prepayment account balance: .*80\.00\W*\)",
        )
        receipt = self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": -70}], date="2026-02-10"
        )
        receipt.action_post()
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_account.code, "", 0, 70, -70, "EUR"),
                (self.prep, "partner_a", 70, 0, 70, "EUR"),
            ],
        )
        self.assertEqual(preid.usable_balance, 0)
        self.assertEqual(
            -self.partner_balance(self.prepayment_account, self.partner_a), 10
        )
        # the ledger (0) and the account (10) differ by the opening balance left outside
        # the ledger: exactly 10
        differences = self.Prepayment._get_ledger_differences(self.company)
        self.assertEqual(
            [(ledger, books) for _a, _p, _c, ledger, books in differences],
            [(0.0, 10.0)],
        )

    # ------------------------------------------------------------ as the Invoicing user

    def test_as_invoicing_user(self):
        """The same rules for an Invoicing user (no accountant rights): a refund nobody
        paid is refused; a netting of a credit note gives a PreID; the ledger agrees
        with the account."""
        self.setup_invoicing_users("rowkinds")
        env = self.env(user=self.invoicing_user)
        receipt = env["account.receipt"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": "2026-02-10",
                "line_ids": [
                    Command.create({"partner_id": self.partner_a.id, "amount": -40})
                ],
            }
        )
        self.assertPostRefused(
            receipt, r"takes .*40\.00\W*from the customer's prepayments"
        )
        credit_note = self.make_invoice(
            self.partner_a, 30, move_type="out_refund", date="2026-02-15"
        )
        netting = env["account.receipt"].create(
            {
                "journal_id": self.netting_journal.id,
                "date": "2026-02-20",
                "line_ids": [
                    Command.create(
                        {
                            "partner_id": self.partner_a.id,
                            "invoice_id": credit_note.id,
                            "amount": -30,
                        }
                    )
                ],
            }
        )
        netting.action_post()
        self.assertEqual(netting.line_ids.created_prepayment_id.usable_balance, 30)
        self.assertEqual(credit_note.payment_state, "paid")
        self.assertLedgerAgrees()
