# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Receipts and bank statements (issue 11.7).

A receipt debits the payment mode's bank account directly (Directo's way, for companies
without bank statements in Odoo). A company that also imports or syncs statements would
then count the money twice. Per payment mode it may instead send the money to the
*outstanding receipts account* of the journal's inbound payment method, as an Odoo
payment does: the statement line is then matched with the receipt's money item in Odoo's
bank reconciliation, and the outstanding account nets to zero."""

from odoo import fields, models
from odoo.exceptions import UserError


class AccountJournal(models.Model):
    _inherit = "account.journal"  # pylint: disable=consider-merging-classes-inherited

    receipt_money_destination = fields.Selection(
        selection=[
            ("bank", "Bank Account"),
            ("outstanding", "Outstanding Receipts Account"),
        ],
        string="Receipt Money To",
        default="bank",
        required=True,
        help=(
            "Bank Account: a receipt debits the journal's bank/cash account (the "
            "money is on the bank account at once; for companies without bank "
            "statements in Odoo). Outstanding Receipts Account: a receipt debits the "
            "outstanding receipts account of the journal's inbound payment method "
            "(money paid back: the outstanding payments account of its outbound "
            "method), as an Odoo payment does; the bank statement line is then "
            "reconciled with the receipt in the bank reconciliation, so the money is "
            "not counted twice."
        ),
    )

    def _get_receipt_outstanding_account(self, inbound=True):
        """The outstanding receipts (``inbound``) or payments account of the journal:
        that of its first payment method line of the direction naming one, else the
        chart's default outstanding account, else the company's transfer account -- as
        Odoo's ``account.payment._get_outstanding_account`` finds it."""
        self.ensure_one()
        method_lines = (
            self.inbound_payment_method_line_ids
            if inbound
            else self.outbound_payment_method_line_ids
        )
        account = method_lines.sorted("sequence").payment_account_id[:1]
        if account:
            return account
        company = self.company_id
        chart_template = self.with_context(allowed_company_ids=company.root_id.ids).env[
            "account.chart.template"
        ]
        ref = (
            "account_journal_payment_debit_account_id"
            if inbound
            else "account_journal_payment_credit_account_id"
        )
        return (
            chart_template.ref(ref, raise_if_not_found=False)
            or company.transfer_account_id
        )


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"  # pylint: disable=consider-merging-classes-inherited

    def _get_money_account(self):
        """With a payment mode sending receipts to its outstanding account, the money
        item goes there (money received: outstanding receipts; money paid back:
        outstanding payments)."""
        account = super()._get_money_account()
        journal = self.receipt_id.journal_id
        if self.kind == "netting" or journal.receipt_money_destination != "outstanding":
            return account
        outstanding = journal._get_receipt_outstanding_account(inbound=self.amount >= 0)
        if not outstanding:
            raise UserError(
                self.env._(
                    "Payment mode %(journal)s sends receipts to its outstanding "
                    "account, but neither its payment methods, the chart of accounts "
                    "nor the company's transfer account give one.",
                    journal=journal.display_name,
                )
            )
        return outstanding
