# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def post_init_hook(env):
    """Companies that had their chart before the addon: the exempt sale tax, then the tax mapping."""
    for company in env["res.company"].search([("chart_template", "=", "lv"), ("parent_id", "=", False)]):
        chart = env["account.chart.template"].with_company(company)
        chart._load_data({"account.tax": chart._get_lv_banqup_account_tax()})
    env["l10n_lv_banqup.tax.mapping"]._banqup_fill_defaults()
