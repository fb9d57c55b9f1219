# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The seed's analytic rules per analytic plan (issue 11.4): object and project are
separate dimensions.

- PreID application entry (invoice posting): each plan from the customer's default
  distribution when the company setting *Prepayment analytic from customer* is on, else
  from the PreID (its receipt row), else from the invoice.
- Netting and refund lines of a receipt: each plan from the line, else from the PreID it
  consumes; a netting line settling an invoice then falls back on the invoice, as an
  application entry does."""

from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def _get_prepayment_application_analytic_sources(self, prepayment):
        """Distributions the application analytic is taken from, plan by plan, first
        wins."""
        self.ensure_one()
        sources = []
        if self.company_id.receipt_prepayment_analytic_from_partner:
            partner = self.commercial_partner_id
            sources.append(
                self.env["account.analytic.distribution.model"]._get_distribution(
                    {
                        "partner_id": partner.id,
                        "partner_category_id": partner.category_id.ids,
                        "company_id": self.company_id.id,
                    }
                )
            )
        sources.append(prepayment.analytic_distribution)
        sources.append(self._get_prepayment_invoice_analytic())
        return sources

    def _get_prepayment_invoice_analytic(self):
        """The invoice's analytic: that of its first line carrying one."""
        self.ensure_one()
        return (
            self.invoice_line_ids.filtered("analytic_distribution")[
                :1
            ].analytic_distribution
            or False
        )

    def _get_prepayment_application_analytic(self, prepayment):
        """Per analytic plan (:meth:`_get_prepayment_application_analytic_sources`): a
        PreID row with only a project keeps the invoice's object, and the customer's
        object leaves the row's project in place."""
        self.ensure_one()
        return self.env[
            "account.analytic.account"
        ]._receipt_merge_distributions_by_plan(
            *self._get_prepayment_application_analytic_sources(prepayment)
        )


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"  # pylint: disable=consider-merging-classes-inherited

    def _get_prepayment_analytic(self):
        """Per analytic plan: the line's, else the PreID's, else (netting lines) the
        invoice's."""
        self.ensure_one()
        sources = [self.analytic_distribution, self.prepayment_id.analytic_distribution]
        if self.kind == "netting" and self.invoice_id:
            sources.append(self.invoice_id._get_prepayment_invoice_analytic())
        return self.env[
            "account.analytic.account"
        ]._receipt_merge_distributions_by_plan(*sources)

    def _prepare_money_line_vals(self, balance):
        """The prepayment debit of a netting line carries the per-plan analytic, a named
        PreID or not."""
        vals = super()._prepare_money_line_vals(balance)
        if self.kind == "netting":
            analytic = self._get_prepayment_analytic()
            if analytic:
                vals["analytic_distribution"] = analytic
        return vals
