# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Receipts and PreID Prepayments from Sales Orders",
    "summary": (
        "Register Receipt on a sales order: its PreID carries the order, whose "
        "invoices use it first"
    ),
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/baltic-receipts/odoo-baltic",
    "author": "Baltic Receipts",
    "maintainers": ["baltic-receipts"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["sale", "account_receipt_preid"],
    "data": [
        "security/ir.model.access.csv",
        "views/sale_order_views.xml",
        "views/account_receipt_views.xml",
        "views/account_prepayment_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sale_receipt_preid/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
    "installable": True,
    "application": False,
}
