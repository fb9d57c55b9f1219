# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A click on a PreID in the invoice's Prepayments list fills in the amount the invoice
still needs (the seed's double-click on the *Chosen* column)."""

from odoo import models
from odoo.exceptions import UserError


class AccountPrepaymentPick(models.Model):
    _inherit = "account.prepayment.pick"

    def action_fill_uncovered(self):
        """Pick from this PreID what the invoice's other picks leave uncovered of its
        prepayment to apply (:meth:`account.move._get_preid_uncovered_amount`), up to
        the PreID's usable balance."""
        self.ensure_one()
        invoice = self.invoice_id
        problem = self._get_invoice_mismatch()
        if problem:
            raise UserError(problem)
        uncovered = invoice._get_preid_uncovered_amount(except_picks=self)
        if invoice.currency_id.compare_amounts(uncovered, 0) <= 0:
            raise UserError(
                self.env._(
                    "Invoice %(invoice)s needs no more prepayment: the PreIDs picked "
                    "already cover its prepayment to apply. Lower another pick first "
                    "to take from %(preid)s.",
                    invoice=invoice.display_name,
                    preid=self.prepayment_id.name,
                )
            )
        self.amount = self._get_fill_amount(uncovered)
        return True

    def _get_fill_amount(self, uncovered):
        """The amount (PreID currency) to pick for ``uncovered`` (invoice currency):
        converted at Odoo's rate of the invoice's date when the currencies differ, never
        more than the PreID's usable balance."""
        self.ensure_one()
        invoice = self.invoice_id
        prepayment = self.prepayment_id
        amount = uncovered
        if prepayment.currency_id != invoice.currency_id:
            amount = invoice.currency_id._convert(
                uncovered,
                prepayment.currency_id,
                invoice.company_id,
                invoice.date or invoice.invoice_date,
            )
        return prepayment.currency_id.round(min(amount, prepayment.usable_balance))
