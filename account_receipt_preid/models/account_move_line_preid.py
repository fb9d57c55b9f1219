# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The PreID on journal items (issue 11.5): the prepayment items of receipts (a
prepayment received, a netting or refund consuming a PreID) and of application entries
carry their PreID, in a field of the journal item (shown and searchable in the journal
items list) and in the label."""

from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"  # pylint: disable=consider-merging-classes-inherited

    receipt_prepayment_id = fields.Many2one(
        comodel_name="account.prepayment",
        string="PreID",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help=(
            "The PreID this journal item moves: the prepayment a receipt line "
            "received, the PreID a netting or refund line consumed, or the PreID an "
            "application entry applied to an invoice."
        ),
    )

    def _get_receipt_label_with_prepayments(self, prepayments):
        """The item's label with the PreID numbers first (those not already in it)."""
        self.ensure_one()
        label = self.name or ""
        missing = [
            name
            for name in prepayments.sorted("id").mapped("name")
            if name not in label
        ]
        return " ".join([*missing, label]).strip()


class AccountReceipt(models.Model):
    _inherit = "account.receipt"  # pylint: disable=consider-merging-classes-inherited

    def _get_move_line_group_key(self, line, role, vals, settled_invoices):
        """A prepayment item that creates a PreID is never summed with another: each
        PreID has its own item, with its number (seed §7: the PreID identifies the
        prepayment in the books)."""
        key = super()._get_move_line_group_key(line, role, vals, settled_invoices)
        if line._creates_prepayment() and role == line._get_prepayment_item_role():
            key += (("preid_line", line.id),)
        return key

    def _after_post(self, move, groups):
        res = super()._after_post(move, groups)
        self._write_prepayment_on_move_lines(move, groups)
        return res

    def _get_prepayments_by_line(self):
        """``{receipt line: PreIDs it created or consumed}`` (named, or taken FIFO),
        with one search."""
        self.ensure_one()
        result = {
            line: line.created_prepayment_id | line.prepayment_id
            for line in self.line_ids
        }
        allocations = self.env["account.prepayment.allocation"].search(
            [("receipt_line_id", "in", self.line_ids.ids)]
        )
        for allocation in allocations:
            result[allocation.receipt_line_id] |= allocation.prepayment_id
        return result

    def _write_prepayment_on_move_lines(self, move, groups):
        """Put the PreID of each prepayment item (the item of a line on its prepayment
        account) on the item and in its label. Items whose lines move several PreIDs
        (FIFO over several, summed lines) list them all in the label and leave the field
        empty."""
        self.ensure_one()
        by_line = None
        for aml, (_vals, lines) in zip(move.line_ids.sorted("id"), groups, strict=True):
            prepayment_lines = lines.filtered(
                lambda line, aml=aml: (
                    line.kind in ("prepayment", "refund", "netting")
                    and aml.account_id == line._get_prepayment_account()
                )
            )
            if not prepayment_lines:
                continue
            if by_line is None:
                by_line = self._get_prepayments_by_line()
            prepayments = self.env["account.prepayment"].union(
                *(by_line[line] for line in prepayment_lines)
            )
            if not prepayments:
                continue
            vals = {"name": aml._get_receipt_label_with_prepayments(prepayments)}
            if len(prepayments) == 1:
                vals["receipt_prepayment_id"] = prepayments.id
            aml.write(vals)


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def _prepare_prepayment_application_move(self, allocations, journal=None):
        """Every item of an application entry names its PreID (its label already
        does)."""
        vals = super()._prepare_prepayment_application_move(
            allocations, journal=journal
        )
        commands = [
            command
            for command in vals["line_ids"]
            if command[0] == fields.Command.CREATE
        ]
        for prepayment, _amount, _invoice_amount in allocations:
            for command in commands:
                line_vals = command[2]
                if not line_vals.get("receipt_prepayment_id") and prepayment.name in (
                    line_vals.get("name") or ""
                ):
                    line_vals["receipt_prepayment_id"] = prepayment.id
        return vals
