# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountJournal(models.Model):
    _inherit = "account.journal"

    receipt_export_type = fields.Selection(
        selection=[("swed_factoring", "SWED factoring")],
        string="Export Type",
        help=(
            "SWED factoring: receipts in this payment mode get the IMPORT SWED "
            "factoring button, which reads Swedbank factoring advance and reserve "
            "lists; the factoring fee goes to the bank services account."
        ),
    )

    receipt_factoring_list = fields.Selection(
        selection=[("advance", "Advance lists"), ("reserve", "Reserve lists")],
        string="Factoring Lists",
        help=(
            "Which Swedbank factoring lists this payment mode takes: IMPORT SWED "
            "factoring warns when the other kind is read (e.g. a reserve list in the "
            "advance payment mode would book the interest as commission)."
        ),
    )

    receipt_fee_tax_id = fields.Many2one(
        comodel_name="account.tax",
        string="Fee VAT",
        check_company=True,
        domain="[('type_tax_use', '=', 'purchase')]",
        help=(
            "When the VAT of the fees withheld in this payment mode (e.g. the "
            "factoring commission VAT) is deductible: the purchase tax the fees "
            "include. Each fee is then split into its net amount on the bank services "
            "account and its VAT on the tax's input-VAT account, with the tax grids "
            "of the tax, so the VAT return sees it. Empty: the whole fee goes to the "
            "bank services account."
        ),
    )

    def _get_receipt_import_iban(self):
        """The account number of the payment mode that bank statements must be for: the
        IBAN of the journal's bank account as Odoo stores it sanitised
        (``sanitized_acc_number``: upper case, only letters and digits; empty string
        when the journal has none)."""
        self.ensure_one()
        return self.bank_account_id.sanitized_acc_number or ""
