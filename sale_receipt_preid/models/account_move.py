# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _get_preid_sale_orders(self):
        """The sales orders this invoice bills (from its lines)."""
        self.ensure_one()
        return self.line_ids.sale_line_ids.order_id

    def _sort_prepayments_for_fifo(self, prepayments):
        """The PreIDs received for this invoice's sales orders first (oldest first),
        then the customer's others (oldest first)."""
        prepayments = super()._sort_prepayments_for_fifo(prepayments)
        orders = self._get_preid_sale_orders()
        if not orders:
            return prepayments
        mine = prepayments.filtered(
            lambda prepayment: prepayment.sale_order_id in orders
        )
        return mine + (prepayments - mine)
