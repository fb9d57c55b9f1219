# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Prepayments through an order (seed §1 use 2, §7): *Register Receipt* on a confirmed
sales order, and what the order has received and has left."""

from odoo import api, fields, models
from odoo.exceptions import UserError

PREID_GROUPS = "account.group_account_invoice,account.group_account_readonly"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    preid_ids = fields.One2many(
        comodel_name="account.prepayment",
        inverse_name="sale_order_id",
        string="Prepayments",
        groups=PREID_GROUPS,
    )
    preid_count = fields.Integer(
        string="PreID Count", compute="_compute_preid_totals", groups=PREID_GROUPS
    )
    preid_received_total = fields.Monetary(
        string="Prepaid",
        currency_field="currency_id",
        compute="_compute_preid_totals",
        groups=PREID_GROUPS,
        help="Prepayments (PreIDs) received for this order, in the order's currency.",
    )
    preid_usable_total = fields.Monetary(
        string="Prepayment Left",
        currency_field="currency_id",
        compute="_compute_preid_totals",
        groups=PREID_GROUPS,
        help=(
            "What the order's PreIDs still hold for its invoices (received less "
            "applied and refunded), in the order's currency."
        ),
    )
    preid_to_receive = fields.Monetary(
        string="Left to Prepay",
        currency_field="currency_id",
        compute="_compute_preid_totals",
        groups=PREID_GROUPS,
        help=(
            "The order's total less the prepayments received for it: what Register "
            "Receipt proposes."
        ),
    )

    @api.depends(
        "preid_ids.amount", "preid_ids.usable_balance", "amount_total", "currency_id"
    )
    def _compute_preid_totals(self):
        for order in self:
            received = usable = 0.0
            for prepayment in order.preid_ids:
                received += order._preid_to_order_currency(
                    prepayment, prepayment.amount
                )
                usable += order._preid_to_order_currency(
                    prepayment, prepayment.usable_balance
                )
            order.preid_count = len(order.preid_ids)
            order.preid_received_total = received
            order.preid_usable_total = usable
            order.preid_to_receive = order.currency_id.round(
                max(order.amount_total - received, 0.0)
            )

    def _preid_to_order_currency(self, prepayment, amount):
        """``amount`` of ``prepayment`` (its currency) in the order's currency, at the
        rate of the day it was received."""
        self.ensure_one()
        if prepayment.currency_id == self.currency_id:
            return amount
        return prepayment.currency_id._convert(
            amount, self.currency_id, self.company_id, prepayment.date
        )

    def action_register_receipt(self):
        """Create a draft receipt with one prepayment line for this confirmed order
        (what is left to prepay) and open it; confirming it creates the order's
        PreID."""
        self.ensure_one()
        if self.state != "sale":
            raise UserError(
                self.env._(
                    "Sales order %(order)s is not confirmed: confirm it before "
                    "registering a receipt for it.",
                    order=self.name,
                )
            )
        receipt = (
            self.env["account.receipt"]
            .with_company(self.company_id)
            .create(self._prepare_receipt_vals())
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.receipt",
            "res_id": receipt.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "name": receipt.name,
        }

    def _prepare_receipt_vals(self):
        """Values of the draft receipt of *Register Receipt*: the company's first bank
        journal, the order's currency (unless the journal has its own), one prepayment
        line (:meth:`_prepare_receipt_line_vals`)."""
        self.ensure_one()
        journal = (
            self.env["account.receipt"].with_company(self.company_id)._default_journal()
        )
        if not journal:
            raise UserError(
                self.env._(
                    "Company %(company)s has no bank journal to receive the "
                    "prepayment of %(order)s in.",
                    company=self.company_id.name,
                    order=self.name,
                )
            )
        currency = journal.currency_id or self.currency_id
        return {
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "currency_id": currency.id,
            "date": fields.Date.context_today(self),
            "ref": self.name,
            "line_ids": [
                fields.Command.create(self._prepare_receipt_line_vals(currency))
            ],
        }

    def _prepare_receipt_line_vals(self, currency):
        """The receipt line of this order's prepayment: its customer, the order, what is
        left to prepay (in ``currency``, the receipt's)."""
        self.ensure_one()
        amount = self.preid_to_receive
        if currency != self.currency_id:
            amount = self.currency_id._convert(
                amount, currency, self.company_id, fields.Date.context_today(self)
            )
        return {
            "partner_id": self.partner_invoice_id.id,
            "sale_order_id": self.id,
            "amount": amount,
            "name": self.env._("Prepayment for %(order)s", order=self.name),
        }

    def action_open_preids(self):
        """The order's PreIDs (the one's form when there is one)."""
        self.ensure_one()
        action = {
            "type": "ir.actions.act_window",
            "res_model": "account.prepayment",
            "name": self.env._("Prepayments of %(order)s", order=self.name),
            "context": {"create": False},
        }
        if len(self.preid_ids) == 1:
            action.update(
                view_mode="form", views=[(False, "form")], res_id=self.preid_ids.id
            )
        else:
            action.update(
                view_mode="list,form",
                views=[(False, "list"), (False, "form")],
                domain=[("sale_order_id", "=", self.id)],
            )
        return action
