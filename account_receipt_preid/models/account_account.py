# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import ValidationError

#: account types a customer prepayment may be booked on: money owed to the customer
#: until it is invoiced
PREPAYMENT_ACCOUNT_TYPES = ("liability_current", "liability_non_current")


class AccountAccount(models.Model):
    _inherit = "account.account"

    def _check_receipt_prepayment_account_type(self, where):
        """Refuse this account as a customer prepayment account unless it is a liability
        (:data:`PREPAYMENT_ACCOUNT_TYPES`). ``where`` names the setting or line, e.g.
        "company X"."""
        for account in self:
            if account.account_type not in PREPAYMENT_ACCOUNT_TYPES:
                types = dict(
                    self._fields["account_type"]._description_selection(self.env)
                )
                raise ValidationError(
                    self.env._(
                        "Account %(account)s (%(type)s) cannot hold the customer "
                        "prepayments of %(where)s: a prepayment is owed to the "
                        "customer until it is invoiced, so its account must be a "
                        "Current Liabilities or Non-current Liabilities account (e.g. "
                        "5210 Advances received from customers).",
                        account=account.display_name,
                        type=types.get(account.account_type, account.account_type),
                        where=where,
                    )
                )
