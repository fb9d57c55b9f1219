# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Estonian Bank and Swedbank Factoring Import for Receipts",
    "summary": (
        "IMPORT SEPA EST (camt.053/054) and IMPORT SWED factoring buttons on the "
        "receipt"
    ),
    "version": "18.0.1.0.1",
    "category": "Accounting/Accounting",
    "website": "https://github.com/baltic-receipts/odoo-baltic",
    "author": "Baltic Receipts",
    "maintainers": ["baltic-receipts"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["account_receipt_preid", "base_xml_safe"],
    "external_dependencies": {"python": ["lxml", "python-stdnum"]},
    "data": [
        "security/ir.model.access.csv",
        "security/bank_import_swed_security.xml",
        "data/ir_cron_data.xml",
        "views/account_journal_views.xml",
        "views/account_receipt_views.xml",
        "views/account_receipt_import_views.xml",
        "views/account_receipt_import_job_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bank_import_swed/static/tests/tours/**/*",
        ],
    },
    "demo": [
        "demo/bank_import_demo.xml",
    ],
    "installable": True,
    "application": False,
}
