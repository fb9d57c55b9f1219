# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Per-plan merging of analytic distributions (issue 11.4).

The seed's *object* and *project* are two analytic plans. Its rules ("the PreID row's
object, else the invoice's object"; "Prepayment takes object from Customer") choose a
source per dimension, not for the whole distribution: a PreID row with only a project
keeps the invoice's object, and the customer's object leaves the row's project in place.
An Odoo 18 ``analytic_distribution`` maps keys of comma-joined analytic account ids (one
account per plan) to a percentage; each root plan is read from the accounts'
``root_plan_id``."""

from collections import defaultdict

from odoo import api, models


def _split_key(key):
    """Analytic account ids of a distribution key (``"12,34"``)."""
    return [int(account_id) for account_id in str(key).split(",") if account_id.strip()]


class AccountAnalyticAccount(models.Model):
    _inherit = "account.analytic.account"

    @api.model
    def _receipt_browse_keys(self, distribution):
        """Analytic accounts named in the keys of ``distribution`` (that still
        exist)."""
        ids = {
            account_id for key in (distribution or {}) for account_id in _split_key(key)
        }
        return self.browse(sorted(ids)).exists()

    @api.model
    def _receipt_merge_distributions_by_plan(self, *distributions):
        """Merge ``distributions`` plan by plan: each root plan comes from the first
        distribution that has it.

        A key of a source is cut down to the accounts of the plans taken from that
        source (a key whose plans all come from one source stays whole, so a combination
        "object A with project X" is kept); cut keys that become equal add up. Plans
        taken from different sources stay in separate keys, as Odoo's own
        ``account.analytic.distribution.model._get_distribution`` merges models of
        different plans. Returns ``False`` when no source has a distribution."""
        sources = [distribution for distribution in distributions if distribution]
        if not sources:
            return False
        plan_by_account = {
            account.id: account.root_plan_id.id
            for account in self._receipt_browse_keys(
                {key: 0 for source in sources for key in source}
            )
        }
        taken = set()
        result = defaultdict(float)
        for distribution in sources:
            plans = {
                plan_by_account.get(account_id)
                for key in distribution
                for account_id in _split_key(key)
            }
            mine = plans - taken - {None}
            if not mine:
                continue
            for key, percentage in distribution.items():
                kept = [
                    str(account_id)
                    for account_id in _split_key(key)
                    if plan_by_account.get(account_id) in mine
                ]
                if kept:
                    result[",".join(kept)] += percentage
            taken |= mine
        return dict(result) or False
