# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import ReceiptCommon


@tagged("post_install", "-at_install")
class TestReceiptPosting(ReceiptCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank = cls.bank_account.code
        cls.recv = cls.receivable.code
        cls.prep = cls.prepayment_account.code
        cls.fee = cls.fee_account.code

    def _mixed_receipt(self):
        """Every bank line kind: two invoices of A paid in full, a third paid in part
        with a fee, a prepayment of B, a credit note of B paid back, a prepayment of B
        paid back."""
        self.inv1 = self.make_invoice(self.partner_a, 100)
        self.inv2 = self.make_invoice(self.partner_a, 200)
        self.inv3 = self.make_invoice(self.partner_a, 300)
        self.refund = self.make_invoice(self.partner_b, 40, move_type="out_refund")
        return self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": self.inv1.id,
                    "amount": 100,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": self.inv2.id,
                    "amount": 200,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": self.inv3.id,
                    "amount": 120,
                    "fee_amount": 5,
                },
                {"partner_id": self.partner_b.id, "amount": 50},
                {
                    "partner_id": self.partner_b.id,
                    "invoice_id": self.refund.id,
                    "amount": -40,
                },
                {"partner_id": self.partner_b.id, "amount": -10},
            ]
        )

    def _post_mixed(self, mode):
        self.company.receipt_aggregation = mode
        receipt = self._mixed_receipt()
        self.assertEqual(
            receipt.line_ids.mapped("kind"),
            [
                "invoice",
                "invoice",
                "invoice",
                "prepayment",
                "credit_note_refund",
                "refund",
            ],
        )
        receipt.action_post()
        self.assertEqual(receipt.state, "posted")
        self.assertEqual(receipt.move_id.state, "posted")
        self.assertEqual(receipt.move_id.journal_id, self.bank_journal)
        self.assertEqual(receipt.amount_total, 420)
        self.assertEqual(receipt.partner_count, 2)
        return receipt

    def _assert_reconciled(self):
        self.assertEqual(self.inv1.payment_state, "paid")
        self.assertEqual(self.inv2.payment_state, "paid")
        self.assertEqual(self.inv3.payment_state, "partial")
        self.assertAlmostEqual(self.inv3.amount_residual, 175)
        self.assertTrue(self.refund.currency_id.is_zero(self.refund.amount_residual))
        self.assertEqual(self.refund.payment_state, "paid")

    def test_mode_none(self):
        receipt = self._post_mixed("none")
        a, b = "partner_a", "partner_b"
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank, "", 470, 0, 470, "EUR"),
                (self.bank, "", 0, 50, -50, "EUR"),
                (self.fee, "", 5, 0, 5, "EUR"),
                (self.recv, a, 0, 300, -300, "EUR"),  # inv1 + inv2, both settled
                (self.recv, a, 0, 125, -125, "EUR"),  # inv3 stays partly open: own item
                (self.prep, b, 0, 50, -50, "EUR"),
                (self.recv, b, 40, 0, 40, "EUR"),
                (self.prep, b, 10, 0, 10, "EUR"),
            ],
        )
        self._assert_reconciled()

    def test_mode_debt_part(self):
        receipt = self._post_mixed("debt_part")
        a, b = "partner_a", "partner_b"
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank, "", 470, 0, 470, "EUR"),
                (self.bank, "", 0, 50, -50, "EUR"),
                (self.fee, "", 5, 0, 5, "EUR"),
                (self.recv, a, 0, 100, -100, "EUR"),
                (self.recv, a, 0, 200, -200, "EUR"),
                (self.recv, a, 0, 125, -125, "EUR"),
                (self.prep, b, 0, 50, -50, "EUR"),
                (self.recv, b, 40, 0, 40, "EUR"),
                (self.prep, b, 10, 0, 10, "EUR"),
            ],
        )
        labels = receipt.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.receivable
        ).mapped("name")
        self.assertTrue(any(label.startswith(self.inv1.name) for label in labels))
        self._assert_reconciled()

    def test_mode_both(self):
        receipt = self._post_mixed("both")
        a, b = "partner_a", "partner_b"
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank, a, 100, 0, 100, "EUR"),
                (self.bank, a, 200, 0, 200, "EUR"),
                (self.bank, a, 120, 0, 120, "EUR"),
                (self.bank, b, 50, 0, 50, "EUR"),
                (self.bank, b, 0, 40, -40, "EUR"),
                (self.bank, b, 0, 10, -10, "EUR"),
                (self.fee, a, 5, 0, 5, "EUR"),
                (self.recv, a, 0, 100, -100, "EUR"),
                (self.recv, a, 0, 200, -200, "EUR"),
                (self.recv, a, 0, 125, -125, "EUR"),
                (self.prep, b, 0, 50, -50, "EUR"),
                (self.recv, b, 40, 0, 40, "EUR"),
                (self.prep, b, 10, 0, 10, "EUR"),
            ],
        )
        self._assert_reconciled()

    def test_mode_payment_file(self):
        receipt = self._post_mixed("payment_file")
        a, b = "partner_a", "partner_b"
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank, a, 420, 0, 420, "EUR"),
                (self.bank, b, 50, 0, 50, "EUR"),
                (self.bank, b, 0, 50, -50, "EUR"),
                (self.fee, a, 5, 0, 5, "EUR"),
                (self.recv, a, 0, 100, -100, "EUR"),
                (self.recv, a, 0, 200, -200, "EUR"),
                (self.recv, a, 0, 125, -125, "EUR"),
                (self.prep, b, 0, 50, -50, "EUR"),
                (self.recv, b, 40, 0, 40, "EUR"),
                (self.prep, b, 10, 0, 10, "EUR"),
            ],
        )
        self._assert_reconciled()

    def test_netting_every_mode(self):
        """Netting: Dr prepayment / Cr receivable of the invoice, reconciled, whatever
        the aggregation (of a prepayment received first: netting money never received is
        refused)."""
        for mode in ("none", "debt_part", "both", "payment_file"):
            with self.subTest(mode=mode):
                self.company.receipt_aggregation = mode
                invoice = self.make_invoice(self.partner_a, 80)
                self.make_receipt(
                    [{"partner_id": self.partner_a.id, "amount": 80}]
                ).action_post()
                receipt = self.make_receipt(
                    [
                        {
                            "partner_id": self.partner_a.id,
                            "invoice_id": invoice.id,
                            "amount": 80,
                        }
                    ],
                    journal=self.netting_journal,
                )
                self.assertEqual(receipt.line_ids.kind, "netting")
                receipt.action_post()
                self.assertEntry(
                    receipt.move_id,
                    [
                        (self.prep, "partner_a", 80, 0, 80, "EUR"),
                        (self.recv, "partner_a", 0, 80, -80, "EUR"),
                    ],
                )
                self.assertEqual(invoice.payment_state, "paid")

    def test_one_item_settles_several_invoices_with_partial_last(self):
        """Summed mode: many invoices of one customer, one paid in part; each invoice
        gets exactly its line."""
        self.company.receipt_aggregation = "none"
        invoices = [
            self.make_invoice(self.partner_a, amount) for amount in (10, 20, 30, 40)
        ]
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoices[0].id,
                    "amount": 10,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoices[1].id,
                    "amount": 5,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoices[2].id,
                    "amount": 30,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoices[3].id,
                    "amount": 15,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoices[3].id,
                    "amount": 25,
                },
            ]
        )
        receipt.action_post()
        self.assertEqual([inv.amount_residual for inv in invoices], [0, 15, 0, 0])
        self.assertEqual(
            [inv.payment_state for inv in invoices], ["paid", "partial", "paid", "paid"]
        )
        receivables = receipt.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.receivable
        )
        self.assertEqual(sorted(receivables.mapped("credit")), [5, 80])

    def test_seed_two_prepayments_two_accounts_two_analytics(self):
        """Seed §7: two prepayments of one customer with different accounts and
        analytics: one debit, two credits carrying each line's account and analytic
        distribution."""
        plan = self.env["account.analytic.plan"].create({"name": "Projects"})
        project_1 = self.env["account.analytic.account"].create(
            {"name": "Project 1", "plan_id": plan.id}
        )
        project_2 = self.env["account.analytic.account"].create(
            {"name": "Project 2", "plan_id": plan.id}
        )
        self.company.receipt_aggregation = "none"
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "amount": 1000,
                    "analytic_distribution": {str(project_1.id): 100},
                },
                {
                    "partner_id": self.partner_a.id,
                    "amount": 500,
                    "account_id": self.prepayment_account_2.id,
                    "analytic_distribution": {str(project_2.id): 100},
                },
            ]
        )
        receipt.action_post()
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank, "", 1500, 0, 1500, "EUR"),
                (self.prep, "partner_a", 0, 1000, -1000, "EUR"),
                (self.prepayment_account_2.code, "partner_a", 0, 500, -500, "EUR"),
            ],
        )
        prep_1 = receipt.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.prepayment_account
        )
        prep_2 = receipt.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.prepayment_account_2
        )
        self.assertEqual(prep_1.analytic_distribution, {str(project_1.id): 100})
        self.assertEqual(prep_2.analytic_distribution, {str(project_2.id): 100})
        self.assertEqual(len(prep_1.analytic_line_ids), 1)
        self.assertEqual(abs(prep_1.analytic_line_ids.amount), 1000)
        self.assertEqual(abs(prep_2.analytic_line_ids.amount), 500)

    def test_prepayment_account_from_customer(self):
        """Prepayment account resolution: line, else customer, else company."""
        self.partner_b.with_company(
            self.company
        ).receipt_prepayment_account_id = self.prepayment_account_2
        receipt = self.make_receipt(
            [
                {"partner_id": self.partner_b.id, "amount": 30},
                {"partner_id": self.partner_a.id, "amount": 20},
            ]
        )
        receipt.action_post()
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank, "", 50, 0, 50, "EUR"),
                (self.prepayment_account_2.code, "partner_b", 0, 30, -30, "EUR"),
                (self.prep, "partner_a", 0, 20, -20, "EUR"),
            ],
        )

    def test_fee_account_resolution(self):
        """Fee account: line, else payment mode, else company default."""
        self.bank_journal.receipt_bank_services_account_id = self.factoring_fee_account
        inv1 = self.make_invoice(self.partner_a, 100)
        inv2 = self.make_invoice(self.partner_a, 100)
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": inv1.id,
                    "amount": 97,
                    "fee_amount": 3,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": inv2.id,
                    "amount": 98,
                    "fee_amount": 2,
                    "fee_account_id": self.fee_account.id,
                },
            ]
        )
        receipt.action_post()
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank, "", 195, 0, 195, "EUR"),
                (self.factoring_fee_account.code, "", 3, 0, 3, "EUR"),
                (self.fee, "", 2, 0, 2, "EUR"),
                (self.recv, "partner_a", 0, 200, -200, "EUR"),
            ],
        )
        self.assertEqual((inv1 | inv2).mapped("payment_state"), ["paid", "paid"])
