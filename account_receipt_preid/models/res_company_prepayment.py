# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    receipt_prepayment_auto_fifo = fields.Boolean(
        string="Apply Prepayments Automatically (FIFO)",
        default=True,
        help=(
            "When a customer invoice is posted, settle what the manually picked "
            "PreIDs leave open with the customer's other PreIDs, oldest first."
        ),
    )
    receipt_prepayment_analytic_from_partner = fields.Boolean(
        string="Prepayment Analytic from Customer",
        help=(
            "Post the prepayment side of an application with the customer's default "
            "analytic distribution instead of the PreID's (or the invoice's)."
        ),
    )

    # ----------------------------------- balances outside the PreID ledger (issue 15.3)

    receipt_prepayment_outside_ledger = fields.Boolean(
        string="Prepayments Outside the PreID Ledger",
        help=(
            "Balances booked on a customer's prepayment account without a PreID "
            "(opening balances, prepayments from before this module) may be netted or "
            "refunded by receipt lines that name no PreID, once the customer's PreIDs "
            "are used up, up to what the account holds beyond them. Off: such lines "
            "must be covered by the customer's PreIDs, else the receipt is refused."
        ),
    )
    receipt_small_residue_percent = fields.Float(
        string="Small Residue (%)",
        default=1.0,
        digits=(16, 2),
        help=(
            "A receipt that would leave an invoice open by more than zero and at most "
            "this percentage of what was open before it (a rounding or exchange-rate "
            "residue rather than a deliberate partial payment) is only posted once "
            "the accountant ticks Leave Small Residues Open on it. 0: no check."
        ),
    )
    receipt_prepayment_fifo_later = fields.Boolean(
        string="FIFO Also Uses Later Prepayments",
        help=(
            "FIFO may also take PreIDs received after the invoice date; the "
            "application entry is then dated on the latest PreID's receipt date. Off "
            "(default): FIFO only takes PreIDs received on or before the invoice date."
        ),
    )
