# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""*Fetch now* of the inbox list in a real browser (headless Chromium)."""

import json

from odoo.modules.neutralize import get_neutralization_queries
from odoo.tests import HttpCase, tagged

from .common import BanqupTestCommon


@tagged("post_install", "-at_install")
class TestBanqupFetchListTour(BanqupTestCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sudo().l10n_lv_banqup_auto_post = True
        cls.company.tax_exigibility = True
        cls.env.ref("base.user_admin").write(
            {"company_id": cls.company.id, "company_ids": [(4, cls.company.id)]}
        )

    def test_fetch_now_in_the_inbox_list(self):
        self.add_emulator_document("lv_sales_invoice.xml")
        self.add_emulator_document("lv_unknown_tax.xml")
        self.start_tour(
            "/odoo/action-l10n_lv_banqup.banqup_document_action",
            "l10n_lv_banqup_fetch_list_tour",
            login="admin",
        )
        docs = self.env["banqup.document"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(sorted(docs.mapped("state")), ["error", "imported"])


@tagged("post_install", "-at_install")
class TestBanqupNeutralizedListener(BanqupTestCommon, HttpCase):
    banqup_undocumented = False

    def test_listener_refuses_on_a_neutralized_database(self):
        """After ``data/neutralize.sql`` the listener stores nothing, even at the right
        address."""
        self.env["ir.config_parameter"].sudo().set_param(
            "web.base.url", self.base_url()
        )
        url = (
            self.company._l10n_lv_banqup_listener_base("import_sales_invoices")
            + "/messages"
        )
        path = url[len(self.base_url()) :]
        self.env.flush_all()
        self.env.cr.execute(next(get_neutralization_queries(["l10n_lv_banqup"])))
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        message = {
            "id": "m-1",
            "category": "file",
            "type": "file.uploaded",
            "resourceId": "f-1",
            "data": {},
        }
        response = self.url_open(
            path, data=json.dumps(message), headers={"Content-Type": "application/json"}
        )
        self.assertEqual(response.status_code, 503)
        self.assertIn("neutralized database", response.text)
        self.assertFalse(
            self.env["banqup.message"].search([("company_id", "=", self.company.id)])
        )
