# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Latvia - Banqup (Unifiedpost) E-invoices",
    "summary": (
        "Banqup e-invoice key, service registration and exactly-once import of Banqup "
        "invoices"
    ),
    "version": "18.0.1.0.1",
    "category": "Accounting/Localizations/EDI",
    "website": "https://github.com/baltic-receipts/odoo-baltic",
    "author": "Baltic Receipts",
    "maintainers": ["baltic-receipts"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["account", "account_edi_ubl_cii", "base_xml_safe", "l10n_lv"],
    "external_dependencies": {
        "python": ["lxml", "python-stdnum", "requests", "schwifty", "zeep"]
    },
    "data": [
        "security/ir.model.access.csv",
        "security/security.xml",
        "security/banqup_tax_mapping_security.xml",
        "data/ir_cron.xml",
        "views/banqup_document_views.xml",
        "views/banqup_document_faults_views.xml",
        "views/banqup_service_views.xml",
        "views/banqup_message_views.xml",
        "views/res_config_settings_views.xml",
        "views/account_move_views.xml",
        "views/account_move_references_views.xml",
        "views/res_partner_views.xml",
        "views/banqup_outbox_views.xml",
        "views/res_config_settings_outbound_views.xml",
        "views/menus.xml",
        "views/banqup_tax_mapping_views.xml",
    ],
    "demo": [
        "demo/banqup_demo.xml",
        "demo/banqup_send_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "l10n_lv_banqup/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
}
