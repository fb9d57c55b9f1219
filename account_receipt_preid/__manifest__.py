# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Customer Receipts with PreID Prepayments",
    "summary": (
        "Receipt document for customer payments, PreID prepayment ledger with FIFO, "
        "refunds and FX receipts"
    ),
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/baltic-receipts/odoo-baltic",
    "author": "Baltic Receipts",
    "maintainers": ["baltic-receipts"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["account", "analytic"],
    "data": [
        "security/ir.model.access.csv",
        "security/account_receipt_security.xml",
        "security/account_prepayment_security.xml",
        "views/account_receipt_views.xml",
        "views/account_move_views.xml",
        "views/account_journal_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/account_prepayment_views.xml",
        "security/account_receipt_report_security.xml",
        "views/account_receipt_forecast_views.xml",
        "views/account_prepayment_history_views.xml",
        "report/account_receipt_report.xml",
        "report/preid_statement_report.xml",
        "views/account_move_prepayment_amount_views.xml",
        "views/account_receipt_books_views.xml",
    ],
    "external_dependencies": {"python": ["sepaxml", "schwifty"]},
    "demo": [
        "demo/account_receipt_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "account_receipt_preid/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
}
