# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        """Once a chart is loaded, the company's prepayment account defaults from it
        (day-one set-up)."""
        res = super()._post_load_data(template_code, company, template_data)
        company._receipt_set_default_accounts()
        return res
