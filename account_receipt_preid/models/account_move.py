# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .owner_release import RELEASE_ENTRIES, release


class AccountMove(models.Model):
    _inherit = "account.move"

    receipt_ids = fields.One2many(
        comodel_name="account.receipt",
        inverse_name="move_id",
        string="Receipts",
        help="The receipt whose journal entry this is.",
    )
    receipt_count = fields.Integer(
        string="Receipts Count",
        compute="_compute_receipt_count",
        help=(
            "Receipts (not cancelled) paying this invoice or credit note, or the "
            "receipt of this journal entry."
        ),
    )

    def _get_receipt_domain(self):
        """Receipts shown by the *Receipts* smart button of these moves: the receipts
        (not cancelled) with a line paying one of them, and the receipts whose journal
        entry one of them is."""
        return [
            ("state", "!=", "cancel"),
            "|",
            ("line_ids.invoice_id", "in", self.ids),
            ("move_id", "in", self.ids),
        ]

    def _compute_receipt_count(self):
        self.receipt_count = 0
        moves = self.filtered("id")
        if not moves or not self.env["account.receipt"].has_access("read"):
            return
        counts = dict.fromkeys(moves.ids, 0)
        for invoice, receipts in self.env["account.receipt.line"]._read_group(
            [("invoice_id", "in", moves.ids), ("receipt_id.state", "!=", "cancel")],
            ["invoice_id"],
            ["receipt_id:count_distinct"],
        ):
            counts[invoice.id] += receipts
        for move, number in self.env["account.receipt"]._read_group(
            [("move_id", "in", moves.ids), ("state", "!=", "cancel")],
            ["move_id"],
            ["__count"],
        ):
            counts[move.id] += number
        for move in moves:
            move.receipt_count = counts[move.id]

    def action_open_receipts(self):
        """Open the receipts of :meth:`_get_receipt_domain`: the receipt itself when
        there is one."""
        self.ensure_one()
        receipts = self.env["account.receipt"].search(self._get_receipt_domain())
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_receipt_preid.account_receipt_action"
        )
        if len(receipts) == 1:
            action.update(
                {
                    "res_id": receipts.id,
                    "view_mode": "form",
                    "views": [(False, "form")],
                    "name": receipts.name,
                }
            )
            return action
        action.update(
            {
                "domain": [("id", "in", receipts.ids)],
                "name": self.env._("Receipts of %(move)s", move=self.display_name),
                "context": {"create": False},
            }
        )
        return action

    def _receipt_remove_entries(self, reverse_values):
        """Remove these entries (a receipt's entry, PreID application entries) as Odoo
        removes a payment's: undo their matching, then reverse the entries that may not
        be deleted (hashed, or dated in a locked period) with ``reverse_values`` (values
        of each reversal), cancel those that the audit trail keeps and delete the
        others.

        This is the owner's own path: the entries are released from the guard of
        :meth:`_check_receipt_owned_entries` (the receipt or invoice removing them no
        longer needs them)."""
        moves = release(self, RELEASE_ENTRIES)
        moves.line_ids.remove_move_reconcile()
        to_reverse = moves.filtered(lambda move: not move._can_be_unlinked())
        to_cancel = (moves - to_reverse).filtered(
            lambda move: move._is_protected_by_audit_trail()
        )
        to_unlink = moves - to_reverse - to_cancel
        if to_reverse:
            to_reverse._reverse_moves(
                default_values_list=[dict(reverse_values) for _move in to_reverse],
                cancel=True,
            )
        # button_cancel resets a posted entry to draft (undoing its matching) before
        # cancelling it
        to_cancel.filtered(lambda move: move.state != "cancel").button_cancel()
        to_unlink.filtered(
            lambda move: move.state in ("posted", "cancel")
        ).button_draft()
        # force_delete: an entry that is not the last of its sequence may still be
        # removed (not hashed, not locked)
        to_unlink.with_context(force_delete=True).unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid_by_posted_receipt(self):
        """An invoice or credit note that a posted receipt pays cannot be deleted: the
        receipt's line would lose its invoice and turn into a prepayment without a
        PreID. Reset the receipt to draft first."""
        lines = (
            self.env["account.receipt.line"]
            .sudo()
            .search(
                [("invoice_id", "in", self.ids), ("receipt_id.state", "=", "posted")]
            )
        )
        if lines:
            raise UserError(
                self.env._(
                    "%(invoices)s cannot be deleted: posted receipt %(receipts)s pays "
                    "it. Reset the receipt to draft first.",
                    invoices=", ".join(lines.invoice_id.mapped("display_name")),
                    receipts=", ".join(lines.receipt_id.mapped("name")),
                )
            )

    def _compute_payment_state(self):
        """A credit note paid back by a receipt is *Paid*, not *Reversed* (Odoo's state
        when a credit note is matched with journal entries only)."""
        res = super()._compute_payment_state()
        for refund in self.filtered(
            lambda move: (
                move.move_type == "out_refund" and move.payment_state == "reversed"
            )
        ):
            if refund._get_reconciled_amls().move_id.receipt_ids:
                refund.payment_state = "paid"
        return res

    def action_register_receipt(self):
        """Create a draft receipt paying the selected open customer invoices (one line
        per invoice) and open it."""
        invoices = self.filtered(
            lambda move: (
                move.move_type == "out_invoice"
                and move.state == "posted"
                and move.payment_state in ("not_paid", "partial")
            )
        )
        if not invoices:
            raise UserError(
                self.env._(
                    "Select at least one open (posted, not paid) customer invoice."
                )
            )
        if len(invoices.company_id) > 1:
            raise UserError(
                self.env._(
                    "The selected invoices belong to several companies; pick one "
                    "company's."
                )
            )
        receipt = self.env["account.receipt"].create(invoices._prepare_receipt_vals())
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.receipt",
            "res_id": receipt.id,
            "view_mode": "form",
            "name": receipt.name,
        }

    def _prepare_receipt_vals(self):
        """Values of the draft receipt created by *Register receipt* from these
        invoices: the company's first bank journal, the invoices' currency when they
        share one, one line per invoice."""
        company = self.company_id
        receipt_model = self.env["account.receipt"].with_company(company)
        journal = receipt_model._default_journal()
        currency = (
            self.currency_id if len(self.currency_id) == 1 else company.currency_id
        )
        vals = {
            "company_id": company.id,
            "journal_id": journal.id,
            "currency_id": (journal.currency_id or currency).id,
            "date": fields.Date.context_today(self),
        }
        vals["line_ids"] = [
            fields.Command.create(invoice._prepare_receipt_line_vals(vals))
            for invoice in self.sorted("id")
        ]
        return vals

    def _prepare_receipt_line_vals(self, receipt_vals):
        """Values of the receipt line paying this invoice's open amount."""
        self.ensure_one()
        currency = self.env["res.currency"].browse(receipt_vals["currency_id"])
        amount = self.amount_residual
        if currency != self.currency_id:
            amount = self.currency_id._convert(
                amount, currency, self.company_id, receipt_vals["date"]
            )
        return {
            "partner_id": self.commercial_partner_id.id,
            "invoice_id": self.id,
            "amount": amount,
            # the exact open amount: no residue from the conversion into the receipt
            # currency and back
            "invoice_amount": self.amount_residual,
            "payment_reference": self.payment_reference,
        }
