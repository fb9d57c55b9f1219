# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Refund payment file on receipts: which lines pay money back and what was exported
(issue 15.6)."""

from odoo import api, fields, models

#: line kinds paying money back to the customer (a SEPA credit transfer pays them)
REFUND_KINDS = ("refund", "credit_note_refund")


class AccountReceipt(models.Model):
    _inherit = "account.receipt"  # pylint: disable=consider-merging-classes-inherited

    refund_line_count = fields.Integer(
        string="Refund Lines",
        compute="_compute_refund_line_count",
        help=(
            "Lines paying money back to customers (prepayment and credit-note "
            "refunds), whatever the receipt's total: the refund payment file pays "
            "them."
        ),
    )

    @api.depends("line_ids.kind")
    def _compute_refund_line_count(self):
        for receipt in self:
            receipt.refund_line_count = len(receipt.line_ids._filter_refund_lines())


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"  # pylint: disable=consider-merging-classes-inherited

    refund_exported_at = fields.Datetime(
        string="Refund Exported On",
        readonly=True,
        copy=False,
        help="When the refund of this line was last exported in a payment file.",
    )
    refund_exported_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        copy=False,
    )
    refund_export_file_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Refund Payment File",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The last payment file this refund was exported in.",
    )

    def _filter_refund_lines(self):
        """The lines among these that pay money back (a negative amount, prepayment or
        credit-note refund)."""
        return self.filtered(lambda line: line.kind in REFUND_KINDS and line.amount < 0)

    def _mark_refund_exported(self, attachment):
        """Record that these refund lines were exported in ``attachment`` now, by the
        current user."""
        self.write(
            {
                "refund_exported_at": fields.Datetime.now(),
                "refund_exported_by_id": self.env.user.id,
                "refund_export_file_id": attachment.id,
            }
        )
