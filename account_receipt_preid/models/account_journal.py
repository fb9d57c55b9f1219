# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountJournal(models.Model):
    _inherit = "account.journal"

    receipt_type = fields.Selection(
        selection=[("bank", "Bank"), ("cash", "Cash"), ("netting", "Netting")],
        compute="_compute_receipt_type",
        store=True,
        readonly=False,
        help=(
            "How receipts in this journal post: bank and cash receipts debit the "
            "journal's account; netting receipts move customer prepayments onto "
            "invoices (debit the prepayment account)."
        ),
    )
    receipt_bank_services_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Bank Services Account",
        check_company=True,
        domain="[('deprecated', '=', False)]",
        help=(
            "Account for fees on receipt lines in this journal. Empty: the company "
            "default."
        ),
    )

    @api.depends("type")
    def _compute_receipt_type(self):
        for journal in self:
            if journal.receipt_type == "netting":
                continue
            journal.receipt_type = (
                journal.type if journal.type in ("bank", "cash") else False
            )

    @api.constrains("type", "receipt_type")
    def _check_receipt_type(self):
        """A sales or purchase journal is never a receipt payment mode: its numbering
        and its default accounts are the invoices' and bills'."""
        for journal in self:
            if journal.receipt_type and journal.type in ("sale", "purchase"):
                raise ValidationError(
                    self.env._(
                        "Journal %(journal)s is a sales or purchase journal and "
                        "cannot be a receipt payment mode (%(receipt_type)s): use a "
                        "bank or cash journal, or a miscellaneous journal marked as "
                        "netting.",
                        journal=journal.display_name,
                        receipt_type=dict(
                            journal._fields["receipt_type"]._description_selection(
                                self.env
                            )
                        ).get(journal.receipt_type),
                    )
                )
