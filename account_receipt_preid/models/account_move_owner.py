# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A receipt owns its journal entry and an invoice owns its PreID application entries,
as Odoo's ``account.payment`` owns its move: Odoo's own buttons on the entry (Reset to
Draft, Cancel, Delete, Reverse) and ORM writes on the entry or its items are refused
with a message naming the document to use. Only the owner's own methods
(:meth:`account.move._receipt_remove_entries`) release the entry."""

from odoo import api, models
from odoo.exceptions import UserError

from .owner_release import RELEASE_ENTRIES, released_ids


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    #: entry fields only the owning receipt or invoice may change (``state`` only away
    #: from *posted*)
    _RECEIPT_OWNED_MOVE_FIELDS = (
        "state",
        "date",
        "journal_id",
        "currency_id",
        "company_id",
        "partner_id",
        "move_type",
        "line_ids",
        "invoice_line_ids",
    )

    def _get_receipt_entry_owners(self):
        """``{entry id: owner}`` for the entries among these owned by a document of this
        module: the receipt whose journal entry it is, or the PreID allocations of the
        invoice whose application entry it is. Read as superuser: the guard must hold
        whatever the caller may read."""
        ids = [move_id for move_id in self.ids if isinstance(move_id, int)]
        if not ids:
            return {}
        owners = {}
        for receipt in (
            self.env["account.receipt"].sudo().search([("move_id", "in", ids)])
        ):
            owners[receipt.move_id.id] = receipt
        allocations = (
            self.env["account.prepayment.allocation"]
            .sudo()
            .search([("move_id", "in", ids), ("kind", "=", "invoice")])
        )
        for move_id, move_allocations in allocations.grouped(
            lambda allocation: allocation.move_id.id
        ).items():
            owners.setdefault(move_id, move_allocations)
        return owners

    def _get_receipt_owner_message(self, owner):
        """The refusal shown when this entry, owned by ``owner`` (a receipt, or the
        PreID allocations of an invoice), is changed directly."""
        self.ensure_one()
        if owner._name == "account.receipt":
            return self.env._(
                "Journal entry %(entry)s is the entry of receipt %(receipt)s: it can "
                "only be reset, cancelled, reversed, deleted or changed through the "
                "receipt. Use Reset to Draft or Cancel on receipt %(receipt)s.",
                entry=self.display_name,
                receipt=owner.name,
            )
        return self.env._(
            "Journal entry %(entry)s applies PreID %(preids)s to invoice %(invoice)s: "
            "it can only be reset, cancelled, reversed, deleted or changed through "
            "the invoice. Reset the invoice to draft, which gives the PreIDs their "
            "balance back.",
            entry=self.display_name,
            preids=", ".join(owner.prepayment_id.mapped("name")),
            invoice=", ".join(owner.invoice_id.mapped("display_name")),
        )

    def _check_receipt_owned_entries(self):
        """Refuse to change these entries when a receipt or an invoice owns them, unless
        the owner's own method released them."""
        released = released_ids(self.env, RELEASE_ENTRIES)
        moves = self.filtered(lambda move: move.id not in released)
        if not moves:
            return
        owners = moves.sudo()._get_receipt_entry_owners()
        for move in moves:
            if move.id in owners:
                raise UserError(move._get_receipt_owner_message(owners[move.id]))

    def write(self, vals):
        fields = set(vals) & set(self._RECEIPT_OWNED_MOVE_FIELDS)
        if fields == {"state"} and vals["state"] == "posted":
            fields = set()
        if fields:
            self.filtered(
                lambda move: (
                    move.state != "draft"
                    and any(
                        self._field_will_change(move, vals, fname) for fname in fields
                    )
                )
            )._check_receipt_owned_entries()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_owned_by_receipt(self):
        self._check_receipt_owned_entries()

    def button_draft(self):
        self._check_receipt_owned_entries()
        return super().button_draft()

    def button_cancel(self):
        self._check_receipt_owned_entries()
        return super().button_cancel()

    def _reverse_moves(self, default_values_list=None, cancel=False):
        self._check_receipt_owned_entries()
        return super()._reverse_moves(
            default_values_list=default_values_list, cancel=cancel
        )


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    #: journal item fields only the owning receipt or invoice may change
    _RECEIPT_OWNED_LINE_FIELDS = (
        "move_id",
        "account_id",
        "partner_id",
        "debit",
        "credit",
        "balance",
        "amount_currency",
        "currency_id",
        "company_id",
        "tax_ids",
        "tax_line_id",
        "display_type",
    )

    def _check_receipt_owned_moves(self, moves):
        """Refuse to add, change or remove items of ``moves`` that a receipt or an
        invoice owns (posted ones: a draft entry is never owned)."""
        moves.filtered(
            lambda move: move.state != "draft"
        )._check_receipt_owned_entries()

    @api.model_create_multi
    def create(self, vals_list):
        move_ids = {vals["move_id"] for vals in vals_list if vals.get("move_id")}
        if move_ids:
            self._check_receipt_owned_moves(self.env["account.move"].browse(move_ids))
        return super().create(vals_list)

    def write(self, vals):
        fields = set(vals) & set(self._RECEIPT_OWNED_LINE_FIELDS)
        if fields:
            Move = self.env["account.move"]
            changed = self.filtered(
                lambda line: any(
                    Move._field_will_change(line, vals, fname) for fname in fields
                )
            )
            moves = changed.move_id
            if "move_id" in vals and changed:
                moves |= Move.browse(vals["move_id"])
            self._check_receipt_owned_moves(moves)
        return super().write(vals)

    def unlink(self):
        # before Odoo's own checks of unlink (reconciliation, lock dates), so that the
        # message names the owner
        self._check_receipt_owned_moves(self.move_id)
        return super().unlink()
