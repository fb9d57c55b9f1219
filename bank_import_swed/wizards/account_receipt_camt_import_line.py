# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .account_receipt_camt_match import MATCH_RULES


class AccountReceiptCamtImportLine(models.TransientModel):
    """One incoming payment of the statement, with the suggested (or chosen) customer
    and invoices."""

    _name = "account.receipt.camt.import.line"
    _description = "IMPORT SEPA EST: Line"
    _order = "sequence, id"

    import_id = fields.Many2one(
        comodel_name="account.receipt.camt.import",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="import_id.company_id")
    currency_id = fields.Many2one(related="import_id.currency_id")
    sequence = fields.Integer()
    date = fields.Date(
        readonly=True, help="Booking date of the payment on the bank account."
    )
    amount = fields.Monetary(
        currency_field="currency_id", readonly=True, help="Amount received."
    )
    payer_name = fields.Char(
        readonly=True, help="Name of the payer as the bank gives it."
    )
    payer_iban = fields.Char(
        string="Payer IBAN",
        readonly=True,
        help=(
            "Account the money came from; it finds the customer through the "
            "customer's bank accounts."
        ),
    )
    payer_code = fields.Char(
        readonly=True, help="Registry code or personal code of the payer."
    )
    ultimate_payer_name = fields.Char(
        string="Ultimate Debtor",
        readonly=True,
        help=(
            "On whose behalf the payer paid (UltmtDbtr), e.g. the subsidiary a parent "
            "company pays for; the customer is looked for by it first."
        ),
    )
    ultimate_payer_code = fields.Char(
        string="Ultimate Debtor Code",
        readonly=True,
        help="Registry or personal code of the ultimate debtor.",
    )
    match_explanation = fields.Char(
        string="Why",
        readonly=True,
        help="Why this customer and these invoices are suggested.",
    )
    payment_reference = fields.Char(
        string="Reference",
        readonly=True,
        help=(
            "Structured reference of the payment (Estonian reference number or RF "
            "creditor reference); it finds the invoice with the same payment "
            "reference."
        ),
    )
    text = fields.Char(
        string="Explanation",
        readonly=True,
        help=(
            "Free text of the payment; an invoice number written in it finds the "
            "invoice."
        ),
    )
    bank_reference = fields.Char(
        readonly=True,
        help=(
            "The bank's own reference of the entry; the same entry is never imported "
            "twice."
        ),
    )
    booking_key = fields.Char(readonly=True)
    booking_part = fields.Integer(readonly=True)
    fingerprint = fields.Char(readonly=True)
    file_amount = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="Amount of this payment in the file.",
    )
    entry_amount = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="Amount of the whole bank entry (a batch may be split).",
    )
    duplicate_state = fields.Selection(
        selection=[
            ("new", "New"),
            ("partial", "Rest of a partly imported payment"),
            ("possible", "Possible duplicate"),
        ],
        string="Duplicate Check",
        default="new",
        readonly=True,
        help=(
            "New: not on any receipt. Rest of a partly imported payment: some receipt "
            "lines of this payment were deleted, only the missing amount is imported. "
            "Possible duplicate: the same date, amount and payer is on a receipt "
            "without the same bank reference (or the file repeats the entry): tick "
            "Import Payment if it is another payment."
        ),
    )
    duplicate_info = fields.Char(string="Duplicate Reason", readonly=True)
    existing_receipt = fields.Char(string="Imported Into", readonly=True)
    to_import = fields.Boolean(
        string="Import Payment",
        default=True,
        help=(
            "Untick to leave this payment out; a possible duplicate is left out until "
            "you tick it."
        ),
    )
    instructed = fields.Char(
        string="Ordered Amount",
        readonly=True,
        help="Amount as ordered in another currency.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        check_company=True,
        help=(
            "Customer who paid. Without a customer the payment becomes a receipt line "
            "that you complete on the receipt before confirming it."
        ),
    )
    invoice_ids = fields.Many2many(
        comodel_name="account.move",
        relation="account_receipt_camt_import_line_move_rel",
        column1="line_id",
        column2="move_id",
        string="Invoices",
        check_company=True,
        help=(
            "Open invoices (and credit notes, netted) of the customer that this "
            "payment settles, oldest first. What is left after them becomes a "
            "prepayment of the customer."
        ),
        domain=(
            "[('company_id', '=', company_id), ('move_type', 'in', ('out_invoice', "
            "'out_refund')), ('state', '=', 'posted'), ('payment_state', 'in', "
            "('not_paid', 'partial')), ('commercial_partner_id', '=?', partner_id)]"
        ),
    )
    match_rule = fields.Selection(
        selection=MATCH_RULES,
        string="Suggested By",
        readonly=True,
        help=(
            "How the customer and invoices were found: by the reference number, by an "
            "invoice number in the text, by the payer's account or name and the "
            "amount, or chosen by you."
        ),
    )
    invoice_open_amount = fields.Monetary(
        string="Open on Invoices",
        currency_field="currency_id",
        compute="_compute_prepayment_amount",
        help="Amount still open on the chosen invoices.",
    )
    prepayment_amount = fields.Monetary(
        string="Prepayment",
        currency_field="currency_id",
        compute="_compute_prepayment_amount",
        help=(
            "Part of the payment that becomes a prepayment of the customer (nothing "
            "open left on the invoices)."
        ),
    )

    @api.depends("amount", "invoice_ids", "partner_id")
    def _compute_prepayment_amount(self):
        for line in self:
            same = line.invoice_ids.filtered(
                lambda inv, line=line: inv.currency_id == line.currency_id
            )
            line.invoice_open_amount = sum(
                -inv.amount_residual
                if inv.move_type == "out_refund"
                else inv.amount_residual
                for inv in same
            )
            if line.invoice_ids and same != line.invoice_ids:
                line.prepayment_amount = 0.0
            elif line.partner_id:
                line.prepayment_amount = max(
                    line.amount - line.invoice_open_amount, 0.0
                )
            else:
                line.prepayment_amount = 0.0

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        for line in self:
            line.invoice_ids = line.invoice_ids.filtered(
                lambda inv, line=line: (
                    inv.commercial_partner_id == line.partner_id.commercial_partner_id
                )
            )
            line.match_rule = "manual"
            line.match_explanation = False

    @api.onchange("invoice_ids")
    def _onchange_invoice_ids(self):
        for line in self:
            if line.invoice_ids and not line.partner_id:
                line.partner_id = line.invoice_ids[0].commercial_partner_id
            line.match_rule = "manual"
            line.match_explanation = False

    def _get_booking(self):
        """The duplicate keys and amounts of this line (see ``_classify_bookings`` of
        the wizard)."""
        self.ensure_one()
        return {
            "key": self.booking_key,
            "part": self.booking_part,
            "fingerprint": self.fingerprint,
            "amount": self.file_amount or self.amount,
            "entry_amount": self.entry_amount or self.amount,
        }

    def _prepare_skip_vals(self, reason, sequence):
        """Skip record for a line left out when applying (already imported, possible
        duplicate not confirmed)."""
        self.ensure_one()
        return {
            "camt_import_id": self.import_id.id,
            "sequence": sequence,
            "date": self.date,
            "amount": self.amount,
            "currency_id": self.currency_id.id,
            "payer_name": self.payer_name,
            "payment_reference": self.payment_reference,
            "bank_reference": self.bank_reference,
            "name": self.text,
            "reason": reason,
        }
