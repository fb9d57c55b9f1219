# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    receipt_prepayment_account_id = fields.Many2one(
        related="company_id.receipt_prepayment_account_id",
        readonly=False,
    )
    receipt_bank_services_account_id = fields.Many2one(
        related="company_id.receipt_bank_services_account_id",
        readonly=False,
    )
    receipt_aggregation = fields.Selection(
        related="company_id.receipt_aggregation",
        readonly=False,
    )
    receipt_allow_overpayment = fields.Boolean(
        related="company_id.receipt_allow_overpayment",
        readonly=False,
    )
