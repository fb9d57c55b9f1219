# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountPrepayment(models.Model):
    _inherit = "account.prepayment"

    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sales Order",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help=(
            "The sales order this prepayment was received for (from its receipt "
            "line): the order's invoices use it before the customer's other PreIDs."
        ),
    )


class AccountPrepaymentPick(models.Model):
    _inherit = "account.prepayment.pick"

    prepayment_sale_order_id = fields.Many2one(
        related="prepayment_id.sale_order_id", string="Sales Order"
    )
