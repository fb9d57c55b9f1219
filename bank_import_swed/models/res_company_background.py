# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

#: from this number of entries (statement) or lines (posting) the work runs in the
#: background
DEFAULT_BACKGROUND_THRESHOLD = 2000


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    receipt_import_background_threshold = fields.Integer(
        string="Background Import From",
        default=DEFAULT_BACKGROUND_THRESHOLD,
        help=(
            "A bank statement with at least this many entries is read, matched and "
            "filled into the receipt in the background (the receipt shows the "
            "progress and is locked meanwhile); so is the posting of a receipt with "
            "at least this many lines. 0: the default, 2,000."
        ),
    )
    receipt_import_batch_size = fields.Integer(
        string="Background Batch Size",
        default=2000,
        help=(
            "Entries read, matched and filled per batch of a background import (each "
            "batch is saved on its own)."
        ),
    )

    def _get_receipt_background_threshold(self):
        self.ensure_one()
        return self.receipt_import_background_threshold or DEFAULT_BACKGROUND_THRESHOLD


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    receipt_import_background_threshold = fields.Integer(
        related="company_id.receipt_import_background_threshold", readonly=False
    )
