# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Deductible VAT of a fee: the fee the bank withholds (e.g. the factoring commission
with its VAT) is split into its net amount on the bank services account and its VAT on
the input-VAT account of the payment mode's Fee VAT tax, with the tax's repartition
lines and tax grids, so that the VAT return sees it."""

from odoo import Command, models

from odoo.addons.account_receipt_preid.models.account_receipt import ROLE_FEE

#: role of the VAT items split from a fee (grouped like the fee items, per tax
#: repartition line and tax grids)
ROLE_FEE_TAX = "fee_tax"


def _command_ids(commands):
    """The ids set by a ``[Command.set(ids)]`` x2many value (as the split below writes
    them)."""
    return tuple(
        sorted(
            id_
            for command in commands or ()
            if command[0] == Command.SET
            for id_ in command[2]
        )
    )


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"  # pylint: disable=consider-merging-classes-inherited

    def _get_fee_tax(self):
        """The purchase tax the fee includes when its VAT is deductible (Fee VAT of the
        payment mode), else an empty recordset: the whole fee then goes to the bank
        services account."""
        self.ensure_one()
        return self.receipt_id.journal_id.receipt_fee_tax_id

    def _prepare_move_line_vals(self, rate=None):
        result = super()._prepare_move_line_vals(rate=rate)
        tax = self._get_fee_tax()
        if not tax or self.currency_id.is_zero(self.fee_amount):
            return result
        split = []
        for role, vals in result:
            split.extend(
                self._split_fee_line_vals(vals, tax, rate)
                if role == ROLE_FEE
                else [(role, vals)]
            )
        return split

    def _split_fee_line_vals(self, vals, tax, rate=None):
        """``[(role, values)]`` replacing the fee item ``vals``: the net fee (same
        account, with the tax and its base tax grids) and one VAT item per tax
        repartition line (its account and tax grids). The fee amount is taken as tax
        included, whatever the tax's own setting; the items add up to the fee
        exactly."""
        self.ensure_one()
        currency = self.currency_id
        sign = -1 if self.fee_amount < 0 else 1
        computed = tax.with_context(force_price_include=True).compute_all(
            abs(self.fee_amount),
            currency=currency,
            is_refund=sign < 0,
            partner=self.partner_id.commercial_partner_id,
        )
        net_amount_currency = vals["amount_currency"] - sum(
            sign * currency.round(tax_vals["amount"]) for tax_vals in computed["taxes"]
        )
        net_balance = vals["balance"] - sum(
            self.receipt_id._convert_to_company(
                sign * currency.round(tax_vals["amount"]), rate
            )
            for tax_vals in computed["taxes"]
        )
        tax_items = []
        for tax_vals in computed["taxes"]:
            amount_currency = sign * currency.round(tax_vals["amount"])
            if currency.is_zero(amount_currency):
                continue
            tax_items.append(
                (
                    ROLE_FEE_TAX,
                    {
                        "account_id": tax_vals["account_id"] or vals["account_id"],
                        "partner_id": vals.get("partner_id"),
                        "name": self.env._(
                            "%(tax)s: %(label)s",
                            tax=tax_vals["name"],
                            label=self._get_label(),
                        ),
                        "balance": self.receipt_id._convert_to_company(
                            amount_currency, rate
                        ),
                        "amount_currency": amount_currency,
                        "currency_id": vals["currency_id"],
                        "tax_repartition_line_id": tax_vals["tax_repartition_line_id"],
                        "tax_ids": [Command.set(tax_vals["tax_ids"])],
                        "tax_tag_ids": [Command.set(tax_vals["tag_ids"])],
                        "tax_base_amount": net_balance,
                    },
                )
            )
        net = dict(
            vals,
            balance=net_balance,
            amount_currency=net_amount_currency,
            tax_ids=[Command.set(tax.ids)],
            tax_tag_ids=[Command.set(computed["base_tags"])],
        )
        return [(ROLE_FEE, net), *tax_items]


class AccountReceipt(models.Model):
    _inherit = "account.receipt"  # pylint: disable=consider-merging-classes-inherited

    def _get_move_line_group_key(self, line, role, vals, settled_invoices):
        """Items with taxes are summed only with items of the same taxes, repartition
        line and tax grids."""
        key = super()._get_move_line_group_key(line, role, vals, settled_invoices)
        taxes = (
            vals.get("tax_repartition_line_id"),
            _command_ids(vals.get("tax_ids")),
            _command_ids(vals.get("tax_tag_ids")),
        )
        if any(taxes):
            key += (taxes,)
        return key

    def _group_move_lines(self, items):
        """The VAT items split from fees carry the sum of their bases
        (``tax_base_amount``) once summed."""
        groups = super()._group_move_lines(items)
        if not any("tax_base_amount" in vals for _line, _role, vals in items):
            return groups
        settled = self._get_fully_settled_invoices()
        bases = {}  # group key -> summed base, in the order the groups were made
        for line, role, vals in items:
            key = self._get_move_line_group_key(line, role, vals, settled)
            bases[key] = bases.get(key, 0.0) + vals.get("tax_base_amount", 0.0)
        for (vals, _lines), base in zip(groups, bases.values(), strict=True):
            if "tax_base_amount" in vals:
                vals["tax_base_amount"] = self.company_id.currency_id.round(base)
        return groups
