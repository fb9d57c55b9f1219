# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from .common import ReceiptCommon


class PreidCommon(ReceiptCommon):
    """Receipt fixtures plus helpers to receive prepayments, post invoices and check the
    PreID ledger."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.receipt_prepayment_auto_fifo = True
        cls.Prepayment = cls.env["account.prepayment"]
        plan = cls.env["account.analytic.plan"].create({"name": "Projects"})
        cls.analytic_account = cls.env["account.analytic.account"].create(
            {"name": "Project X", "plan_id": plan.id}
        )

    def receive(self, partner, amount, journal=None, date="2026-02-01", **line_vals):
        """Post a receipt with one prepayment line; return its PreID."""
        receipt = self.make_receipt(
            [{"partner_id": partner.id, "amount": amount, **line_vals}], journal, date
        )
        receipt.action_post()
        return receipt.line_ids.created_prepayment_id

    def refund(self, prepayment, amount, journal=None, date="2026-02-10", **line_vals):
        """Post a receipt paying ``amount`` of ``prepayment`` back to the customer."""
        receipt = self.make_receipt(
            [
                {
                    "partner_id": prepayment.partner_id.id,
                    "amount": -amount,
                    "prepayment_id": prepayment.id,
                    **line_vals,
                }
            ],
            journal,
            date,
        )
        receipt.action_post()
        return receipt

    def draft_invoice(self, partner, amount, currency=None, date="2026-02-15"):
        """A draft customer invoice of one untaxed line, dated after the usual
        receipts."""
        return self.make_draft_invoice(partner, amount, currency, date)

    def post_invoice(
        self, partner, amount, currency=None, date="2026-02-15", picks=None
    ):
        """Post a customer invoice, with optional manual picks
        ``{prepayment: amount}``."""
        invoice = self.draft_invoice(partner, amount, currency, date)
        if picks:
            invoice.action_open_prepayment_picks()
            for prepayment, pick_amount in picks.items():
                pick = invoice.preid_pick_ids.filtered(
                    lambda p, pre=prepayment: p.prepayment_id == pre
                )
                if pick:
                    pick.amount = pick_amount
                else:
                    self.env["account.prepayment.pick"].create(
                        {
                            "invoice_id": invoice.id,
                            "prepayment_id": prepayment.id,
                            "amount": pick_amount,
                        }
                    )
        invoice.action_post()
        return invoice

    def partner_balance(self, account, partner, currency_field="balance"):
        """Balance (or amount in currency) of ``account`` for ``partner`` over posted
        items."""
        amls = self.env["account.move.line"].search(
            [
                ("account_id", "=", account.id),
                ("partner_id", "=", partner.id),
                ("parent_state", "=", "posted"),
            ]
        )
        return round(sum(amls.mapped(currency_field)), 2)

    def assertLedgerAgrees(self):
        differences = self.Prepayment._get_ledger_differences(self.company)
        self.assertFalse(
            differences,
            [
                (a.code, p.name, c.name, ledger, books)
                for a, p, c, ledger, books in differences
            ],
        )
