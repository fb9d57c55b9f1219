# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Directo's *customer class* (issue 11.5): a default debt and prepayment account shared
by many customers.

Odoo's own means for "these customers use other accounts" is the fiscal position's
account mapping (``account.fiscal.position.account``): Odoo already maps the receivable
of an invoice through the customer's fiscal position
(``account.move.line._compute_account_id``), and a fiscal position is assigned per
customer (``property_account_position_id``) or found automatically (country, VAT). A
partner category has no account, and a new "customer class" model would duplicate what
the fiscal position already does. So a receipt maps, through the customer's fiscal
position (:meth:`account.fiscal.position._get_fiscal_position`):

- the prepayment account of prepayment, netting and refund lines (the customer's, else
  the company's default), unless the line names an account or consumes a named PreID
  (whose account is fixed);
- the receivable of a line without an invoice (a line paying an invoice always credits
  the invoice's own receivable, which Odoo mapped when the invoice was made)."""

from odoo import models


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"  # pylint: disable=consider-merging-classes-inherited

    def _get_receipt_fiscal_position(self):
        """The customer's fiscal position in the receipt's company, as Odoo picks it for
        an invoice."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        FiscalPosition = self.env["account.fiscal.position"]
        # one cheap query first: without any account mapping in the company there is
        # nothing to map (a 2,000-line receipt asks for its accounts several times per
        # line)
        if (
            not partner
            or not self.company_id
            or not self.env["account.fiscal.position.account"]
            .sudo()
            .search_count([("company_id", "=", self.company_id.id)], limit=1)
        ):
            return FiscalPosition
        return FiscalPosition.with_company(self.company_id)._get_fiscal_position(
            partner
        )

    def _get_prepayment_account(self):
        account = super()._get_prepayment_account()
        if not account or self.account_id or self.prepayment_id:
            return account
        return self._get_receipt_fiscal_position().map_account(account)

    def _get_receivable_account(self):
        account = super()._get_receivable_account()
        if not account or self.invoice_id:
            return account
        return self._get_receipt_fiscal_position().map_account(account)
