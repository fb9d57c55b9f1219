# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class AccountPrepaymentPick(models.Model):
    """A PreID a person picks on a draft customer invoice, with the amount to apply when the invoice is posted.
    Picks are consumed (deleted) by the posting; the allocations remain."""

    _name = "account.prepayment.pick"
    _description = "PreID Picked on an Invoice"
    _order = "prepayment_date, prepayment_id"
    _check_company_auto = True

    invoice_id = fields.Many2one(
        comodel_name="account.move",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="invoice_id.company_id", store=True, precompute=True)
    invoice_partner_id = fields.Many2one(related="invoice_id.commercial_partner_id", string="Customer")
    prepayment_id = fields.Many2one(
        comodel_name="account.prepayment",
        string="PreID",
        required=True,
        ondelete="cascade",
        check_company=True,
        domain="[('partner_id', '=', invoice_partner_id), ('state', '=', 'open')]",
    )
    prepayment_date = fields.Date(related="prepayment_id.date", store=True, string="Date")
    currency_id = fields.Many2one(related="prepayment_id.currency_id", string="Currency")
    usable_balance = fields.Monetary(related="prepayment_id.usable_balance", currency_field="currency_id")
    amount = fields.Monetary(
        string="Apply", currency_field="currency_id", help="Amount of the PreID (its currency) to apply."
    )
    fifo_amount = fields.Monetary(
        string="FIFO Would Take",
        currency_field="currency_id",
        compute="_compute_fifo_amount",
        help="What FIFO takes from this PreID when the invoice is posted, given the amounts picked.",
    )

    _sql_constraints = [
        ("invoice_prepayment_uniq", "unique(invoice_id, prepayment_id)", "A PreID is picked once per invoice."),
        ("amount_not_negative", "CHECK(amount >= 0)", "The amount to apply cannot be negative."),
    ]

    @api.constrains("amount", "prepayment_id")
    def _check_amount(self):
        for pick in self:
            pick.prepayment_id._check_can_give(pick.amount)

    @api.depends("amount", "invoice_id.preid_pick_ids.amount", "invoice_id.amount_residual", "invoice_id.amount_total")
    def _compute_fifo_amount(self):
        self.fifo_amount = 0.0
        for invoice in self.invoice_id:
            if not invoice.company_id.receipt_prepayment_auto_fifo:
                continue
            picks = invoice.preid_pick_ids
            open_amount = invoice.amount_residual if invoice.state == "posted" else invoice.amount_total
            for pick in picks.filtered("amount"):
                open_amount -= invoice._get_prepayment_invoice_amount(pick.prepayment_id, pick.amount)
            remaining = invoice._get_prepayments_for_invoice() - picks.filtered("amount").prepayment_id
            taken = dict(invoice._allocate_fifo(remaining, invoice.currency_id.round(max(open_amount, 0.0))))
            for pick in picks & self:
                pick.fifo_amount = taken.get(pick.prepayment_id, 0.0)
