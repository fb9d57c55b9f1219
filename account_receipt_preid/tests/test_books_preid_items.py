# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from .common_books import BooksCommon


@tagged("post_install", "-at_install")
class TestBooksPreidItems(BooksCommon):
    """Issue 11.5: the PreID number on the journal items of prepayment lines (label and
    a searchable field), and the customer class as the fiscal position's account
    mapping."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.receipt_aggregation = "none"
        cls.prep = cls.prepayment_account.code
        cls.recv = cls.receivable.code
        cls.bank = cls.bank_account.code

    def test_each_preid_has_its_item(self):
        """Two prepayments of one customer on one receipt: one money item, one
        prepayment item per PreID, each with the PreID in its field and first in its
        label."""
        receipt = self.make_receipt(
            [
                {"partner_id": self.partner_a.id, "amount": 1000, "name": "Order 1"},
                {"partner_id": self.partner_a.id, "amount": 500, "name": "Order 2"},
            ]
        )
        receipt.action_post()
        first, second = receipt.line_ids.sorted("id").created_prepayment_id
        self.assertItems(
            receipt.move_id,
            with_preid=True,
            expected=[
                (self.bank, "", 1500, 0, 1500, "EUR", ""),
                (self.prep, "partner_a", 0, 500, -500, "EUR", second.name),
                (self.prep, "partner_a", 0, 1000, -1000, "EUR", first.name),
            ],
        )
        item = receipt.move_id.line_ids.filtered(
            lambda aml: aml.receipt_prepayment_id == first
        )
        self.assertEqual(item.name, f"{first.name} Order 1 {receipt.name}")
        self.assertLedgerAgrees()

    def test_preid_searchable_on_receipt_refund_and_application(self):
        """The PreID's items: its receipt's credit, the application debit and the refund
        debit; found by the PreID's record and by its number."""
        prepayment = self.receive(self.partner_a, 100)
        invoice = self.post_invoice(self.partner_a, 60)
        refund = self.refund(prepayment, 40, date="2026-02-20")
        self.assertEqual(prepayment.usable_balance, 0)
        application = invoice.preid_allocation_ids.move_id
        self.assertItems(
            application,
            with_preid=True,
            expected=[
                (self.prep, "partner_a", 60, 0, 60, "EUR", prepayment.name),
                (self.recv, "partner_a", 0, 60, -60, "EUR", prepayment.name),
            ],
        )
        self.assertItems(
            refund.move_id,
            with_preid=True,
            expected=[
                (self.bank, "", 0, 40, -40, "EUR", ""),
                (self.prep, "partner_a", 40, 0, 40, "EUR", prepayment.name),
            ],
        )
        refund_item = refund.move_id.line_ids.filtered("receipt_prepayment_id")
        self.assertTrue(refund_item.name.startswith(prepayment.name))
        AML = self.env["account.move.line"]
        found = AML.search([("receipt_prepayment_id", "=", prepayment.id)])
        by_name = AML.search([("receipt_prepayment_id", "ilike", prepayment.name)])
        self.assertEqual(found, by_name)
        self.assertEqual(
            sorted((aml.move_id.id, aml.account_id.code, aml.balance) for aml in found),
            sorted(
                [
                    (prepayment.receipt_id.move_id.id, self.prep, -100),
                    (application.id, self.prep, 60),
                    (application.id, self.recv, -60),
                    (refund.move_id.id, self.prep, 40),
                ]
            ),
        )
        # the column and the search field are in the journal items views
        arch = self.env["account.move.line"].get_views(
            [(False, "list"), (False, "search")]
        )["views"]
        self.assertIn('name="receipt_prepayment_id"', arch["list"]["arch"])
        self.assertIn('name="receipt_prepayment_id"', arch["search"]["arch"])
        self.assertLedgerAgrees()

    def test_customer_class_is_fiscal_position_mapping(self):
        """A fiscal position mapping the receivable and the default prepayment account
        (Directo's customer class) on customer B: its invoice (Odoo's mapping) and its
        receipt lines use the class accounts; customer A keeps the defaults; a line
        naming its account is not mapped."""
        Account = self.env["account.account"]
        class_receivable = Account.create(
            {
                "name": "Receivables, group",
                "code": "RCPTCR",
                "account_type": "asset_receivable",
                "reconcile": True,
            }
        )
        class_prepayment = Account.create(
            {
                "name": "Prepayments, group",
                "code": "RCPTCP",
                "account_type": "liability_current",
                "reconcile": True,
            }
        )
        position = self.env["account.fiscal.position"].create(
            {
                "name": "Group companies",
                "account_ids": [
                    Command.create(
                        {
                            "account_src_id": self.receivable.id,
                            "account_dest_id": class_receivable.id,
                        }
                    ),
                    Command.create(
                        {
                            "account_src_id": self.prepayment_account.id,
                            "account_dest_id": class_prepayment.id,
                        }
                    ),
                ],
            }
        )
        self.partner_b.with_company(
            self.company
        ).property_account_position_id = position
        invoice_b = self.make_invoice(self.partner_b, 200)
        self.assertEqual(
            invoice_b.line_ids.filtered(
                lambda aml: aml.display_type == "payment_term"
            ).account_id,
            class_receivable,
        )
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_b.id,
                    "invoice_id": invoice_b.id,
                    "amount": 200,
                },
                {"partner_id": self.partner_b.id, "amount": 70},
                {
                    "partner_id": self.partner_b.id,
                    "amount": 30,
                    "account_id": self.prepayment_account_2.id,
                },
                {"partner_id": self.partner_a.id, "amount": 10},
            ]
        )
        receipt.action_post()
        lines = receipt.line_ids.sorted("id")
        self.assertItems(
            receipt.move_id,
            with_preid=True,
            expected=[
                (self.bank, "", 310, 0, 310, "EUR", ""),
                (
                    self.prep,
                    "partner_a",
                    0,
                    10,
                    -10,
                    "EUR",
                    lines[3].created_prepayment_id.name,
                ),
                (
                    self.prepayment_account_2.code,
                    "partner_b",
                    0,
                    30,
                    -30,
                    "EUR",
                    lines[2].created_prepayment_id.name,
                ),
                (
                    "RCPTCP",
                    "partner_b",
                    0,
                    70,
                    -70,
                    "EUR",
                    lines[1].created_prepayment_id.name,
                ),
                ("RCPTCR", "partner_b", 0, 200, -200, "EUR", ""),
            ],
        )
        self.assertEqual(invoice_b.payment_state, "paid")
        self.assertEqual(lines[1].created_prepayment_id.account_id, class_prepayment)
        # a refund of the class prepayment (naming no PreID) takes it from the class
        # account, FIFO
        refund = self.make_receipt(
            [{"partner_id": self.partner_b.id, "amount": -20}], date="2026-02-10"
        )
        refund.action_post()
        self.assertItems(
            refund.move_id,
            with_preid=True,
            expected=[
                (self.bank, "", 0, 20, -20, "EUR", ""),
                (
                    "RCPTCP",
                    "partner_b",
                    20,
                    0,
                    20,
                    "EUR",
                    lines[1].created_prepayment_id.name,
                ),
            ],
        )
        self.assertEqual(lines[1].created_prepayment_id.usable_balance, 50)
        self.assertLedgerAgrees()
