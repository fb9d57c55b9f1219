# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..parsers.refs import normalize_reference


class AccountJournal(models.Model):
    _inherit = "account.journal"

    receipt_export_type = fields.Selection(
        selection=[("swed_factoring", "SWED factoring")],
        string="Export Type",
        help="SWED factoring: receipts in this payment mode get the IMPORT SWED factoring button, which reads "
        "Swedbank factoring advance and reserve lists; the factoring fee goes to the bank services account.",
    )

    def _get_receipt_import_iban(self):
        """The account number of the payment mode that bank statements must be for: the IBAN of the journal's
        bank account, upper case without spaces (empty string when the journal has none)."""
        self.ensure_one()
        return normalize_reference(self.bank_account_id.acc_number or None)
