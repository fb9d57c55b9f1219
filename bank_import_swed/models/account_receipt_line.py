# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"

    bank_import_date = fields.Date(
        string="Bank Date",
        help="Booking date of the bank entry, or payment date of the factoring row, this line was imported from.",
    )
    bank_import_account = fields.Char(
        string="Imported From",
        copy=False,
        readonly=True,
        help="Account (IBAN) or factoring contract of the file this line was imported from. With the bank "
        "reference it identifies the bank entry: the same entry is never imported twice in a company.",
    )

    # One bank entry (account + bank reference) at most once per company, whatever the import path: the wizards
    # search before they create (and name the receipt), this constraint catches two imports running at once.
    # NULLs are distinct in PostgreSQL: lines without bank reference or import account are not constrained.
    _sql_constraints = [
        (
            "bank_import_uniq",
            "unique(company_id, bank_import_account, bank_reference)",
            "This bank entry is already imported in a receipt of this company.",
        )
    ]

    @api.model
    def _get_imported_bank_references(self, company, account, references):
        """Those of ``references`` already imported for ``account`` (IBAN or factoring contract) into a receipt
        of ``company``, as ``{bank reference: receipt number}``; in one query and whatever the user's record
        rules (a duplicate must be seen even on a receipt the user cannot read)."""
        references = [ref for ref in references if ref]
        if not references or not account:
            return {}
        self.flush_model(["company_id", "bank_import_account", "bank_reference", "receipt_id"])
        self.env["account.receipt"].flush_model(["name"])
        self.env.cr.execute(
            SQL(
                "SELECT line.bank_reference, receipt.name FROM account_receipt_line line "
                "JOIN account_receipt receipt ON receipt.id = line.receipt_id WHERE line.company_id = %s "
                "AND line.bank_import_account = %s AND line.bank_reference = ANY(%s)",
                company.id,
                account,
                references,
            )
        )
        return dict(self.env.cr.fetchall())
