# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools.misc import format_date

SKIP_REASONS = [
    ("debit", "Outgoing payment (debit)"),
    ("reversal", "Reversal of an earlier booking"),
    ("not_booked", "Not booked (pending or information only)"),
    ("currency", "Other currency than the receipt"),
    ("duplicate", "Already imported"),
    ("duplicate_file", "Repeated in the file"),
    ("possible_duplicate", "Possible duplicate, not confirmed"),
    ("other_account", "Statement of another account"),
    ("no_invoice", "Invoice not found or not open"),
]


class AccountReceiptImportSkip(models.TransientModel):
    _name = "account.receipt.import.skip"
    _description = "Receipt Import: Skipped Entry"
    _order = "sequence, id"

    camt_import_id = fields.Many2one(
        comodel_name="account.receipt.camt.import", ondelete="cascade", index=True
    )
    factoring_import_id = fields.Many2one(
        comodel_name="account.receipt.factoring.import", ondelete="cascade", index=True
    )
    sequence = fields.Integer()
    date = fields.Date(
        help="Booking date of the entry (payment date of a factoring row)."
    )
    amount = fields.Monetary(
        currency_field="currency_id", help="Signed: negative for money out."
    )
    currency_id = fields.Many2one(comodel_name="res.currency")
    payer_name = fields.Char(
        string="Payer / Payee", help="Who paid, or who was paid for money out."
    )
    payment_reference = fields.Char(
        help="Reference number of the entry (invoice number of a factoring row)."
    )
    bank_reference = fields.Char(help="The bank's own reference of the entry.")
    account_number = fields.Char(
        string="Account", help="Bank account of the statement the entry belongs to."
    )
    name = fields.Char(string="Text", help="Free text of the entry.")
    reason = fields.Selection(
        selection=SKIP_REASONS,
        required=True,
        help="Why this entry does not become a receipt line.",
    )
    existing_receipt = fields.Char(
        string="Imported Into", help="Receipt that already has this bank entry."
    )

    def _describe(self):
        """One line of text per skipped entry (date, amount, payer, references, reason)
        for the receipt's chatter."""
        reasons = dict(self._fields["reason"]._description_selection(self.env))
        return [
            " · ".join(
                str(part)
                for part in (
                    format_date(self.env, skip.date) if skip.date else "",
                    skip.currency_id.format(skip.amount)
                    if skip.currency_id
                    else skip.amount,
                    skip.payer_name or "",
                    skip.payment_reference or "",
                    skip.bank_reference or "",
                    skip.account_number if skip.reason == "other_account" else "",
                    reasons.get(skip.reason, skip.reason),
                    skip.existing_receipt or "",
                )
                if part != ""
            )
            for skip in self
        ]
