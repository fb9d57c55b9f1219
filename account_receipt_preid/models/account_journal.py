# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class AccountJournal(models.Model):
    _inherit = "account.journal"

    receipt_type = fields.Selection(
        selection=[("bank", "Bank"), ("cash", "Cash"), ("netting", "Netting")],
        compute="_compute_receipt_type",
        store=True,
        readonly=False,
        help="How receipts in this journal post: bank and cash receipts debit the journal's account; netting "
        "receipts move customer prepayments onto invoices (debit the prepayment account).",
    )
    receipt_bank_services_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Bank Services Account",
        check_company=True,
        domain="[('deprecated', '=', False)]",
        help="Account for fees on receipt lines in this journal. Empty: the company default.",
    )

    @api.depends("type")
    def _compute_receipt_type(self):
        for journal in self:
            if journal.receipt_type == "netting":
                continue
            journal.receipt_type = journal.type if journal.type in ("bank", "cash") else False
