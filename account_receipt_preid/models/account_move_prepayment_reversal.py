# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A customer invoice cancelled by its reversal (the reversal wizard's *Reverse and
Create Invoice*, or any reversal with ``cancel=True``) gives its PreIDs back, as its
Cancel does."""

from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def _reverse_moves(self, default_values_list=None, cancel=False):
        """Before Odoo unmatches the invoices it reverses with ``cancel`` (their credit
        notes then settle them in full), release their PreID applications: the PreIDs
        get their balance back and the application entries are removed, so that the new
        invoice of *Reverse and Create Invoice* takes them again when it is posted. A
        plain credit note (``cancel`` false) leaves the invoice paid by its PreIDs."""
        if cancel:
            self._get_prepayment_invoices_to_release()._reverse_prepayment_applications()
        return super()._reverse_moves(
            default_values_list=default_values_list, cancel=cancel
        )

    def _get_prepayment_invoices_to_release(self):
        """The customer invoices among these whose reversal releases their PreIDs."""
        return self.filtered(
            lambda move: move.move_type == "out_invoice" and move.state == "posted"
        )
