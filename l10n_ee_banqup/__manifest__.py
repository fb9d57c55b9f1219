# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Estonia - Banqup (Unifiedpost) E-invoices",
    "summary": (
        "Banqup tax mapping rows of the Estonian chart (l10n_ee): the KMD lines of "
        "imported e-invoices"
    ),
    "version": "18.0.1.0.0",
    "category": "Accounting/Localizations/EDI",
    "website": "https://github.com/baltic-receipts/odoo-baltic",
    "author": "Baltic Receipts",
    "maintainers": ["baltic-receipts"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["l10n_lv_banqup", "l10n_ee"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "post_init_hook": "post_init_hook",
    "auto_install": True,
    "installable": True,
    "application": False,
}
