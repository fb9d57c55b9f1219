# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from .banqup_tax_mapping_ee import EE_TAX_MAPPING_DEFAULTS


class BanqupTaxMapping(models.Model):
    _inherit = "l10n_lv_banqup.tax.mapping"

    @api.model
    def _get_banqup_tax_mapping_defaults(self):
        """The rows of the Estonian chart (template code ``ee``) next to the Latvian
        ones."""
        return {
            **super()._get_banqup_tax_mapping_defaults(),
            "ee": EE_TAX_MAPPING_DEFAULTS,
        }
