# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""PreID application entries stay matched with their invoice while the allocations
exist."""

from odoo import api, models
from odoo.exceptions import UserError


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    def _get_prepayment_allocations(self):
        """The live PreID allocations whose application entry one of these matchings
        belongs to."""
        moves = (self.debit_move_id | self.credit_move_id).move_id
        if not moves:
            return self.env["account.prepayment.allocation"]
        return (
            self.env["account.prepayment.allocation"]
            .sudo()
            .search([("move_id", "in", moves.ids), ("kind", "=", "invoice")])
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_prepayment_application(self):
        """Unmatching an application entry by hand would leave the PreID used while the
        invoice is open again; the invoice's Reset to Draft (or Cancel) releases the
        PreID and removes the entry instead."""
        allocations = self._get_prepayment_allocations()
        if allocations:
            allocation = allocations[0]
            raise UserError(
                self.env._(
                    "The matching of %(entry)s belongs to the PreID %(preid)s applied "
                    "to invoice %(invoice)s and cannot be removed by hand. Reset the "
                    "invoice to draft to release the PreID.",
                    entry=allocation.move_id.name,
                    preid=allocation.prepayment_id.name,
                    invoice=allocation.invoice_id.name,
                )
            )
