# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    receipt_prepayment_auto_fifo = fields.Boolean(
        related="company_id.receipt_prepayment_auto_fifo", readonly=False
    )
    receipt_prepayment_analytic_from_partner = fields.Boolean(
        related="company_id.receipt_prepayment_analytic_from_partner", readonly=False
    )

    # balances outside the PreID ledger, small residues (issue 15.3, 15.5)
    receipt_prepayment_outside_ledger = fields.Boolean(
        related="company_id.receipt_prepayment_outside_ledger", readonly=False
    )
    receipt_small_residue_percent = fields.Float(
        related="company_id.receipt_small_residue_percent", readonly=False
    )
    receipt_prepayment_fifo_later = fields.Boolean(
        related="company_id.receipt_prepayment_fifo_later", readonly=False
    )
