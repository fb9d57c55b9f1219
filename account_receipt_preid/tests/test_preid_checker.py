# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The independent SQL checker (``ledger_checker``): silent on consistent books, and it
fails as soon as the books, the ledger or a receipt is corrupted with raw SQL behind the
ORM's back."""

from odoo.tests import tagged

from .common_preid import PreidCommon
from .ledger_checker import (
    BooksCheckMixin,
    get_book_differences,
    get_prepayment_accounts,
)


@tagged("post_install", "-at_install")
class TestPreidChecker(BooksCheckMixin, PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.netting_journal.receipt_type = "netting"

    def setUp(self):
        super().setUp()
        # a consistent set of books: two PreIDs (EUR, USD), an invoice settled FIFO, a
        # refund
        self.preid = self.receive(self.partner_a, 100)
        self.preid_usd = self.receive(self.partner_b, 200, journal=self.usd_journal)
        self.invoice = self.post_invoice(self.partner_a, 30)
        self.refund_receipt = self.refund(self.preid, 20)
        self.cr = self.env.cr

    def sql(self, query, *params):
        self.env.flush_all()
        self.cr.execute(query, params)
        self.env.invalidate_all()

    def test_consistent_books(self):
        self.assertEqual(self.preid.usable_balance, 50)
        self.assertEqual(self.preid_usd.usable_balance, 200)
        self.assertIn(
            self.prepayment_account.id,
            get_prepayment_accounts(self.cr, self.company.id),
        )
        differences = get_book_differences(self.env, self.company)
        print(f"checker on consistent books: {len(differences)} differences")  # pylint: disable=print-used
        self.assertEqual(differences, [])

    def test_preid_amount_raised(self):
        """A PreID raised to 1,000,000 in the table (the issue's RPC path) is a ledger
        difference."""
        self.sql(
            "UPDATE account_prepayment SET amount = 1000000 WHERE id = %s",
            self.preid.id,
        )
        differences = self.assertBooksDisagree("ledger")
        self.assertIn("ledger 999950.00, books 50.00", str(differences))

    def test_allocation_deleted(self):
        """An allocation deleted behind the ledger: ledger 80, books 50."""
        allocation = self.invoice.preid_allocation_ids
        self.sql(
            "DELETE FROM account_prepayment_allocation WHERE id = %s", allocation.id
        )
        differences = self.assertBooksDisagree("ledger")
        self.assertIn("ledger 80.00, books 50.00", str(differences))
        self.assertIn("preid_balance", [code for code, _text in differences])

    def test_preid_deleted(self):
        """A PreID deleted with its prepayment credit left in the books."""
        self.sql("DELETE FROM account_prepayment WHERE id = %s", self.preid_usd.id)
        differences = self.assertBooksDisagree("ledger")
        self.assertIn("ledger 0.00, books 200.00", str(differences))

    def test_company_value_changed(self):
        """The company value of a USD prepayment item changed: the currency ledger
        holds, the company one not."""
        aml = self.preid_usd.receipt_id.move_id.line_ids.filtered(
            lambda line: line.account_id == self.prepayment_account
        )
        self.sql(
            "UPDATE account_move_line SET balance = balance - 10, credit = credit + "
            "10 WHERE id = %s",
            aml.id,
        )
        differences = self.assertBooksDisagree("ledger_company")
        self.assertNotIn("ledger", [code for code, _text in differences])

    def test_item_moved_to_other_customer(self):
        aml = self.preid.receipt_id.move_id.line_ids.filtered(
            lambda line: line.account_id == self.prepayment_account
        )
        self.sql(
            "UPDATE account_move_line SET partner_id = %s WHERE id = %s",
            self.partner_b.id,
            aml.id,
        )
        self.assertEqual(len(self.assertBooksDisagree("ledger")), 2)

    def test_receipt_entry_reset(self):
        """The receipt's entry back to draft with the receipt still posted (the issue's
        Reset to Draft path)."""
        self.sql(
            "UPDATE account_move SET state = 'draft' WHERE id = %s",
            self.refund_receipt.move_id.id,
        )
        differences = self.assertBooksDisagree("receipt_entry")
        codes = {code for code, _text in differences}
        self.assertTrue(
            {"ledger", "receipt_entries", "allocation_entry"} <= codes, differences
        )

    def test_receipt_reset_entry_kept(self):
        """The receipt written back to draft with its entry still posted: an entry
        without a posted receipt and a PreID of a draft receipt."""
        self.sql(
            "UPDATE account_receipt SET state = 'draft' WHERE id = %s",
            self.preid_usd.receipt_id.id,
        )
        codes = {code for code, _text in self.assertBooksDisagree("receipt_entries")}
        self.assertIn("receipt_preid", codes)

    def test_receipt_header_and_total(self):
        receipt = self.preid.receipt_id
        self.sql(
            "UPDATE account_receipt SET date = '2026-03-03', currency_id = %s WHERE "
            "id = %s",
            self.usd.id,
            receipt.id,
        )
        self.sql(
            "UPDATE account_receipt_line SET amount = 600 WHERE receipt_id = %s",
            receipt.id,
        )
        differences = self.assertBooksDisagree("receipt_header")
        codes = [code for code, _text in differences]
        self.assertEqual(codes.count("receipt_header"), 2, differences)
        self.assertIn("receipt_preid", codes)
        self.sql(
            "UPDATE account_receipt SET currency_id = %s WHERE id = %s",
            self.eur.id,
            receipt.id,
        )
        self.assertIn(
            "lines 600.00, entry 100.00", str(self.assertBooksDisagree("receipt_total"))
        )

    def test_receipt_two_entries(self):
        """A second posted entry carrying the receipt's number (the issue's 'two posted
        entries')."""
        receipt = self.preid.receipt_id
        receipt.move_id.copy(
            {"date": "2026-02-01", "ref": receipt.move_id.ref}
        ).action_post()
        self.assertIn(
            "has 2 posted entries", str(self.assertBooksDisagree("receipt_entries"))
        )

    def test_application_entry_cancelled(self):
        self.sql(
            "UPDATE account_move SET state = 'cancel' WHERE id = %s",
            self.invoice.preid_allocation_ids.move_id.id,
        )
        codes = {code for code, _text in self.assertBooksDisagree("allocation_entry")}
        self.assertIn("ledger", codes)

    def test_refund_without_preid(self):
        """A refund item on the prepayment account that no PreID accounts for."""
        self.sql(
            "DELETE FROM account_prepayment_allocation WHERE receipt_line_id = %s",
            self.refund_receipt.line_ids.id,
        )
        self.assertIn(
            "ledger 70.00, books 50.00", str(self.assertBooksDisagree("ledger"))
        )
