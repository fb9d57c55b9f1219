# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Default Banqup tax mapping rows of the Latvian chart (``l10n_lv``, template code
``lv``).

Each row names the ``l10n_lv`` tax template
(``addons/l10n_lv/data/template/account.tax-lv.csv``) and, in its comment, the lines of
the Latvian VAT return (PVN deklarācija, report
``l10n_lv/data/account_tax_report_data.xml``) its tags feed: ``base`` lines first, then
the VAT lines. The choice follows ``l10n_lv``'s own fiscal positions
(``account.fiscal.position-lv.csv``: *EU Companies* and *Outside EU* map the domestic
taxes to the ``EU`` / ``EX`` ones). ``VAT_S_E_0_LV`` is added to the chart by this addon
(:mod:`..models.account_chart_template`): ``l10n_lv`` has no tax for line 49.

What is deliberately left out (a document needing it is held, naming the row, for the
accountant to decide): standard-rated purchases from other countries (foreign VAT, e.g.
Lithuanian 21 %, is not Latvian input VAT), ``G`` and ``O`` purchases from abroad
(import VAT is normally paid at customs), ``K``/``AE`` lines from or to a party in the
wrong place.
"""

LV_TAX_MAPPING_DEFAULTS = [
    # -- sales ------------------------------------------------------------------------
    # Latvian VAT charged, wherever the customer is: 41 (base) / 52 (VAT)
    {"direction": "sale", "category": "S", "rate": 21.0, "tax": "VAT_S_G_21_LV"},
    {
        "direction": "sale",
        "category": "S",
        "rate": 21.0,
        "kind": "services",
        "tax": "VAT_S_S_21_LV",
    },
    # 42 / 53
    {"direction": "sale", "category": "S", "rate": 12.0, "tax": "VAT_S_G_12_LV"},
    {
        "direction": "sale",
        "category": "S",
        "rate": 12.0,
        "kind": "services",
        "tax": "VAT_S_S_12_LV",
    },
    # 421 / 531
    {"direction": "sale", "category": "S", "rate": 5.0, "tax": "VAT_S_G_5_LV"},
    {
        "direction": "sale",
        "category": "S",
        "rate": 5.0,
        "kind": "services",
        "tax": "VAT_S_S_5_LV",
    },
    # zero-rated supplies: 48 (0 % transactions, services provided)
    {"direction": "sale", "category": "Z", "rate": 0.0, "tax": "VAT_S_S_0_LV"},
    # exempt supplies: 49 (VAT-exempt transactions)
    {"direction": "sale", "category": "E", "rate": 0.0, "tax": "VAT_S_E_0_LV"},
    # domestic reverse charge (the buyer pays the VAT): 411
    {
        "direction": "sale",
        "category": "AE",
        "rate": 0.0,
        "region": "domestic",
        "tax": "VAT_RC_0_LV",
    },
    # services to an EU business, VAT paid by the buyer: 482 (+ 482_S, EC sales list
    # services)
    {
        "direction": "sale",
        "category": "AE",
        "rate": 0.0,
        "region": "eu",
        "tax": "VAT_S_EU_S_0_LV",
    },
    # goods to an EU business under reverse charge: 45 (+ 45_G, EC sales list goods)
    {
        "direction": "sale",
        "category": "AE",
        "rate": 0.0,
        "region": "eu",
        "kind": "goods",
        "tax": "VAT_S_EU_G_0_LV",
    },
    # services to a business outside the EU: 482 (transactions in other countries)
    {
        "direction": "sale",
        "category": "AE",
        "rate": 0.0,
        "region": "non_eu",
        "tax": "VAT_S_EX_S_0_LV",
    },
    # intra-EU supply of goods: 45 (+ 45_G)
    {
        "direction": "sale",
        "category": "K",
        "rate": 0.0,
        "region": "eu",
        "tax": "VAT_S_EU_G_0_LV",
    },
    # intra-EU supply of services: 482 (+ 482_S)
    {
        "direction": "sale",
        "category": "K",
        "rate": 0.0,
        "region": "eu",
        "kind": "services",
        "tax": "VAT_S_EU_S_0_LV",
    },
    # export of goods: 481 (exported goods)
    {
        "direction": "sale",
        "category": "G",
        "rate": 0.0,
        "region": "non_eu",
        "tax": "VAT_S_EX_G_0_LV",
    },
    # services supplied outside the EU: 482
    {
        "direction": "sale",
        "category": "G",
        "rate": 0.0,
        "region": "non_eu",
        "kind": "services",
        "tax": "VAT_S_EX_S_0_LV",
    },
    # outside the scope of VAT: at home not on the return, abroad 482 (transactions in
    # other countries)
    {
        "direction": "sale",
        "category": "O",
        "rate": 0.0,
        "region": "domestic",
        "tax": False,
    },
    {
        "direction": "sale",
        "category": "O",
        "rate": 0.0,
        "region": "eu",
        "tax": "VAT_S_EX_S_0_LV",
    },
    {
        "direction": "sale",
        "category": "O",
        "rate": 0.0,
        "region": "non_eu",
        "tax": "VAT_S_EX_S_0_LV",
    },
    # -- purchases --------------------------------------------------------------------
    # Latvian input VAT: 62 (domestic goods and services)
    {
        "direction": "purchase",
        "category": "S",
        "rate": 21.0,
        "region": "domestic",
        "tax": "VAT_P_G_21_LV",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 21.0,
        "region": "domestic",
        "kind": "services",
        "tax": "VAT_P_S_21_LV",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 12.0,
        "region": "domestic",
        "tax": "VAT_P_G_12_LV",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 12.0,
        "region": "domestic",
        "kind": "services",
        "tax": "VAT_P_S_12_LV",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 5.0,
        "region": "domestic",
        "tax": "VAT_P_G_5_LV",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 5.0,
        "region": "domestic",
        "kind": "services",
        "tax": "VAT_P_S_5_LV",
    },
    # domestic reverse charge, self-assessed: 52 (VAT) and 62 (input VAT)
    {
        "direction": "purchase",
        "category": "AE",
        "rate": 0.0,
        "region": "domestic",
        "tax": "VAT_RC_21_LV",
    },
    # services from an EU supplier, self-assessed: 50 (base), 55 (VAT), 64 (input VAT)
    {
        "direction": "purchase",
        "category": "AE",
        "rate": 0.0,
        "region": "eu",
        "tax": "VAT_P_EU_S_21_LV",
    },
    # goods from an EU supplier under reverse charge: 50, 55, 64
    {
        "direction": "purchase",
        "category": "AE",
        "rate": 0.0,
        "region": "eu",
        "kind": "goods",
        "tax": "VAT_P_EU_G_21_LV",
    },
    # intra-EU acquisition of goods: 50, 55, 64
    {
        "direction": "purchase",
        "category": "K",
        "rate": 0.0,
        "region": "eu",
        "tax": "VAT_P_EU_G_21_LV",
    },
    {
        "direction": "purchase",
        "category": "K",
        "rate": 0.0,
        "region": "eu",
        "kind": "services",
        "tax": "VAT_P_EU_S_21_LV",
    },
    # services from outside the EU, self-assessed: 54 (VAT for services received), 63
    # (input VAT)
    {
        "direction": "purchase",
        "category": "AE",
        "rate": 0.0,
        "region": "non_eu",
        "tax": "VAT_P_EX_S_21_LV",
    },
    # goods from outside the EU under reverse charge: 52, 63
    {
        "direction": "purchase",
        "category": "AE",
        "rate": 0.0,
        "region": "non_eu",
        "kind": "goods",
        "tax": "VAT_P_EX_G_21_LV",
    },
    # no Latvian VAT: not on the return
    {
        "direction": "purchase",
        "category": "O",
        "rate": 0.0,
        "region": "domestic",
        "tax": False,
    },
    {"direction": "purchase", "category": "E", "rate": 0.0, "tax": False},
    {"direction": "purchase", "category": "Z", "rate": 0.0, "tax": False},
]
