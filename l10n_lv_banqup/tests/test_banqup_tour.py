# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Banqup flow in a real browser (headless Chromium): register the e-services,
fetch.

Odoo skips the test with one line when no Chromium is installed.
"""

from odoo.tests import HttpCase, tagged

from .banqup_emulator import DEMO_SPACE_ID
from .common import BanqupTestCommon


@tagged("post_install", "-at_install")
class TestBanqupTour(BanqupTestCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sudo().l10n_lv_banqup_auto_post = True
        # the test chart has a cash basis tax: without this the settings open with a
        # warning
        cls.company.tax_exigibility = True
        # the administrator works in the Latvian test company
        cls.env.ref("base.user_admin").write(
            {"company_id": cls.company.id, "company_ids": [(4, cls.company.id)]}
        )

    def test_register_and_fetch_tour(self):
        sales_id = self.add_emulator_document("lv_sales_invoice.xml")
        purchase_id = self.add_emulator_document(
            "purchase_supplier_invoice.xml", folder="PURCHASES"
        )
        self.add_emulator_document("lv_unknown_tax.xml")

        self.start_tour(
            "/odoo/settings#account", "l10n_lv_banqup_tour", login="admin", timeout=60
        )

        # the e-services are registered at the operator
        services = (
            self.env["banqup.service"]
            .with_context(active_test=False)
            .search([("company_id", "=", self.company.id)])
        )
        self.assertEqual(
            sorted(services.mapped("service")),
            ["import_sales_invoices", "receive_supplier_invoices"],
        )
        self.assertEqual(services.mapped("active"), [True, True])
        self.assertEqual(services.mapped("registration_state"), ["active", "active"])
        self.assertEqual(
            set(services.mapped("system_message")), {"Registration was successful!"}
        )
        self.assertTrue(all(services.mapped("request_date")))
        self.assertEqual(
            len(self.emulator.extensions), 2
        )  # one message listener per e-service
        self.assertEqual(self.company.sudo().l10n_lv_banqup_space_id, DEMO_SPACE_ID)

        # the inbox: two documents imported and acknowledged, one held with its error
        docs = self.env["banqup.document"].search(
            [("company_id", "=", self.company.id)]
        )
        by_number = {doc.document_number: doc for doc in docs}
        self.assertEqual(sorted(by_number), ["LV-2026-0001", "LV-2026-0008", "SUP-778"])
        self.assertEqual(by_number["LV-2026-0001"].state, "imported")
        self.assertEqual(by_number["SUP-778"].state, "imported")
        held = by_number["LV-2026-0008"]
        self.assertEqual(held.state, "error")
        self.assertFalse(held.move_id)
        self.assertIn("17", held.error_message)
        self.assertFalse(held.acknowledged)
        self.assertEqual(
            sorted(self.emulator.acknowledged), sorted([sales_id, purchase_id])
        )

        # the invoices: partner, totals, state, journal, Banqup's number
        sale = by_number["LV-2026-0001"].move_id
        self.assertRecordValues(
            sale,
            [
                {
                    "move_type": "out_invoice",
                    "name": "LV-2026-0001",
                    "state": "posted",
                    "journal_id": self.sale_journal.id,
                    "amount_untaxed": 320.0,
                    "amount_total": 376.4,
                    "l10n_lv_banqup_document_id": by_number["LV-2026-0001"].id,
                }
            ],
        )
        self.assertIn("Klients", sale.partner_id.name)
        bill = by_number["SUP-778"].move_id
        self.assertRecordValues(
            bill,
            [
                {
                    "move_type": "in_invoice",
                    "ref": "SUP-778",
                    "state": "posted",
                    "journal_id": self.purchase_journal.id,
                    "amount_total": 134.4,
                }
            ],
        )
        # the sample supplier has the customer's VAT number: matched to the same partner
        self.assertEqual(bill.partner_id, sale.partner_id)
        self.assertEqual(sale.partner_id.vat, "LV50003000002")

        # the accountant's inbox: only the held document is to do; ignored, nothing is
        # left
        self.start_tour(
            "/odoo/action-l10n_lv_banqup.banqup_document_action",
            "l10n_lv_banqup_inbox_todo_tour",
            login="admin",
        )
        self.assertEqual(held.state, "ignored")
        self.assertEqual(by_number["LV-2026-0001"].state, "imported")
