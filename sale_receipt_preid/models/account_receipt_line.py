# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.account_receipt_preid.models.account_receipt_line import (
    AccountReceiptLine as BaseLine,
)


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"

    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sales Order",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        domain=(
            "[('state', '=', 'sale'), ('partner_id', 'child_of', "
            "commercial_partner_id)]"
        ),
        help=(
            "The confirmed sales order this prepayment is for: its PreID carries the "
            "order, and the order's invoices use it first."
        ),
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", string="Commercial Customer"
    )

    #: the order is part of what the posted entry and the PreID were made from
    _POSTED_READONLY_FIELDS = (*BaseLine._POSTED_READONLY_FIELDS, "sale_order_id")

    @api.constrains("sale_order_id", "partner_id")
    def _check_sale_order(self):
        """A line's sales order is a confirmed order of the line's customer (commercial
        partner)."""
        for line in self.filtered("sale_order_id"):
            order = line.sale_order_id
            if (
                order.partner_id.commercial_partner_id
                != line.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Receipt %(receipt)s: sales order %(order)s is of "
                        "%(order_customer)s, the line's customer is %(customer)s.",
                        receipt=line.receipt_id.display_name,
                        order=order.name,
                        order_customer=order.partner_id.commercial_partner_id.display_name,
                        customer=line.partner_id.commercial_partner_id.display_name,
                    )
                )
            if order.state != "sale":
                raise ValidationError(
                    self.env._(
                        "Receipt %(receipt)s: sales order %(order)s is not confirmed; "
                        "a receipt can only be registered for a confirmed order.",
                        receipt=line.receipt_id.display_name,
                        order=order.name,
                    )
                )

    def _prepare_prepayment_vals(self):
        """The PreID carries the line's sales order."""
        vals = super()._prepare_prepayment_vals()
        if self.sale_order_id:
            vals["sale_order_id"] = self.sale_order_id.id
        return vals
