# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class AccountPrepayment(models.Model):
    """A PreID's chatter and activities, and its history in one place: the receipt that
    received it, then every application, netting and refund with its date, document,
    journal entry and the running usable balance. Posting a note or planning an activity
    needs only read access (the ledger stays read-only)."""

    _name = "account.prepayment"
    _inherit = ["account.prepayment", "mail.activity.mixin"]
    _mail_post_access = "read"

    history_html = fields.Html(
        string="History",
        compute="_compute_history_html",
        sanitize=False,
        help=(
            "The receipt, then each application, netting and refund, with the usable "
            "balance after it."
        ),
    )

    @api.depends(
        "amount",
        "date",
        "receipt_line_id",
        "allocation_ids.amount",
        "allocation_ids.date",
    )
    def _compute_history_html(self):
        for prepayment in self:
            prepayment.history_html = self.env["ir.qweb"]._render(
                "account_receipt_preid.preid_history_table",
                {
                    "prepayment": prepayment,
                    "rows": prepayment._get_history_rows(),
                    "links": True,
                },
            )

    def _get_history_rows(self):
        """This PreID's movements in order, as dicts: ``date``, ``kind`` (label),
        ``document`` (the receipt or invoice, a record), ``entry`` (the journal entry),
        ``received``, ``used`` (amounts in the PreID's currency) and ``balance`` (usable
        balance after the movement)."""
        self.ensure_one()
        kinds = dict(
            self.env["account.prepayment.allocation"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        receipt = self.receipt_line_id.receipt_id
        balance = self.amount
        rows = [
            {
                "date": self.date,
                "kind": self.env._("Received"),
                "document": receipt,
                "entry": receipt.move_id,
                "received": self.amount,
                "used": 0.0,
                "balance": balance,
            }
        ]
        for allocation in self.allocation_ids.sorted(lambda a: (a.date, a.id)):
            balance = self.currency_id.round(balance - allocation.amount)
            rows.append(
                {
                    "date": allocation.date,
                    "kind": kinds.get(allocation.kind, allocation.kind),
                    "document": allocation.invoice_id
                    or allocation.receipt_line_id.receipt_id,
                    "entry": allocation.move_id,
                    "received": 0.0,
                    "used": allocation.amount,
                    "balance": balance,
                }
            )
        return rows

    def _get_statement_totals(self):
        """Totals of these PreIDs per currency:
        ``[(currency, received, applied, refunded, usable)]``."""
        totals = {}
        for prepayment in self:
            row = totals.setdefault(prepayment.currency_id, [0.0, 0.0, 0.0, 0.0])
            row[0] += prepayment.amount
            row[1] += prepayment.amount_applied
            row[2] += prepayment.amount_refunded
            row[3] += prepayment.usable_balance
        return [
            (currency, *values)
            for currency, values in sorted(
                totals.items(), key=lambda item: item[0].name
            )
        ]
