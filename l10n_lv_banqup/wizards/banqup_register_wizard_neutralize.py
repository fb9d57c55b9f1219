# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""*Register service* is refused on a neutralized database (see
``models/banqup_neutralize.py``)."""

from odoo import api, models


class BanqupRegisterWizard(models.TransientModel):
    _inherit = "banqup.register.wizard"

    @api.model
    def _action_open(self, company):
        self.env["res.company"]._l10n_lv_banqup_check_not_neutralized()
        return super()._action_open(company)
