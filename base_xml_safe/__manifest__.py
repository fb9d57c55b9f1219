# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Safe XML Loading",
    "summary": "One hardened lxml loader for untrusted XML files (technical)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tools",
    "website": "https://github.com/baltic-receipts/odoo-baltic",
    "author": "Baltic Receipts",
    "maintainers": ["baltic-receipts"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["base"],
    "external_dependencies": {"python": ["lxml"]},
    "installable": True,
    "application": False,
}
