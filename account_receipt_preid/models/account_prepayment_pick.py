# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountPrepaymentPick(models.Model):
    """A PreID a person picks on a draft customer invoice, with the amount to apply when
    the invoice is posted. Picks are consumed (deleted) by the posting; the allocations
    remain.

    Picks are not the ledger: they say what to apply when the invoice is posted, and the
    posting checks them again under the PreIDs' row locks. Invoicing users may create,
    edit and remove them only on draft customer invoices (record rule
    ``account_prepayment_pick_rule_draft``), of the invoice's customer and company
    (:meth:`_check_invoice`); they follow the invoice when its customer, currency or
    company changes (:meth:`account.move._drop_foreign_prepayment_picks`)."""

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
    company_id = fields.Many2one(
        related="invoice_id.company_id", store=True, precompute=True
    )
    invoice_partner_id = fields.Many2one(
        related="invoice_id.commercial_partner_id", string="Customer"
    )
    prepayment_id = fields.Many2one(
        comodel_name="account.prepayment",
        string="PreID",
        required=True,
        ondelete="cascade",
        check_company=True,
        domain="[('partner_id', '=', invoice_partner_id), ('state', '=', 'open')]",
    )
    prepayment_date = fields.Date(
        related="prepayment_id.date", store=True, string="Date"
    )
    currency_id = fields.Many2one(
        related="prepayment_id.currency_id", string="Currency"
    )
    usable_balance = fields.Monetary(
        related="prepayment_id.usable_balance", currency_field="currency_id"
    )
    amount = fields.Monetary(
        string="Apply",
        currency_field="currency_id",
        help="Amount of the PreID (its currency) to apply.",
    )
    fifo_amount = fields.Monetary(
        string="FIFO Would Take",
        currency_field="currency_id",
        compute="_compute_fifo_amount",
        help=(
            "What FIFO takes from this PreID when the invoice is posted, given the "
            "amounts picked."
        ),
    )

    _sql_constraints = [
        (
            "invoice_prepayment_uniq",
            "unique(invoice_id, prepayment_id)",
            "A PreID is picked once per invoice.",
        ),
        (
            "amount_not_negative",
            "CHECK(amount >= 0)",
            "The amount to apply cannot be negative.",
        ),
    ]

    @api.constrains("amount", "prepayment_id")
    def _check_amount(self):
        for pick in self:
            pick.prepayment_id._check_can_give(pick.amount)

    @api.constrains("invoice_id", "prepayment_id")
    def _check_invoice(self):
        """A pick belongs to a draft customer invoice and names a PreID of the invoice's
        customer (commercial partner) and company."""
        for pick in self:
            problem = pick._get_invoice_mismatch()
            if problem:
                raise UserError(problem)

    def _get_invoice_mismatch(self, currency=None):
        """Why this pick may not settle its invoice (a translated sentence), or
        ``None``: the invoice is not a draft customer invoice, or the PreID is of
        another commercial partner or company; with ``currency`` (the invoice's former
        currency, when it changed), also a PreID in another currency than the invoice's
        new one."""
        self.ensure_one()
        invoice = self.invoice_id
        prepayment = self.prepayment_id
        where = {"preid": prepayment.name, "invoice": invoice.display_name}
        if invoice.move_type != "out_invoice" or invoice.state != "draft":
            return self.env._(
                "PreID %(preid)s can only be picked on a draft customer invoice, not "
                "%(invoice)s.",
                **where,
            )
        if prepayment.partner_id != invoice.commercial_partner_id:
            return self.env._(
                "PreID %(preid)s is a prepayment of %(partner)s and cannot settle "
                "%(invoice)s of %(customer)s.",
                partner=prepayment.partner_id.display_name,
                customer=invoice.commercial_partner_id.display_name,
                **where,
            )
        if prepayment.company_id != invoice.company_id:
            return self.env._(
                "PreID %(preid)s belongs to company %(company)s, invoice %(invoice)s "
                "to %(invoice_company)s.",
                company=prepayment.company_id.name,
                invoice_company=invoice.company_id.name,
                **where,
            )
        if (
            currency
            and currency != invoice.currency_id
            and prepayment.currency_id != invoice.currency_id
        ):
            return self.env._(
                "PreID %(preid)s is in %(currency)s; invoice %(invoice)s changed from "
                "%(old)s to %(new)s.",
                currency=prepayment.currency_id.name,
                old=currency.name,
                new=invoice.currency_id.name,
                **where,
            )
        return None

    @api.depends(
        "amount",
        "invoice_id.preid_pick_ids.amount",
        "invoice_id.amount_residual",
        "invoice_id.amount_total",
        "invoice_id.preid_prepayment_amount",
        "invoice_id.preid_fifo_excluded",
    )
    def _compute_fifo_amount(self):
        self.fifo_amount = 0.0
        for invoice in self.invoice_id:
            if not invoice._takes_prepayments_fifo():
                continue
            picks = invoice.preid_pick_ids
            open_amount = (
                invoice.amount_residual
                if invoice.state == "posted"
                else invoice.amount_total
            )
            picked = 0.0
            for pick in picks.filtered("amount"):
                picked += invoice._get_prepayment_invoice_amount(
                    pick.prepayment_id, pick.amount
                )
            open_amount = invoice.currency_id.round(max(open_amount - picked, 0.0))
            fifo_amount = min(
                open_amount, invoice._get_prepayment_fifo_amount(open_amount, picked)
            )
            remaining = invoice._sort_prepayments_for_fifo(
                invoice._get_prepayments_for_invoice(fifo=True)
                - picks.filtered("amount").prepayment_id
            )
            taken = dict(
                invoice._allocate_fifo(
                    remaining, invoice.currency_id.round(max(fifo_amount, 0.0))
                )
            )
            for pick in picks & self:
                pick.fifo_amount = taken.get(pick.prepayment_id, 0.0)
