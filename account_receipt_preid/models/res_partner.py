# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    receipt_prepayment_account_id = fields.Many2one(
        comodel_name="account.account",
        company_dependent=True,
        string="Prepayment Account",
        domain="[('deprecated', '=', False)]",
        help=(
            "Account for this customer's prepayments received on receipts (the "
            "customer class of the seed). Empty: the company default."
        ),
    )

    @api.constrains("receipt_prepayment_account_id")
    def _check_receipt_prepayment_account(self):
        for partner in self:
            partner.receipt_prepayment_account_id._check_receipt_prepayment_account_type(
                self.env._("customer %(partner)s", partner=partner.display_name)
            )
