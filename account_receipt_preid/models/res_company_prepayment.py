# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    receipt_prepayment_auto_fifo = fields.Boolean(
        string="Apply Prepayments Automatically (FIFO)",
        default=True,
        help="When a customer invoice is posted, settle what the manually picked PreIDs leave open with the "
        "customer's other PreIDs, oldest first.",
    )
    receipt_prepayment_analytic_from_partner = fields.Boolean(
        string="Prepayment Analytic from Customer",
        help="Post the prepayment side of an application with the customer's default analytic distribution "
        "instead of the PreID's (or the invoice's).",
    )
    receipt_prepayment_fifo_later = fields.Boolean(
        string="FIFO Also Uses Later Prepayments",
        help="FIFO may also take PreIDs received after the invoice date; the application entry is then dated on "
        "the latest PreID's receipt date. Off (default): FIFO only takes PreIDs received on or before the invoice "
        "date.",
    )
