# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""PreIDs in a foreign currency leave the prepayment account at the rate they came in.

A USD prepayment received at 1.25 USD/EUR is 80 EUR on the prepayment account. Refunded
(or netted) when the rate is 1.00, the receipt's item at its own rate would debit 100
EUR: the customer's prepayment would be 0 USD but -20 EUR. As the application entries of
invoices already do, a line consuming PreIDs debits the prepayment account with their
historical company value, and the difference goes to the company's exchange gain or loss
account."""

from collections import defaultdict

from odoo import models

from .account_receipt import ROLE_COUNTERPART, ROLE_MONEY

#: role of the exchange difference item of a line consuming PreIDs in a foreign currency
ROLE_EXCHANGE = "prepayment_exchange"


class AccountReceipt(models.Model):
    _inherit = "account.receipt"  # pylint: disable=consider-merging-classes-inherited

    def _prepare_move_line_vals_list(self):
        """Book the prepayment items of the lines consuming foreign-currency PreIDs at
        the PreIDs' historical value (:meth:`_plan_prepayment_takes`), with an exchange
        difference item for the rest."""
        items = super()._prepare_move_line_vals_list()
        if self.currency_id == self.company_id.currency_id:
            return items
        plan = self._plan_prepayment_takes()
        result = []
        for line, role, vals in items:
            result.append((line, role, vals))
            if line not in plan or role != line._get_prepayment_item_role():
                continue
            historical = sum(
                prepayment._get_company_value(amount)
                for prepayment, amount in plan[line]
            )
            difference = self.company_id.currency_id.round(vals["balance"] - historical)
            if self.company_id.currency_id.is_zero(difference):
                continue
            vals["balance"] = historical
            result.append(
                (
                    line,
                    ROLE_EXCHANGE,
                    line._prepare_prepayment_exchange_line_vals(difference),
                )
            )
        return result

    def _plan_prepayment_takes(self):
        """``{line: [(PreID, amount)]}``: what each line consuming PreIDs will take, as
        the allocation does it after posting (:meth:`_allocate_line_prepayments`: the
        named PreIDs first, then FIFO line by line). The PreIDs are locked here, so the
        allocation finds the same balances."""
        self.ensure_one()
        consuming = self.line_ids.filtered(lambda line: line._consumes_prepayment())
        named = consuming.filtered("prepayment_id")
        fifo = {line: line._get_fifo_prepayments() for line in consuming - named}
        candidates = (
            named.prepayment_id.union(*fifo.values()) if fifo else named.prepayment_id
        )
        candidates._lock_for_allocation()
        left = defaultdict(
            float, {prepayment: prepayment.usable_balance for prepayment in candidates}
        )
        plan = {}
        for line in named:
            take = line._get_prepayment_take()
            plan[line] = [(line.prepayment_id, take)]
            left[line.prepayment_id] -= take
        for line, prepayments in fifo.items():
            currency = line.currency_id
            wanted = line._get_prepayment_take()
            plan[line] = []
            for prepayment in prepayments:
                if currency.compare_amounts(wanted, 0) <= 0:
                    break
                take = currency.round(min(left[prepayment], wanted))
                if currency.compare_amounts(take, 0) > 0:
                    plan[line].append((prepayment, take))
                    left[prepayment] -= take
                    wanted = currency.round(wanted - take)
        return plan


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"  # pylint: disable=consider-merging-classes-inherited

    def _get_prepayment_item_role(self):
        """Role of the item of this line on the prepayment account: the money item of a
        netting line (it debits the prepayment), the counterpart of a refund line."""
        self.ensure_one()
        return ROLE_MONEY if self.kind == "netting" else ROLE_COUNTERPART

    def _prepare_prepayment_exchange_line_vals(self, difference):
        """Exchange difference item of ``difference`` (company currency; positive: the
        prepayment account was debited more at the receipt rate than it was credited at
        the PreIDs' rates, an exchange loss)."""
        self.ensure_one()
        company = self.company_id
        account = (
            company.expense_currency_exchange_account_id
            if difference > 0
            else company.income_currency_exchange_account_id
        )
        return {
            "account_id": account.id,
            "partner_id": self.partner_id.commercial_partner_id.id,
            "name": self.env._(
                "Exchange difference: %(label)s", label=self._get_label()
            ),
            "balance": difference,
            "amount_currency": difference,
            "currency_id": company.currency_id.id,
        }
