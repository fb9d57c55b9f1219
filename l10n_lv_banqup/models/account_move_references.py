# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    l10n_lv_banqup_buyer_reference = fields.Char(
        string="Buyer Reference (Banqup)",
        readonly=True,
        copy=False,
        help=(
            "The reference the buyer asked the seller to quote (BT-10 BuyerReference "
            "of the e-invoice), for example a purchase order or a cost centre. Odoo's "
            "own e-invoice import does not keep it."
        ),
    )
