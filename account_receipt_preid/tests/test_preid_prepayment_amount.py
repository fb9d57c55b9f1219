# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The invoice's own prepayment amount (issue 11.3): PreIDs settle only the *Prepayment
to Apply* (picks first, FIFO for the rest), one invoice can be kept out of FIFO, and a
click on a PreID in the invoice's Prepayments list fills in what is still uncovered (the
seed's double-click)."""

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestPreidPrepaymentAmount(PreidCommon):
    country_code = (
        None  # Odoo's generic chart: the accounts used are created by the set-up
    )

    def application_items(self, invoice):
        """(account, partner, debit, credit, amount in currency, currency, reconciled)
        of the application entries of ``invoice``."""
        return sorted(
            (
                aml.account_id.code,
                aml.partner_id.name,
                aml.debit,
                aml.credit,
                aml.amount_currency,
                aml.currency_id.name,
                aml.reconciled,
            )
            for aml in invoice.preid_allocation_ids.move_id.line_ids
        )

    def allocations(self, invoice):
        return [
            (a.prepayment_id, a.amount, a.manual)
            for a in invoice.preid_allocation_ids.sorted("id")
        ]

    def picks_of(self, invoice):
        invoice.action_open_prepayment_picks()
        return {pick.prepayment_id: pick for pick in invoice.preid_pick_ids}

    def test_default_is_the_whole_invoice_or_none_without_automatic_fifo(self):
        self.receive(
            self.partner_a, 500
        )  # the form shows the field when the customer has prepayments
        invoice = self.draft_invoice(self.partner_a, 300)
        self.assertEqual(invoice.preid_prepayment_amount, 300.0)
        self.company.receipt_prepayment_auto_fifo = False
        invoice.invalidate_recordset(["preid_prepayment_amount"])
        self.assertEqual(invoice.preid_prepayment_amount, 0.0)
        self.company.receipt_prepayment_auto_fifo = True
        # the form: ticking Set Prepayment to Apply starts from the whole amount, then
        # the typed amount stays when the invoice's lines change
        with Form(invoice) as form:
            form.preid_prepayment_amount_manual = True
            self.assertEqual(form.preid_prepayment_amount_typed, 300.0)
            form.preid_prepayment_amount_typed = 120.0
        self.assertEqual(invoice.preid_prepayment_amount, 120.0)
        invoice.invoice_line_ids.price_unit = 400
        self.assertEqual(invoice.amount_total, 400.0)
        self.assertEqual(invoice.preid_prepayment_amount, 120.0)
        # unticked, it follows the invoice again
        invoice.preid_prepayment_amount_manual = False
        self.assertEqual(invoice.preid_prepayment_amount, 400.0)
        # a new invoice made in the form (as the web client does) keeps the whole
        # amount, whatever the form computed while its lines were typed
        with Form(
            self.env["account.move"].with_context(default_move_type="out_invoice")
        ) as form:
            form.partner_id = self.partner_a
            form.invoice_date = invoice.invoice_date
            with form.invoice_line_ids.new() as line:
                line.name = "Service"
                line.price_unit = 250.0
                line.tax_ids.clear()
        created = form.record
        self.assertEqual(
            (created.amount_total, created.preid_prepayment_amount), (250.0, 250.0)
        )
        self.assertFalse(created.preid_prepayment_amount_manual)
        # credit notes have none
        self.assertEqual(
            self.make_draft_invoice(
                self.partner_a, 50, move_type="out_refund"
            ).preid_prepayment_amount,
            0,
        )

    def test_partial_prepayment_amount(self):
        """PreID of 500; an invoice of 300 with a prepayment to apply of 120: FIFO takes
        120, 180 stays open."""
        preid = self.receive(self.partner_a, 500)
        invoice = self.draft_invoice(self.partner_a, 300)
        invoice.preid_prepayment_amount = 120.0
        picks = self.picks_of(invoice)
        self.assertEqual(picks[preid].fifo_amount, 120.0)
        invoice.action_post()
        self.assertEqual(self.allocations(invoice), [(preid, 120.0, False)])
        self.assertEqual(
            self.application_items(invoice),
            sorted(
                [
                    (
                        self.prepayment_account.code,
                        self.partner_a.name,
                        120.0,
                        0.0,
                        120.0,
                        self.eur.name,
                        False,
                    ),
                    (
                        self.receivable.code,
                        self.partner_a.name,
                        0.0,
                        120.0,
                        -120.0,
                        self.eur.name,
                        True,
                    ),
                ]
            ),
        )
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(invoice.amount_residual, 180.0)
        self.assertEqual(preid.usable_balance, 380.0)
        self.assertEqual(
            self.partner_balance(self.prepayment_account, self.partner_a), -380.0
        )
        self.assertLedgerAgrees()

    def test_typed_amount_is_taken_fifo_without_automatic_fifo(self):
        self.company.receipt_prepayment_auto_fifo = False
        older = self.receive(self.partner_a, 100, date="2026-01-20")
        newer = self.receive(self.partner_a, 400)
        untouched = self.post_invoice(self.partner_a, 50)
        self.assertFalse(untouched.preid_allocation_ids)
        invoice = self.draft_invoice(self.partner_a, 300)
        invoice.preid_prepayment_amount = 250.0
        invoice.action_post()
        self.assertEqual(
            self.allocations(invoice), [(older, 100.0, False), (newer, 150.0, False)]
        )
        self.assertEqual(
            self.application_items(invoice),
            sorted(
                [
                    (
                        self.prepayment_account.code,
                        self.partner_a.name,
                        100.0,
                        0.0,
                        100.0,
                        self.eur.name,
                        False,
                    ),
                    (
                        self.prepayment_account.code,
                        self.partner_a.name,
                        150.0,
                        0.0,
                        150.0,
                        self.eur.name,
                        False,
                    ),
                    (
                        self.receivable.code,
                        self.partner_a.name,
                        0.0,
                        100.0,
                        -100.0,
                        self.eur.name,
                        True,
                    ),
                    (
                        self.receivable.code,
                        self.partner_a.name,
                        0.0,
                        150.0,
                        -150.0,
                        self.eur.name,
                        True,
                    ),
                ]
            ),
        )
        self.assertEqual(invoice.amount_residual, 50.0)
        self.assertLedgerAgrees()

    def test_invoice_kept_out_of_fifo(self):
        """Kept out of FIFO: nothing is taken; with a pick, only the pick is applied."""
        older = self.receive(self.partner_a, 100, date="2026-01-20")
        newer = self.receive(self.partner_a, 200)
        kept_out = self.draft_invoice(self.partner_a, 250)
        kept_out.preid_fifo_excluded = True
        picks = self.picks_of(kept_out)
        self.assertEqual(
            (picks[older].fifo_amount, picks[newer].fifo_amount), (0.0, 0.0)
        )
        kept_out.action_post()
        self.assertFalse(kept_out.preid_allocation_ids)
        self.assertEqual(kept_out.payment_state, "not_paid")
        self.assertEqual((older.usable_balance, newer.usable_balance), (100.0, 200.0))

        picked = self.draft_invoice(self.partner_a, 250)
        picked.preid_fifo_excluded = True
        self.picks_of(picked)[newer].amount = 50.0
        picked.action_post()
        self.assertEqual(self.allocations(picked), [(newer, 50.0, True)])
        self.assertEqual(
            self.application_items(picked),
            sorted(
                [
                    (
                        self.prepayment_account.code,
                        self.partner_a.name,
                        50.0,
                        0.0,
                        50.0,
                        self.eur.name,
                        False,
                    ),
                    (
                        self.receivable.code,
                        self.partner_a.name,
                        0.0,
                        50.0,
                        -50.0,
                        self.eur.name,
                        True,
                    ),
                ]
            ),
        )
        self.assertEqual(picked.amount_residual, 200.0)
        # the next invoice, not kept out, takes FIFO from the oldest again
        normal = self.post_invoice(self.partner_a, 120)
        self.assertEqual(
            self.allocations(normal), [(older, 100.0, False), (newer, 20.0, False)]
        )
        self.assertEqual((older.usable_balance, newer.usable_balance), (0.0, 130.0))
        self.assertLedgerAgrees()

    def test_click_fills_the_uncovered_amount(self):
        """Prepayment to apply 250 of an invoice of 300: a click on the PreID of 100
        picks 100 (its balance), a click on the PreID of 400 the 150 left; FIFO then has
        nothing to take."""
        older = self.receive(self.partner_a, 100, date="2026-01-20")
        newer = self.receive(self.partner_a, 400)
        invoice = self.draft_invoice(self.partner_a, 300)
        invoice.preid_prepayment_amount = 250.0
        picks = self.picks_of(invoice)
        self.assertEqual(
            (picks[older].fifo_amount, picks[newer].fifo_amount), (100.0, 150.0)
        )
        picks[newer].action_fill_uncovered()
        self.assertEqual(picks[newer].amount, 250.0)
        self.assertEqual(
            (picks[older].fifo_amount, picks[newer].fifo_amount), (0.0, 0.0)
        )
        # covered: a click on the other PreID is refused, saying so
        with self.assertRaisesRegex(UserError, "needs no more prepayment"):
            picks[older].action_fill_uncovered()
        picks[newer].amount = 0.0
        picks[older].action_fill_uncovered()
        picks[newer].action_fill_uncovered()
        self.assertEqual((picks[older].amount, picks[newer].amount), (100.0, 150.0))
        invoice.action_post()
        self.assertEqual(
            self.allocations(invoice), [(older, 100.0, True), (newer, 150.0, True)]
        )
        self.assertEqual(
            self.application_items(invoice),
            sorted(
                [
                    (
                        self.prepayment_account.code,
                        self.partner_a.name,
                        100.0,
                        0.0,
                        100.0,
                        self.eur.name,
                        False,
                    ),
                    (
                        self.prepayment_account.code,
                        self.partner_a.name,
                        150.0,
                        0.0,
                        150.0,
                        self.eur.name,
                        False,
                    ),
                    (
                        self.receivable.code,
                        self.partner_a.name,
                        0.0,
                        100.0,
                        -100.0,
                        self.eur.name,
                        True,
                    ),
                    (
                        self.receivable.code,
                        self.partner_a.name,
                        0.0,
                        150.0,
                        -150.0,
                        self.eur.name,
                        True,
                    ),
                ]
            ),
        )
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(invoice.amount_residual, 50.0)
        self.assertEqual((older.usable_balance, newer.usable_balance), (0.0, 250.0))
        self.assertLedgerAgrees()

    def test_click_without_prepayment_amount_fills_the_invoice(self):
        """Company without automatic FIFO (no prepayment to apply): the click fills the
        invoice's amount."""
        self.company.receipt_prepayment_auto_fifo = False
        preid = self.receive(self.partner_a, 500)
        invoice = self.draft_invoice(self.partner_a, 300)
        pick = self.picks_of(invoice)[preid]
        pick.action_fill_uncovered()
        self.assertEqual(pick.amount, 300.0)
        invoice.action_post()
        self.assertEqual(self.allocations(invoice), [(preid, 300.0, True)])
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(
            self.application_items(invoice),
            sorted(
                [
                    (
                        self.prepayment_account.code,
                        self.partner_a.name,
                        300.0,
                        0.0,
                        300.0,
                        self.eur.name,
                        False,
                    ),
                    (
                        self.receivable.code,
                        self.partner_a.name,
                        0.0,
                        300.0,
                        -300.0,
                        self.eur.name,
                        True,
                    ),
                ]
            ),
        )
        self.assertLedgerAgrees()
