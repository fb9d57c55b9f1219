# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer invoice's own prepayment amount (Directo's *prepayment amount*): how
much of it PreIDs settle when it is posted, and whether FIFO may touch it at all."""

from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    preid_prepayment_amount = fields.Monetary(
        string="Prepayment to Apply",
        currency_field="currency_id",
        compute="_compute_preid_prepayment_amount",
        inverse="_inverse_preid_prepayment_amount",
        help=(
            "Part of this invoice (its currency) that the customer's PreIDs settle "
            "when it is posted: the PreIDs picked in its Prepayments list first, then "
            "FIFO over the others up to this amount. By default the whole invoice, or "
            "nothing when the company does not apply prepayments automatically (then "
            "a typed amount is still taken FIFO)."
        ),
    )
    preid_prepayment_amount_typed = fields.Monetary(
        string="Typed Prepayment to Apply",
        currency_field="currency_id",
        copy=False,
        help=(
            "Part of this invoice (its currency) that the customer's PreIDs settle "
            "when it is posted: the PreIDs picked in its Prepayments list first, then "
            "FIFO over the others up to this amount."
        ),
    )
    preid_prepayment_amount_manual = fields.Boolean(
        string="Set Prepayment to Apply",
        copy=False,
        help=(
            "Apply prepayments up to an amount typed on this invoice instead of the "
            "default (the whole invoice, or nothing when the company does not apply "
            "prepayments automatically). A typed amount is taken FIFO even then."
        ),
    )
    preid_fifo_excluded = fields.Boolean(
        string="Keep Out of FIFO",
        copy=False,
        help=(
            "FIFO takes no PreID for this invoice when it is posted: only the PreIDs "
            "picked in its Prepayments list are applied."
        ),
    )

    @api.depends(
        "move_type",
        "amount_total",
        "company_id.receipt_prepayment_auto_fifo",
        "preid_prepayment_amount_manual",
        "preid_prepayment_amount_typed",
    )
    def _compute_preid_prepayment_amount(self):
        for move in self:
            move.preid_prepayment_amount = move._get_default_preid_prepayment_amount()

    def _get_default_preid_prepayment_amount(self):
        """The prepayment to apply of this invoice: the typed one, else the whole
        invoice when the company applies prepayments automatically (FIFO), else none."""
        self.ensure_one()
        if self.move_type != "out_invoice":
            return 0.0
        if self.preid_prepayment_amount_manual:
            return self.preid_prepayment_amount_typed
        return self._get_automatic_preid_prepayment_amount()

    def _get_automatic_preid_prepayment_amount(self):
        """The prepayment to apply of a customer invoice nobody typed one on: the whole
        invoice when the company applies prepayments automatically (FIFO), else none."""
        self.ensure_one()
        return (
            self.amount_total if self.company_id.receipt_prepayment_auto_fifo else 0.0
        )

    def _inverse_preid_prepayment_amount(self):
        for move in self:
            move.write(
                {
                    "preid_prepayment_amount_typed": max(
                        move.preid_prepayment_amount, 0.0
                    ),
                    "preid_prepayment_amount_manual": True,
                }
            )

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(
            [self._convert_preid_prepayment_amount_vals(vals) for vals in vals_list]
        )

    def write(self, vals):
        return super().write(self._convert_preid_prepayment_amount_vals(vals))

    @api.model
    def _convert_preid_prepayment_amount_vals(self, vals):
        """A *Prepayment to Apply* written (by code or RPC) is stored as typed: the
        field itself is computed, and its inverse would run only once the invoice's
        lines are created. The form edits the typed amount directly
        (:attr:`preid_prepayment_amount_typed`, shown once *Set Prepayment to Apply* is
        ticked), so that a value the web client computed before the invoice's total
        changed is never taken for a typed one."""
        if "preid_prepayment_amount" not in vals:
            return vals
        vals = dict(vals)
        vals["preid_prepayment_amount_typed"] = max(
            vals.pop("preid_prepayment_amount") or 0.0, 0.0
        )
        vals["preid_prepayment_amount_manual"] = True
        return vals

    @api.onchange("preid_prepayment_amount_manual")
    def _onchange_preid_prepayment_amount_manual(self):
        """Ticking *Set Prepayment to Apply* starts from the automatic amount."""
        for move in self:
            if (
                move.preid_prepayment_amount_manual
                and not move.preid_prepayment_amount_typed
            ):
                move.preid_prepayment_amount_typed = (
                    move._get_automatic_preid_prepayment_amount()
                )

    def _takes_prepayments_fifo(self):
        """FIFO settles this invoice unless it is kept out of FIFO or has no prepayment
        to apply (a typed amount is taken FIFO even when the company does not apply
        prepayments automatically)."""
        self.ensure_one()
        if self.preid_fifo_excluded:
            return False
        return self.currency_id.compare_amounts(self.preid_prepayment_amount, 0) > 0

    def _get_prepayment_fifo_amount(self, open_amount, picked):
        """FIFO covers what the picks leave of the invoice's prepayment to apply, never
        more than is open."""
        amount = super()._get_prepayment_fifo_amount(open_amount, picked)
        return self.currency_id.round(
            max(min(amount, self.preid_prepayment_amount - picked), 0.0)
        )

    def _get_preid_uncovered_amount(self, except_picks=None):
        """What the picks (other than ``except_picks``) leave uncovered of this draft
        invoice (invoice currency): its prepayment to apply, or its whole amount when it
        has none, less the amounts picked."""
        self.ensure_one()
        target = self.preid_prepayment_amount
        if self.currency_id.compare_amounts(target, 0) <= 0:
            target = self.amount_total
        target = min(target, self.amount_total)
        picks = self.preid_pick_ids - (
            except_picks or self.env["account.prepayment.pick"]
        )
        picked = sum(
            self._get_prepayment_invoice_amount(pick.prepayment_id, pick.amount)
            for pick in picks
        )
        return self.currency_id.round(max(target - picked, 0.0))
