# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, models

from odoo.addons.account.models.chart_template import template


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    @template("lv", "account.tax")
    def _get_lv_banqup_account_tax(self):
        """The exempt sale ``l10n_lv`` lacks: base on line 49 (VAT-exempt transactions)
        of the PVN return.

        Loaded with the chart, and for the companies that already have it by the addon's
        ``post_init_hook`` (as Odoo's ``l10n_it_edi_doi`` adds taxes to the Italian
        chart).
        """
        tax_data = {
            "VAT_S_E_0_LV": {
                "name": "0% E",
                "description": "Sale exempt from VAT",
                "type_tax_use": "sale",
                "amount": 0.0,
                "amount_type": "percent",
                "sequence": 100,
                "tax_group_id": "tax_group_vat_exempt",
                "repartition_line_ids": [
                    Command.create(
                        {
                            "document_type": "invoice",
                            "repartition_type": "base",
                            "tag_ids": "+49",
                        }
                    ),
                    Command.create(
                        {"document_type": "invoice", "repartition_type": "tax"}
                    ),
                    Command.create(
                        {
                            "document_type": "refund",
                            "repartition_type": "base",
                            "tag_ids": "-49",
                        }
                    ),
                    Command.create(
                        {"document_type": "refund", "repartition_type": "tax"}
                    ),
                ],
            }
        }
        self._deref_account_tags("lv", tax_data)
        return tax_data

    def _post_load_data(self, template_code, company, template_data):
        """Pre-fill the company's Banqup tax mapping from the chart it was just
        given."""
        result = super()._post_load_data(template_code, company, template_data)
        self.env["l10n_lv_banqup.tax.mapping"]._banqup_fill_defaults(
            company or self.env.company
        )
        return result
