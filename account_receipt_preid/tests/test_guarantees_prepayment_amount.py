# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""*Prepayment to Apply* and *Keep Out of FIFO* written over the ORM calls RPC makes, as
the Invoicing user (and as a user of another company): above the PreIDs' usable amount,
negative, on an invoice of another customer, currency or company, on a posted invoice,
on invoices posted together. Never an over-consumption: the usable balances equal the
PreIDs' balances in the journal items, none goes negative, and the ledger agrees with
the books."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_preid import PreidCommon
from .ledger_checker import BooksCheckMixin


@tagged("post_install", "-at_install")
class TestGuaranteesPrepaymentAmount(BooksCheckMixin, PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_roles("amount_guard")

    def setUp(self):
        super().setUp()
        self.preid = self.receive(self.partner_a, 100)

    def as_invoicing(self, record):
        return record.with_user(self.invoicing_user)

    def books(self, preid):
        """Credit balance of ``preid`` on its account, from the posted journal items."""
        items = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("receipt_prepayment_id", "=", preid.id),
                    ("account_id", "=", preid.account_id.id),
                    ("parent_state", "=", "posted"),
                ]
            )
        )
        return -round(sum(items.mapped("amount_currency")), 2)

    def assertUsable(self, amount, msg):
        self.env.invalidate_all()
        self.assertEqual(self.preid.usable_balance, amount, msg)
        self.assertEqual(self.books(self.preid), amount, msg)
        self.assertFalse(
            self.env["account.prepayment"].search_count([("usable_balance", "<", 0)]),
            msg,
        )
        self.assertBooksAgree(msg=msg)

    def test_amount_above_the_usable_balance(self):
        invoice = self.as_invoicing(self.draft_invoice(self.partner_a, 300))
        invoice.write({"preid_prepayment_amount": 10000.0})
        self.assertEqual(invoice.preid_prepayment_amount, 10000.0)
        invoice.action_post()
        self.assertEqual(
            [(a.prepayment_id, a.amount) for a in invoice.preid_allocation_ids],
            [(self.preid, 100.0)],
        )
        self.assertEqual(invoice.amount_residual, 200.0)
        self.assertUsable(0.0, "above the usable amount")
        # a second invoice with an amount to apply finds nothing left
        second = self.as_invoicing(self.draft_invoice(self.partner_a, 50))
        second.write({"preid_prepayment_amount": 50.0})
        second.action_post()
        self.assertFalse(second.preid_allocation_ids)
        self.assertUsable(0.0, "nothing left")

    def test_negative_amount_and_kept_out_of_fifo(self):
        invoice = self.as_invoicing(self.draft_invoice(self.partner_a, 60))
        invoice.write({"preid_prepayment_amount": -50.0})
        self.assertEqual(
            (
                invoice.preid_prepayment_amount_typed,
                invoice.preid_prepayment_amount_manual,
            ),
            (0.0, True),
        )
        invoice.action_post()
        self.assertFalse(invoice.preid_allocation_ids)
        self.assertUsable(100.0, "negative amount")
        kept_out = self.as_invoicing(self.draft_invoice(self.partner_a, 60))
        kept_out.write({"preid_prepayment_amount": 60.0, "preid_fifo_excluded": True})
        kept_out.action_post()
        self.assertFalse(kept_out.preid_allocation_ids)
        self.assertUsable(100.0, "kept out of FIFO")

    def test_other_customer_currency_and_company(self):
        """A prepayment to apply on an invoice of another customer, in another currency
        or of another company never touches the PreID; the other company's user cannot
        even write it on this company's invoice."""
        for partner, currency in ((self.partner_b, None), (self.partner_a, self.usd)):
            invoice = self.as_invoicing(
                self.draft_invoice(partner, 80, currency=currency)
            )
            invoice.write({"preid_prepayment_amount": 80.0})
            invoice.action_post()
            self.assertFalse(invoice.preid_allocation_ids)
        self.assertUsable(100.0, "other customer or currency")

        company_b = self.other["company"]
        customer_b = self.partner_a.with_company(company_b)
        invoice_b = (
            self.env["account.move"]
            .with_user(self.user_b)
            .with_company(company_b)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer_b.id,
                    "invoice_date": "2026-02-15",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Service",
                                "quantity": 1,
                                "price_unit": 80,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        invoice_b.write({"preid_prepayment_amount": 80.0})
        self.assertEqual(invoice_b.company_id, company_b)
        invoice_b.action_post()
        self.assertFalse(invoice_b.preid_allocation_ids)
        self.assertUsable(100.0, "other company")

        invoice = self.draft_invoice(self.partner_a, 80)
        with self.assertRaises(AccessError):
            invoice.with_user(self.user_b).write({"preid_prepayment_amount": 80.0})
        # a pick of this company's PreID on company B's invoice is refused
        with self.assertRaises(UserError):
            self.env["account.prepayment.pick"].with_user(self.user_b).create(
                {
                    "invoice_id": invoice_b.id,
                    "prepayment_id": self.preid.id,
                    "amount": 10,
                }
            )
        self.assertUsable(100.0, "refused")

    def test_picks_above_the_usable_balance_or_of_another_customer(self):
        Pick = self.env["account.prepayment.pick"].with_user(self.invoicing_user)
        invoice = self.draft_invoice(self.partner_a, 300)
        with self.assertRaisesRegex(UserError, self.preid.name):
            Pick.create(
                {
                    "invoice_id": invoice.id,
                    "prepayment_id": self.preid.id,
                    "amount": 150,
                }
            )
        other = self.draft_invoice(self.partner_b, 300)
        with self.assertRaisesRegex(UserError, "is a prepayment of"):
            Pick.create(
                {"invoice_id": other.id, "prepayment_id": self.preid.id, "amount": 10}
            )
        self.assertUsable(100.0, "refused picks")

    def test_invoices_posted_together_share_the_balance(self):
        """Two invoices, each with a prepayment to apply of 80, posted in one Confirm of
        the list: the first takes 80, the second the 20 left."""
        first = self.draft_invoice(self.partner_a, 100)
        second = self.draft_invoice(self.partner_a, 100, date="2026-02-16")
        invoices = self.as_invoicing(first | second)
        invoices.write({"preid_prepayment_amount": 80.0})
        invoices.action_post()
        self.assertEqual(
            [
                sum(move.preid_allocation_ids.mapped("amount"))
                for move in first | second
            ],
            [80.0, 20.0],
        )
        self.assertEqual((first.amount_residual, second.amount_residual), (20.0, 80.0))
        self.assertUsable(0.0, "posted together")

    def test_amount_written_on_a_posted_invoice_takes_nothing_more(self):
        """Once posted, a new prepayment to apply written over RPC takes nothing; Reset
        to Draft gives the PreID back and the next posting applies the new amount, once.
        """
        invoice = self.as_invoicing(self.draft_invoice(self.partner_a, 100))
        invoice.write({"preid_prepayment_amount": 30.0})
        invoice.action_post()
        self.assertUsable(70.0, "30 applied")
        invoice.write({"preid_prepayment_amount": 90.0})
        self.assertEqual(sum(invoice.preid_allocation_ids.mapped("amount")), 30.0)
        self.assertUsable(70.0, "written on the posted invoice")
        invoice.button_draft()
        self.assertUsable(100.0, "reset")
        invoice.action_post()
        self.assertEqual(sum(invoice.preid_allocation_ids.mapped("amount")), 90.0)
        self.assertEqual(invoice.amount_residual, 10.0)
        self.assertUsable(10.0, "posted again")

    def test_allocation_not_removed_with_a_forged_release_context(self):
        """The release key of the ledger is a plain context value: only the ACL (nobody
        may delete allocations) keeps an RPC caller from sending it."""
        invoice = self.post_invoice(self.partner_a, 30)
        allocation = invoice.preid_allocation_ids
        for user in (self.invoicing_user, self.accountant):
            forged = allocation.with_user(user).with_context(
                account_prepayment_release=True
            )
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                forged.unlink()
        self.assertTrue(allocation.exists())
        self.assertUsable(70.0, "forged release")
