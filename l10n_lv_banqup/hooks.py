# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def post_init_hook(env):
    """Companies that had their chart before the addon: the exempt sale tax, then the
    tax mapping.

    A company that has the tax already (its chart was loaded with this addon present) is
    left alone: loading the template again would add repartition lines to the existing
    tax.
    """
    env = env(
        su=True
    )  # a hook works on every company (Odoo calls it as superuser; tests may not)
    for company in env["res.company"].search(
        [("chart_template", "=", "lv"), ("parent_id", "=", False)]
    ):
        chart = env["account.chart.template"].with_company(company)
        if not chart.ref("VAT_S_E_0_LV", raise_if_not_found=False):
            chart._load_data({"account.tax": chart._get_lv_banqup_account_tax()})
    env["l10n_lv_banqup.tax.mapping"]._banqup_fill_defaults()
