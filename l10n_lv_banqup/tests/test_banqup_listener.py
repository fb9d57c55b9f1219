# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Banqup's message listener: Register service registers it, the emulator posts to the
Odoo route."""

import json
import logging

from odoo.tests import HttpCase, tagged

from .common import BanqupTestCommon
from .test_banqup_mail_delivery import pdf_variant, variant

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestBanqupListener(BanqupTestCommon, HttpCase):
    banqup_undocumented = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_company_identifiers(cls.company)

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "web.base.url", self.base_url()
        )
        services = self.company._l10n_lv_banqup_ensure_services()
        self.company._l10n_lv_banqup_register(services)
        self.assertEqual(
            services.mapped("active"), [True, True], services.mapped("system_message")
        )
        self.assertEqual(len(self.emulator.extensions), 2)

    def add_documents(self):
        """8 sales and 8 supplier e-invoices and 2 PDF-only bills in the emulator's
        space."""
        emu = self.emulator
        docs = [
            emu.add_document(
                variant("lv_sales_invoice.xml", f"LV-PUSH-{i:03d}"), "SALES"
            )
            for i in range(8)
        ]
        docs += [
            emu.add_document(
                variant("purchase_supplier_invoice.xml", f"SUP-P{i:03d}"), "PURCHASES"
            )
            for i in range(8)
        ]
        docs += [
            emu.add_document(
                pdf_variant(i),
                "PURCHASES",
                f"scan-{i}.pdf",
                content_type="application/pdf",
            )
            for i in range(2)
        ]
        return [emu.documents[doc_id] for doc_id in docs]

    def messages(self):
        return self.env["banqup.message"].search([("company_id", "=", self.company.id)])

    def inbox(self):
        return self.env["banqup.document"].search(
            [("company_id", "=", self.company.id)]
        )

    def test_route_refuses_a_wrong_secret_and_stores_a_message_once(self):
        url = self.company.l10n_lv_banqup_service_ids.filtered(
            lambda s: s.service == "import_sales_invoices"
        ).listener_url
        path = url[len(self.base_url()) :]
        message = {
            "id": "m-1",
            "category": "file",
            "type": "file.uploaded",
            "resourceId": "f-1",
            "data": {},
        }
        headers = {"Content-Type": "application/json"}
        wrong = path.replace(self.company._l10n_lv_banqup_listener_token(), "0" * 40)
        self.assertEqual(
            self.url_open(wrong, data=json.dumps(message), headers=headers).status_code,
            404,
        )
        self.assertFalse(self.messages())
        self.assertEqual(
            self.url_open(path, data="not json", headers=headers).status_code, 400
        )
        self.assertEqual(
            self.url_open(path, data=json.dumps(message), headers=headers).status_code,
            202,
        )
        self.assertEqual(
            self.url_open(path, data=json.dumps(message), headers=headers).status_code,
            200,
        )
        self.assertRecordValues(
            self.messages(),
            [
                {
                    "message_uid": "m-1",
                    "category": "file",
                    "resource_id": "f-1",
                    "state": "new",
                }
            ],
        )

    def test_documented_only_messages_wait_for_the_file(self):
        """Without the opt-in the file details come from the documented call, the
        content from no call: each message waits with the reason, nothing undocumented
        is called."""
        self.add_documents()
        statuses = self.emulator.deliver_messages(self.emulator.pending()[:2])
        self.assertEqual(statuses, [202, 202, 202, 202])  # 2 documents x 2 listeners
        self.company._banqup_fetch()
        messages = self.messages()
        self.assertEqual(set(messages.mapped("state")), {"waiting"})
        self.assertIn("no call that returns the content", messages[0].error_message)
        self.assertFalse(self.inbox())
        file_calls = [
            p for _m, p, s in self.emulator.requests if "/files/" in p and s == 200
        ]
        self.assertEqual(len(file_calls), 4)

    def test_listener_delivery_gives_the_same_result_as_the_mail_case(self):
        """With the content download opted in: 18 documents announced to both listeners,
        5 of them announced again, give 18 inbox documents and 16 invoices/bills; the 2
        PDF-only are held."""
        self.company.sudo().l10n_lv_banqup_undocumented_api = True
        self.emulator.undocumented = True
        documents = self.add_documents()
        statuses = self.emulator.deliver_messages()
        statuses += self.emulator.deliver_messages(documents[:5])
        _logger.info(
            f"listener: {len(statuses)} messages delivered, statuses "
            f"{sorted(set(statuses))}"
        )
        self.assertEqual(statuses, [202] * (2 * 18 + 2 * 5))
        self.assertEqual(len(self.messages()), 46)
        self.assertFalse(
            self.inbox()
        )  # stored messages only: the route answers at once

        self.company._banqup_fetch()
        inbox = self.inbox()
        imported = inbox.filtered(lambda d: d.state == "imported")
        held = inbox - imported
        _logger.info(
            f"listener: {len(inbox)} inbox documents, {len(imported)} imported, "
            f"{len(held)} held"
        )
        self.assertEqual(set(self.messages().mapped("state")), {"done"})
        self.assertEqual(len(inbox), 18)
        self.assertEqual(set(inbox.mapped("source")), {"listener"})
        self.assertEqual(
            sorted(inbox.mapped("banqup_id")), sorted(d.id for d in documents)
        )
        self.assertEqual(sum(inbox.mapped("duplicate_count")), 18 + 2 * 5)
        self.assertEqual(len(imported.move_id), 16)
        moves = imported.move_id
        self.assertEqual(len(moves.filtered(lambda m: m.move_type == "out_invoice")), 8)
        self.assertEqual(len(moves.filtered(lambda m: m.move_type == "in_invoice")), 8)
        self.assertAlmostEqual(
            sum(moves.mapped("amount_total")), 8 * 376.40 + 8 * 134.40, places=2
        )
        self.assertEqual(len(held), 2)
        self.assertTrue(
            all("Only a PDF was delivered" in d.error_message for d in held)
        )
