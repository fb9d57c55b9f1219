# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class AccountReceipt(models.Model):
    _inherit = "account.receipt"

    receipt_export_type = fields.Selection(related="journal_id.receipt_export_type")

    def _check_importable(self):
        """Imports fill draft receipts only."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "Receipt %(name)s is not a draft: bank files can only be imported "
                    "into a draft receipt.",
                    name=self.name,
                )
            )

    def _open_import_wizard(self, model, title):
        self.ensure_one()
        self._check_importable()
        wizard = self.env[model].create({"receipt_id": self.id})
        return wizard._reopen(title)

    def action_import_sepa_est(self):
        """Open the IMPORT SEPA EST wizard (camt.053 / camt.054 statement into this
        receipt)."""
        self.ensure_one()
        if self.receipt_type != "bank":
            raise UserError(
                self.env._(
                    "IMPORT SEPA EST needs a receipt of a bank payment mode; "
                    "%(journal)s is not one.",
                    journal=self.journal_id.display_name,
                )
            )
        return self._open_import_wizard(
            "account.receipt.camt.import", self.env._("IMPORT SEPA EST")
        )

    def action_import_swed_factoring(self):
        """Open the IMPORT SWED factoring wizard (Swedbank factoring list into this
        receipt)."""
        self.ensure_one()
        if self.receipt_export_type != "swed_factoring":
            raise UserError(
                self.env._(
                    "Payment mode %(journal)s does not have the export type SWED "
                    "factoring.",
                    journal=self.journal_id.display_name,
                )
            )
        return self._open_import_wizard(
            "account.receipt.factoring.import", self.env._("IMPORT SWED factoring")
        )
