# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestReceiptUi(PreidCommon):
    """What the web client does for the accountant: the open amount filled in when an
    invoice is picked, the smart buttons' actions, readable names of receipt lines, and
    the help of the empty Prepayments lists."""

    # ----------------------------------------------------- picking an invoice on a line

    def test_picking_an_invoice_fills_its_open_amount(self):
        invoice = self.make_invoice(self.partner_a, 400)
        self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 150}]
        ).action_post()
        with Form(self.env["account.receipt"]) as form:
            form.journal_id = self.bank_journal
            with form.line_ids.new() as line:
                line.partner_id = self.partner_a
                line.invoice_id = invoice
                self.assertEqual(line.amount, 250, "the open amount, not the total")
        self.assertEqual(form.record.line_ids.amount, 250)
        self.assertEqual(form.record.line_ids.kind, "invoice")

    def test_picking_an_invoice_keeps_a_typed_amount(self):
        invoice = self.make_invoice(self.partner_a, 400)
        with Form(self.env["account.receipt"]) as form:
            with form.line_ids.new() as line:
                line.partner_id = self.partner_a
                line.amount = 100
                line.invoice_id = invoice
                self.assertEqual(line.amount, 100)

    def test_picking_an_invoice_in_another_currency_converts(self):
        # 1 EUR = 1.25 USD on 2026-02-01 (the receipt's date): 110 USD open = 88 EUR
        invoice = self.make_invoice(self.partner_a, 110, currency=self.usd)
        with Form(self.env["account.receipt"]) as form:
            form.journal_id = self.bank_journal
            form.date = "2026-02-01"
            with form.line_ids.new() as line:
                line.partner_id = self.partner_a
                line.invoice_id = invoice
                self.assertEqual(line.amount, 88)
                self.assertEqual(line.invoice_amount, 110)

    def test_picking_a_credit_note_fills_a_negative_amount(self):
        refund = self.make_invoice(self.partner_a, 60, move_type="out_refund")
        with Form(self.env["account.receipt"]) as form:
            with form.line_ids.new() as line:
                line.partner_id = self.partner_a
                line.invoice_id = refund
                self.assertEqual(line.amount, -60)
        self.assertEqual(form.record.line_ids.kind, "credit_note_refund")

    # ------------------------------------------------------------------ names

    def test_receipt_line_display_name(self):
        invoice = self.make_invoice(self.partner_a, 100, name="INV/2026/00042")
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 100,
                },
                {"partner_id": self.partner_b.id, "amount": 30, "name": "Advance"},
            ]
        )
        self.assertEqual(
            receipt.line_ids.mapped("display_name"),
            [
                f"{receipt.name} · partner_a · INV/2026/00042",
                f"{receipt.name} · partner_b · Advance",
            ],
        )
        receipt.action_post()
        preid = receipt.line_ids.created_prepayment_id
        self.assertEqual(
            preid.receipt_line_id.display_name, f"{receipt.name} · partner_b · Advance"
        )
        self.assertEqual(preid.receipt_id, receipt)

    # -------------------------------------------------------------- invoice -> receipts

    def test_invoice_receipts_button(self):
        invoice = self.make_invoice(self.partner_a, 300)
        other = self.make_invoice(self.partner_a, 50)
        self.assertEqual(invoice.receipt_count, 0)
        first = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 100}]
        )
        first.action_post()
        invoice.invalidate_recordset(["receipt_count"])
        self.assertEqual(invoice.receipt_count, 1)
        action = invoice.action_open_receipts()
        self.assertEqual(
            (action["res_model"], action["view_mode"], action["res_id"]),
            ("account.receipt", "form", first.id),
        )

        second = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 50,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 20,
                },
                {"partner_id": self.partner_a.id, "invoice_id": other.id, "amount": 50},
            ]
        )
        cancelled = self.make_receipt(
            [{"partner_id": self.partner_a.id, "invoice_id": invoice.id, "amount": 10}]
        )
        cancelled.action_cancel()
        self.make_receipt([{"partner_id": self.partner_b.id, "amount": 10}])
        (invoice | other).invalidate_recordset(["receipt_count"])
        self.assertEqual(
            invoice.receipt_count,
            2,
            "a draft receipt counts, a cancelled one does not; one per receipt",
        )
        self.assertEqual(other.receipt_count, 1)
        action = invoice.action_open_receipts()
        self.assertEqual(
            self.env["account.receipt"].search(action["domain"]), first | second
        )
        self.assertEqual(action["view_mode"], "list,form")

        # the receipt's journal entry leads back to its receipt
        entry = first.move_id
        self.assertEqual(entry.receipt_count, 1)
        self.assertEqual(entry.action_open_receipts()["res_id"], first.id)

    # ---------------------------------------------------------------- receipt -> PreIDs

    def test_receipt_preids_button(self):
        receipt = self.make_receipt(
            [
                {"partner_id": self.partner_a.id, "amount": 100},
                {"partner_id": self.partner_a.id, "amount": 40},
            ]
        )
        self.assertEqual(receipt.prepayment_count, 0)
        receipt.action_post()
        created = receipt.line_ids.created_prepayment_id
        self.assertEqual(len(created), 2)
        self.assertEqual(receipt.prepayment_count, 2)
        action = receipt.action_open_prepayments()
        self.assertEqual(self.Prepayment.search(action["domain"]), created)
        self.assertNotIn(
            "search_default_open", action["context"], "used PreIDs are shown too"
        )

        refund = self.refund(created[0], 30)
        self.assertEqual(refund.prepayment_count, 1, "the PreID a refund line consumes")
        self.assertEqual(refund.action_open_prepayments()["res_id"], created[0].id)

    # --------------------------------------------------- invoice -> Prepayments section

    def test_invoice_prepayments_section(self):
        preid = self.receive(self.partner_a, 100)
        draft = self.draft_invoice(self.partner_a, 60)
        action = draft.action_open_prepayment_picks()
        self.assertEqual(action["res_model"], "account.prepayment.pick")
        picks = self.env["account.prepayment.pick"].search(action["domain"])
        self.assertEqual(
            picks.mapped(lambda p: (p.prepayment_id, p.usable_balance, p.fifo_amount)),
            [(preid, 100, 60)],
        )
        self.assertIn("no usable prepayment", action["help"])
        draft.action_post()
        action = draft.action_open_prepayment_picks()
        self.assertEqual(action["res_model"], "account.prepayment.allocation")
        self.assertEqual(
            self.env["account.prepayment.allocation"]
            .search(action["domain"])
            .prepayment_id,
            preid,
        )
        self.assertIn("No PreID was applied", action["help"])
        self.assertEqual(
            draft.preid_allocation_ids.display_name, f"{preid.name} → {draft.name}"
        )

    def test_label_does_not_repeat_the_invoice_number(self):
        invoice = self.make_invoice(self.partner_a, 100, name="INV/2026/00043")
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 100,
                    "payment_reference": invoice.name,
                }
            ]
        )
        receipt.action_post()
        receivable = receipt.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.receivable
        )
        self.assertEqual(receivable.name, f"INV/2026/00043 {receipt.name}")

    def test_receipt_search_by_preid(self):
        """The receipts' search view finds the receipt that created a PreID and those
        consuming it, by its name."""
        preid = self.receive(self.partner_a, 100)
        refund = self.refund(preid, 30)
        self.make_receipt([{"partner_id": self.partner_b.id, "amount": 10}])
        arch = self.env["account.receipt"].get_views([(False, "search")])["views"][
            "search"
        ]["arch"]
        node = etree.fromstring(arch).xpath("//field[@string='PreID']")[0]
        domain = safe_eval(node.get("filter_domain"), {"self": preid.name})
        self.assertEqual(
            self.env["account.receipt"].search(domain), preid.receipt_id | refund
        )
