# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    receipt_prepayment_account_id = fields.Many2one(
        comodel_name="account.account",
        check_company=True,
        domain="[('deprecated', '=', False)]",
        help="Default account for customer prepayments received on receipts, used when neither the receipt "
        "line nor the customer names one.",
    )
    receipt_bank_services_account_id = fields.Many2one(
        comodel_name="account.account",
        check_company=True,
        domain="[('deprecated', '=', False)]",
        help="Default account for fees (bank charges, factoring commission) on receipt lines, used when neither "
        "the line nor the journal names one.",
    )
    receipt_aggregation = fields.Selection(
        selection=[
            ("none", "Summed"),
            ("debt_part", "Debt part per line"),
            ("both", "Both parts per line"),
            ("payment_file", "Payment file"),
        ],
        string="Journal Lines from Receipt Rows",
        default="none",
        required=True,
        help="How receipt lines become journal items:\n"
        "- Summed: money and receivable items summed (receivables per customer, account and currency);\n"
        "- Debt part per line: money summed, one receivable item per receipt line;\n"
        "- Both parts per line: money and receivable items per receipt line;\n"
        "- Payment file: money summed per customer, receivable items per invoice.",
    )
    receipt_allow_overpayment = fields.Boolean(
        string="Allow Overpayment on Receipts",
        help="When a receipt line pays more than the invoice's open amount, post the surplus as a prepayment "
        "instead of refusing the receipt.",
    )
