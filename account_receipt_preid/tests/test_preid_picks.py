# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Picks follow the invoice (customer, currency, company), FIFO takes only PreIDs
received on or before the invoice date, and the application entry is never dated before
the money arrived."""

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestPreidPicks(PreidCommon):
    def pick(self, invoice, prepayment, amount):
        invoice.action_open_prepayment_picks()
        pick = invoice.preid_pick_ids.filtered(lambda p: p.prepayment_id == prepayment)
        pick.amount = amount
        return pick

    def application_items(self, invoice):
        """(account, partner, debit, credit, date, reconciled) of the invoice's
        application entries."""
        return sorted(
            (
                aml.account_id.code,
                aml.partner_id.name,
                aml.debit,
                aml.credit,
                fields.Date.to_string(aml.date),
                aml.reconciled,
            )
            for aml in invoice.preid_allocation_ids.move_id.line_ids
        )

    def assertApplication(self, invoice, expected):
        self.assertEqual(self.application_items(invoice), sorted(expected))

    def test_customer_changed_drops_the_pick(self):
        """The issue's case: a PreID of customer A picked on A's draft invoice, then the
        customer changed to B: the pick is dropped (said in the chatter) and A's
        prepayment does not pay B's invoice."""
        a_preid = self.receive(self.partner_a, 100)
        invoice = self.draft_invoice(self.partner_a, 60)
        self.pick(invoice, a_preid, 60)
        invoice.partner_id = self.partner_b
        self.assertFalse(invoice.preid_pick_ids)
        self.assertIn(a_preid.name, invoice.message_ids[0].body)
        invoice.action_post()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertFalse(invoice.preid_allocation_ids)
        self.assertEqual(a_preid.usable_balance, 100)
        self.assertLedgerAgrees()

    def test_contact_of_the_same_customer_keeps_the_pick(self):
        contact = self.env["res.partner"].create(
            {"name": "Accounting dept", "parent_id": self.partner_a.id}
        )
        preid = self.receive(self.partner_a, 100)
        invoice = self.draft_invoice(self.partner_a, 60)
        self.pick(invoice, preid, 60)
        invoice.partner_id = contact
        self.assertEqual(invoice.preid_pick_ids.amount, 60)
        invoice.action_post()
        self.assertEqual((invoice.payment_state, preid.usable_balance), ("paid", 40))

    def test_currency_changed_drops_the_pick(self):
        eur_preid = self.receive(self.partner_a, 100)
        usd_preid = self.receive(self.partner_a, 100, journal=self.usd_journal)
        invoice = self.draft_invoice(self.partner_a, 60)
        self.pick(invoice, eur_preid, 30)
        self.env["account.prepayment.pick"].create(
            {"invoice_id": invoice.id, "prepayment_id": usd_preid.id, "amount": 10}
        )
        invoice.currency_id = self.usd
        self.assertEqual(
            invoice.preid_pick_ids.prepayment_id,
            usd_preid,
            "the USD PreID now fits the invoice",
        )
        self.assertEqual(invoice.preid_pick_ids.amount, 10)

    def test_posting_refuses_a_foreign_pick(self):
        """A pick left foreign by a path that bypassed the invoice's write (here SQL) is
        refused at posting."""
        a_preid = self.receive(self.partner_a, 100)
        invoice = self.draft_invoice(self.partner_a, 60)
        self.pick(invoice, a_preid, 60)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE account_move SET partner_id = %s, commercial_partner_id = %s "
            "WHERE id = %s",
            [self.partner_b.id, self.partner_b.id, invoice.id],
        )
        self.env.invalidate_all()
        with (
            self.assertRaisesRegex(
                UserError,
                rf"{a_preid.name} picked on it is a prepayment of "
                rf"{self.partner_a.name}",
            ),
            self.cr.savepoint(),
        ):
            invoice.action_post()
        self.assertEqual(a_preid.usable_balance, 100)
        # opening the Prepayments list (a new request) drops it
        self.env.invalidate_all()
        self.assertEqual(invoice.state, "draft")
        invoice.action_open_prepayment_picks()
        self.assertFalse(
            invoice.preid_pick_ids.filtered(lambda p: p.prepayment_id == a_preid)
        )

    def test_fifo_takes_only_preids_received_by_the_invoice_date(self):
        """PreIDs of 1 and 20 February, invoice of 15 February for 150: FIFO takes the
        first (100), not the later one; the entry is Dr prepayment / Cr receivable on 15
        February, reconciled."""
        early = self.receive(self.partner_a, 100, date="2026-02-01")
        late = self.receive(self.partner_a, 100, date="2026-02-20")
        invoice = self.post_invoice(self.partner_a, 150, date="2026-02-15")
        self.assertEqual(
            (invoice.payment_state, invoice.amount_residual), ("partial", 50)
        )
        self.assertEqual((early.usable_balance, late.usable_balance), (0, 100))
        self.assertApplication(
            invoice,
            [
                ("RCPT1", self.partner_a.name, 100.0, 0.0, "2026-02-15", False),
                (
                    self.receivable.code,
                    self.partner_a.name,
                    0.0,
                    100.0,
                    "2026-02-15",
                    True,
                ),
            ],
        )
        self.assertEqual(
            invoice.preid_allocation_ids.date, fields.Date.to_date("2026-02-15")
        )
        self.assertLedgerAgrees()

    def test_later_preids_when_the_company_says_so(self):
        """With *FIFO Also Uses Later Prepayments*, the later PreID is taken and the
        application is dated on its receipt date: the prepayment account is never in
        debit for the customer."""
        self.company.receipt_prepayment_fifo_later = True
        early = self.receive(self.partner_a, 100, date="2026-02-01")
        late = self.receive(self.partner_a, 100, date="2026-02-20")
        invoice = self.post_invoice(self.partner_a, 150, date="2026-02-15")
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual((early.usable_balance, late.usable_balance), (0, 50))
        self.assertApplication(
            invoice,
            [
                ("RCPT1", self.partner_a.name, 50.0, 0.0, "2026-02-20", False),
                ("RCPT1", self.partner_a.name, 100.0, 0.0, "2026-02-20", False),
                (
                    self.receivable.code,
                    self.partner_a.name,
                    0.0,
                    50.0,
                    "2026-02-20",
                    True,
                ),
                (
                    self.receivable.code,
                    self.partner_a.name,
                    0.0,
                    100.0,
                    "2026-02-20",
                    True,
                ),
            ],
        )
        self.assertEqual(
            set(invoice.preid_allocation_ids.mapped("date")),
            {fields.Date.to_date("2026-02-20")},
        )
        self.assertPrepaymentNeverInDebit(self.partner_a)
        self.assertLedgerAgrees()

    def test_manual_pick_of_a_later_preid_dated_on_its_receipt(self):
        late = self.receive(self.partner_a, 100, date="2026-02-20")
        invoice = self.draft_invoice(self.partner_a, 40, date="2026-02-15")
        self.pick(invoice, late, 40)
        invoice.action_post()
        self.assertEqual((invoice.payment_state, late.usable_balance), ("paid", 60))
        self.assertApplication(
            invoice,
            [
                ("RCPT1", self.partner_a.name, 40.0, 0.0, "2026-02-20", False),
                (
                    self.receivable.code,
                    self.partner_a.name,
                    0.0,
                    40.0,
                    "2026-02-20",
                    True,
                ),
            ],
        )
        self.assertPrepaymentNeverInDebit(self.partner_a)

    def assertPrepaymentNeverInDebit(self, partner):
        """The customer's prepayment account, day by day, never has a debit balance."""
        amls = self.env["account.move.line"].search(
            [
                ("account_id", "=", self.prepayment_account.id),
                ("partner_id", "=", partner.id),
                ("parent_state", "=", "posted"),
            ]
        )
        for day in sorted(set(amls.mapped("date"))):
            balance = sum(
                amls.filtered(lambda aml, day=day: aml.date <= day).mapped("balance")
            )
            self.assertLessEqual(
                round(balance, 2), 0, f"prepayment account in debit on {day}"
            )
