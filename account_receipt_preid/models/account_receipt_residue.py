# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Small residues: a receipt never leaves an invoice open by a rounding or exchange-rate
residue unless the accountant confirms it (issue 15.5)."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountReceipt(models.Model):
    _inherit = "account.receipt"  # pylint: disable=consider-merging-classes-inherited

    confirm_small_residues = fields.Boolean(
        string="Leave Small Residues Open",
        copy=False,
        tracking=True,
        help=(
            "Post the receipt even though it leaves some invoices open by a small "
            "residue (at most the company's Small Residue percentage of their open "
            "amount)."
        ),
    )
    small_residue_info = fields.Text(
        string="Small Residues",
        compute="_compute_small_residue_info",
        help=(
            "Invoices this draft receipt would leave open by a small residue, with "
            "the residue."
        ),
    )

    @api.depends(
        "state",
        "date",
        "bank_rate",
        "currency_id",
        "line_ids.invoice_id",
        "line_ids.amount",
        "line_ids.fee_amount",
        "line_ids.invoice_amount",
    )
    def _compute_small_residue_info(self):
        for receipt in self:
            residues = receipt._get_small_residues() if receipt.state == "draft" else []
            receipt.small_residue_info = self._format_small_residues(residues)

    def _format_small_residues(self, residues):
        """One line per ``(invoice, residue)`` of :meth:`_get_small_residues`."""
        return "\n".join(
            self.env._(
                "%(invoice)s (%(partner)s) stays open by %(residue)s.",
                invoice=invoice.name,
                partner=invoice.commercial_partner_id.display_name,
                residue=invoice.currency_id.format(residue),
            )
            for invoice, residue in residues
        )

    def _get_small_residues(self):
        """``[(invoice, residue)]`` of the invoices the receipt's lines would leave open
        by a small residue (in the invoice's currency): more than zero and at most the
        company's *Small Residue* percentage of the open amount before the receipt. A
        larger residue is taken as a deliberate partial payment; 0 % switches the check
        off."""
        self.ensure_one()
        percent = self.company_id.receipt_small_residue_percent
        if percent <= 0:
            return []
        residues = []
        for invoice, amount in self._get_applied_by_invoice().items():
            currency = invoice.currency_id
            open_amount = invoice.amount_residual
            residue = currency.round(open_amount - abs(amount))
            if (
                currency.compare_amounts(residue, 0) > 0
                and currency.compare_amounts(residue, open_amount * percent / 100.0)
                <= 0
            ):
                residues.append((invoice, residue))
        return residues

    def _get_applied_by_invoice(self):
        """``{invoice: amount}`` the receipt's lines apply to each invoice, in the
        invoice's currency (negative for credit notes paid back)."""
        self.ensure_one()
        applied = defaultdict(float)
        for line in self.line_ids:
            if line.invoice_id:
                applied[line.invoice_id] += line._get_applied_amount()
        return applied

    def _check_lines(self):
        """Also refuse to leave invoices open by a small residue unless *Leave Small
        Residues Open* is ticked."""
        res = super()._check_lines()
        self._check_small_residues()
        return res

    def _check_small_residues(self):
        """Refuse the receipt when :meth:`_get_small_residues` finds invoices and the
        accountant did not confirm."""
        self.ensure_one()
        if self.confirm_small_residues:
            return
        residues = self._get_small_residues()
        if residues:
            raise UserError(
                self.env._(
                    "Receipt %(name)s would leave invoices open by a small "
                    "residue:\n%(residues)s\nCorrect the amounts (a later change of "
                    "date, bank rate or fee does not change a typed amount), or tick "
                    "Leave Small Residues Open to post it as it is.",
                    name=self.name,
                    residues=self._format_small_residues(residues),
                )
            )
