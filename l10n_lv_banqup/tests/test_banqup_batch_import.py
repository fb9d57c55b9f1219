# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Batch import: progress notifications, one chatter message, the same results as one by
one."""

import json
from unittest.mock import patch

from odoo import Command, api
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..banqup.transport import DocumentPayload
from .common import BanqupTestCommon, FakeTransport, sample


def numbered(number):
    """The LV sales invoice sample with another invoice number (same customer)."""
    return sample("lv_sales_invoice.xml").replace(
        b"<cbc:ID>LV-2026-0001</cbc:ID>", f"<cbc:ID>{number}</cbc:ID>".encode(), 1
    )


@tagged("post_install", "-at_install")
class TestBanqupBatchImport(BanqupTestCommon):
    def inbox(self):
        return self.env["banqup.document"].search(
            [("company_id", "=", self.company.id)], order="id"
        )

    def progress_messages(self):
        """Texts of the ``simple_notification`` bus messages of the transaction (after
        its precommit)."""
        self.env.cr.precommit.run()
        notifications = (
            self.env["bus.bus"]
            .sudo()
            .search([("message", "like", "simple_notification")], order="id")
        )
        result = []
        for notification in notifications:
            message = json.loads(notification.message)
            if message["type"] == "simple_notification":
                result.append((json.loads(notification.channel), message["payload"]))
        return result

    def add_numbered_documents(self, count):
        for index in range(count):
            self.emulator.add_document(
                numbered(f"LV-2026-01{index:02d}"),
                folder="SALES",
                filename=f"LV-2026-01{index:02d}.xml",
            )

    def test_fetch_now_notifies_progress_per_batch(self):
        """*Fetch now* over several batches tells its user "N of M documents imported"
        after each batch."""
        self.add_numbered_documents(3)
        Document = self.registry["banqup.document"]
        with patch.object(Document, "_banqup_commit_batch_size", lambda self: 2):
            self.env["banqup.document"].with_company(self.company).action_fetch_now()
        self.assertEqual(self.inbox().mapped("state"), ["imported"] * 3)
        messages = self.progress_messages()
        self.assertEqual(
            [payload["message"] for _channel, payload in messages],
            ["2 of 3 documents imported", "3 of 3 documents imported"],
        )
        channel, payload = messages[0]
        self.assertEqual(channel[1:], ["res.partner", self.env.user.partner_id.id])
        self.assertFalse(payload["sticky"])
        self.assertEqual(payload["title"], "Banqup")

    def test_no_progress_for_the_cron_nor_a_single_batch(self):
        self.add_numbered_documents(3)
        self.company._l10n_lv_banqup_register(
            self.company._l10n_lv_banqup_ensure_services()
        )  # the cron needs it
        Document = self.registry["banqup.document"]
        with patch.object(Document, "_banqup_commit_batch_size", lambda self: 2):
            self.env["res.company"]._cron_l10n_lv_banqup_fetch()
        self.assertEqual(self.inbox().mapped("state"), ["imported"] * 3)
        self.add_numbered_documents(
            5
        )  # numbers 0100..0104: three are duplicates, two new
        self.env["banqup.document"].with_company(
            self.company
        ).action_fetch_now()  # one batch of 25
        self.assertEqual(len(self.inbox()), 8)
        self.assertEqual(self.progress_messages(), [])

    def test_one_chatter_message_per_invoice_and_document(self):
        """Batch and single imports leave one message on the invoice saying where it
        comes from."""
        self.company.l10n_lv_banqup_auto_post = True
        transport = FakeTransport(
            [(f"B{i}", "sales", numbered(f"LV-2026-02{i:02d}")) for i in range(3)]
        )
        result = self.company._banqup_fetch(transport=transport)
        single = self.import_xml(numbered("LV-2026-0299"), banqup_id="S1")
        documents = result["imported"] | single
        self.assertEqual(len(documents), 4)
        for document in documents:
            move = document.move_id
            self.assertEqual(move.state, "posted")
            self.assertEqual(len(move.message_ids), 1, move.message_ids.mapped("body"))
            self.assertIn("Imported from Banqup document", move.message_ids.body)
            self.assertIn(f'data-oe-id="{document.id}"', move.message_ids.body)
            self.assertIn("Imported as", document.message_ids[0].body)
            self.assertIn(f'data-oe-id="{move.id}"', document.message_ids[0].body)
            self.assertEqual(document.document_number, move.name)

    def test_line_account_follows_the_partner_history(self):
        """Lines without product get the partner's most frequent income account, as Odoo
        would give them."""
        partner = self.new_partner(
            name="Klients", vat="LV50003000002", company_id=False
        )
        other = self.env["account.account"].create(
            {"code": "619900", "name": "Other revenue", "account_type": "income"}
        )
        earlier = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": "2026-03-01",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "x",
                            "quantity": 1,
                            "price_unit": 10,
                            "account_id": other.id,
                        }
                    )
                ],
            }
        )
        earlier.action_post()
        transport = FakeTransport(
            [(f"A{i}", "sales", numbered(f"LV-2026-03{i:02d}")) for i in range(2)]
        )
        result = self.company._banqup_fetch(transport=transport)
        single = self.import_xml(numbered("LV-2026-0399"), banqup_id="S2")
        documents = result["imported"] | single
        self.assertEqual(len(documents), 3)
        self.assertEqual(documents.move_id.partner_id, partner)
        self.assertEqual(documents.move_id.invoice_line_ids.account_id, other)

    def test_line_account_without_history_is_the_journal_default(self):
        transport = FakeTransport(
            [(f"C{i}", "sales", numbered(f"LV-2026-04{i:02d}")) for i in range(2)]
        )
        result = self.company._banqup_fetch(transport=transport)
        self.assertEqual(len(result["imported"]), 2)
        self.assertEqual(
            result["imported"].move_id.invoice_line_ids.account_id,
            self.sale_journal.default_account_id,
        )

    def test_store_many_falls_back_when_another_worker_stored_one(self):
        """A batch colliding on the unique index is stored one by one: the other
        documents are kept."""
        Document = self.env["banqup.document"]
        Document.create(
            {
                "name": "other",
                "company_id": self.company.id,
                "banqup_id": "RACE",
                "direction": "sales",
            }
        )
        payloads = [
            DocumentPayload(
                banqup_id,
                "sales",
                f"{banqup_id}.xml",
                numbered(f"LV-2026-05{index:02d}"),
            )
            for index, banqup_id in enumerate(["NEW-1", "RACE", "NEW-2"])
        ]
        with mute_logger("odoo.sql_db"):
            stored = Document._banqup_store_many(self.company, payloads)
        self.assertEqual(sorted(stored.mapped("banqup_id")), ["NEW-1", "NEW-2"])
        self.assertEqual(Document.search_count([("banqup_id", "=", "RACE")]), 1)
        self.assertEqual(
            stored.mapped("raw_attachment_id.name"), ["NEW-1.xml", "NEW-2.xml"]
        )
        self.assertEqual(stored[1].raw_attachment_id.raw, numbered("LV-2026-0502"))


@tagged("post_install", "-at_install")
class TestBanqupBatchLockRealCursors(BanqupTestCommon):
    """The batch lock skips the documents another transaction is importing."""

    def test_batch_lock_skips_locked_and_imported_rows(self):
        company_id = self.env.ref("base.main_company").id
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            ids = (
                env["banqup.document"]
                .create(
                    [
                        {
                            "name": f"lock-{i}.xml",
                            "company_id": company_id,
                            "banqup_id": f"BLOCK-{i}",
                            "direction": "sales",
                        }
                        for i in range(3)
                    ]
                )
                .ids
            )
            env["banqup.document"].browse(ids[2]).write({"state": "ignored"})
        try:
            with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
                docs_a = api.Environment(cr_a, api.SUPERUSER_ID, {})[
                    "banqup.document"
                ].browse(ids)
                docs_b = api.Environment(cr_b, api.SUPERUSER_ID, {})[
                    "banqup.document"
                ].browse(ids)
                self.assertTrue(docs_a[0]._banqup_lock_for_import())
                self.assertEqual(docs_b._banqup_lock_batch_for_import().ids, [ids[1]])
                self.assertFalse(
                    docs_a[1]._banqup_lock_for_import(),
                    "locked by the batch of the other worker",
                )
                cr_a.rollback()
                cr_b.rollback()
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM banqup_document WHERE id = ANY(%s)", [ids])
                cr.execute(
                    "DELETE FROM mail_message WHERE model = 'banqup.document' AND "
                    "res_id = ANY(%s)",
                    [ids],
                )
                cr.execute(
                    "DELETE FROM mail_followers WHERE res_model = 'banqup.document' "
                    "AND res_id = ANY(%s)",
                    [ids],
                )
