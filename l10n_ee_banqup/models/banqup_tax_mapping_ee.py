# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Default Banqup tax mapping rows of the Estonian chart (``l10n_ee``, template code
``ee``).

Each row names the ``l10n_ee`` tax template
(``addons/l10n_ee/data/template/account.tax-ee.csv``) and, in its comment, the lines of
the Estonian VAT return (KMD, report ``l10n_ee/data/account_tax_report_data.xml``) its
tags feed. The choice follows ``l10n_ee``'s fiscal positions (*EU Intra-Community*,
*Import/Export*). The standard rate became 24 % on 1 July 2025: a document states its
own rate for Estonian VAT, but the rate an EU acquisition is self-assessed at follows
the invoice date, hence the dated rows (22 % before, 24 % from).

``l10n_ee`` ships the export and exempt sale taxes archived
(``l10n_ee_vat_out_0_exp_g``, ``_exp_s``, ``l10n_ee_vat_out_exempt``): their rows are
there, and a document needing them is held with "the tax ... is archived" until the
accountant unarchives it. Left out (held, the row named): domestic reverse charge (§41¹,
archived taxes whose rate is not on the document), purchases with foreign VAT, and
reverse-charge services from outside the EU (KMD line 7 has no ``l10n_ee`` tax).
"""

BEFORE_24 = {"date_to": "2025-06-30"}
FROM_24 = {"date_from": "2025-07-01"}

EE_TAX_MAPPING_DEFAULTS = [
    # -- sales ------------------------------------------------------------------------
    # Estonian VAT charged: 1 (24 %: base 1_base_24, VAT 1_tax_24), 1 (22 %), 2² (13 %),
    # 2 (9 %), 2¹ (5 %)
    {"direction": "sale", "category": "S", "rate": 24.0, "tax": "l10n_ee_vat_out_24_g"},
    {
        "direction": "sale",
        "category": "S",
        "rate": 24.0,
        "kind": "services",
        "tax": "l10n_ee_vat_out_24_s",
    },
    {"direction": "sale", "category": "S", "rate": 22.0, "tax": "l10n_ee_vat_out_22_g"},
    {
        "direction": "sale",
        "category": "S",
        "rate": 22.0,
        "kind": "services",
        "tax": "l10n_ee_vat_out_22_s",
    },
    {"direction": "sale", "category": "S", "rate": 13.0, "tax": "l10n_ee_vat_out_13_s"},
    {"direction": "sale", "category": "S", "rate": 9.0, "tax": "l10n_ee_vat_out_9_g"},
    {"direction": "sale", "category": "S", "rate": 5.0, "tax": "l10n_ee_vat_out_5_g"},
    # 3: supplies at 0 %
    {"direction": "sale", "category": "Z", "rate": 0.0, "tax": "l10n_ee_vat_out_0_g"},
    # 8: exempt supplies (archived in l10n_ee)
    {
        "direction": "sale",
        "category": "E",
        "rate": 0.0,
        "tax": "l10n_ee_vat_out_exempt",
    },
    # 3.1.1 (+ 3_1_1_G): intra-Community supply of goods; 3.1 (+ 3_1_S): services to EU
    # businesses
    {
        "direction": "sale",
        "category": "K",
        "rate": 0.0,
        "region": "eu",
        "tax": "l10n_ee_vat_out_0_eu_g",
    },
    {
        "direction": "sale",
        "category": "K",
        "rate": 0.0,
        "region": "eu",
        "kind": "services",
        "tax": "l10n_ee_vat_out_0_eu_s",
    },
    {
        "direction": "sale",
        "category": "AE",
        "rate": 0.0,
        "region": "eu",
        "tax": "l10n_ee_vat_out_0_eu_s",
    },
    {
        "direction": "sale",
        "category": "AE",
        "rate": 0.0,
        "region": "eu",
        "kind": "goods",
        "tax": "l10n_ee_vat_out_0_eu_g",
    },
    # 3.2: export of goods; services abroad 3 (both archived in l10n_ee)
    {
        "direction": "sale",
        "category": "G",
        "rate": 0.0,
        "region": "non_eu",
        "tax": "l10n_ee_vat_out_0_exp_g",
    },
    {
        "direction": "sale",
        "category": "G",
        "rate": 0.0,
        "region": "non_eu",
        "kind": "services",
        "tax": "l10n_ee_vat_out_0_exp_s",
    },
    # outside the scope of VAT at home: not on the return
    {
        "direction": "sale",
        "category": "O",
        "rate": 0.0,
        "region": "domestic",
        "tax": False,
    },
    # -- purchases --------------------------------------------------------------------
    # 5: input VAT
    {
        "direction": "purchase",
        "category": "S",
        "rate": 24.0,
        "region": "domestic",
        "tax": "l10n_ee_vat_in_24_g",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 24.0,
        "region": "domestic",
        "kind": "services",
        "tax": "l10n_ee_vat_in_24_s",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 22.0,
        "region": "domestic",
        "tax": "l10n_ee_vat_in_22_g",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 22.0,
        "region": "domestic",
        "kind": "services",
        "tax": "l10n_ee_vat_in_22_s",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 13.0,
        "region": "domestic",
        "tax": "l10n_ee_vat_in_13_s",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 9.0,
        "region": "domestic",
        "tax": "l10n_ee_vat_in_9_g",
    },
    {
        "direction": "purchase",
        "category": "S",
        "rate": 5.0,
        "region": "domestic",
        "tax": "l10n_ee_vat_in_5_g",
    },
    # EU acquisitions, self-assessed: 6 (services) or 6.1 (goods), 1 (VAT due), 5
    # (deducted)
    *(
        {
            "direction": "purchase",
            "category": category,
            "rate": 0.0,
            "region": "eu",
            **kind,
            **dates,
            "tax": tax,
        }
        for category, kind, suffix in (
            ("AE", {}, "s"),
            ("AE", {"kind": "goods"}, "g"),
            ("K", {}, "g"),
            ("K", {"kind": "services"}, "s"),
        )
        for dates, tax in (
            (BEFORE_24, f"l10n_ee_vat_in_0_eu_{suffix}_22"),
            (FROM_24, f"l10n_ee_vat_in_0_eu_{suffix}_24"),
        )
    ),
    # no Estonian VAT: not on the return
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
