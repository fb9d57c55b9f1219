# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Exactly once, nothing lost: fetch, store, commit, import, acknowledge."""

import re
from unittest.mock import patch

import psycopg2

from odoo import api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..banqup.exceptions import OperatorUnavailable, ProtocolError
from ..banqup.transport import DocumentPayload
from .common import BanqupTestCommon, FakeTransport, sample


@tagged("post_install", "-at_install")
class TestBanqupFetch(BanqupTestCommon):
    def inbox(self, company=None):
        return self.env["banqup.document"].search(
            [("company_id", "=", (company or self.company).id)], order="id"
        )

    def test_fetch_from_emulator(self):
        """Sales and purchase documents become invoices and are acknowledged once."""
        sales_id = self.add_emulator_document(
            "lv_sales_invoice.xml",
            files=[
                ("LV-2026-0001.pdf", "application/pdf", sample("lv_embedded_pdf.pdf"))
            ],
        )
        purchase_id = self.add_emulator_document(
            "purchase_supplier_invoice.xml", folder="PURCHASES"
        )
        result = self.company._banqup_fetch()
        docs = self.inbox()
        self.assertEqual(len(docs), 2)
        self.assertEqual(result["stored"], docs)
        self.assertEqual(result["imported"], docs)
        self.assertEqual(docs.mapped("state"), ["imported", "imported"])
        self.assertEqual(docs.mapped("acknowledged"), [True, True])
        self.assertEqual(
            sorted(self.emulator.acknowledged), sorted([sales_id, purchase_id])
        )
        by_id = {d.banqup_id: d for d in docs}
        self.assertEqual(by_id[sales_id].direction, "sales")
        self.assertEqual(by_id[sales_id].move_id.move_type, "out_invoice")
        self.assertEqual(by_id[purchase_id].move_id.move_type, "in_invoice")
        # the raw payload and the Banqup PDF are stored, and the PDF is on the invoice
        self.assertEqual(
            by_id[sales_id].raw_attachment_id.raw, sample("lv_sales_invoice.xml")
        )
        self.assertEqual(by_id[sales_id].file_attachment_ids.name, "LV-2026-0001.pdf")
        self.assertIn(
            "LV-2026-0001.pdf", by_id[sales_id].move_id.attachment_ids.mapped("name")
        )
        self.assertTrue(self.company.l10n_lv_banqup_last_fetch)
        # a second run finds nothing new
        result = self.company._banqup_fetch()
        self.assertFalse(result["stored"])
        self.assertEqual(len(self.inbox()), 2)
        self.assertEqual(len(self.emulator.acknowledged), 2)

    def test_commit_before_parse_and_ack_after_commit(self):
        """Order of a run: store -> commit, import -> commit, then acknowledge."""
        log = self.commit_log
        transport = FakeTransport(
            [("A", "sales", sample("lv_sales_invoice.xml"))], log=log
        )
        Document = self.registry["banqup.document"]
        original = Document._banqup_import_one

        def import_one(record):
            log.append(f"import {record.banqup_id}")
            return original(record)

        with patch.object(Document, "_banqup_import_one", import_one):
            self.company._banqup_fetch(transport=transport)
        self.assertEqual(
            log,
            ["list", "download A", "commit", "import A", "commit", "ack A", "commit"],
        )

    def test_same_id_delivered_twice_is_stored_once(self):
        """A listing that repeats a document (and a second run) makes one document and
        one invoice."""
        xml = sample("lv_sales_invoice.xml")
        transport = FakeTransport([("A", "sales", xml), ("A", "sales", xml)])
        self.company._banqup_fetch(transport=transport)
        self.assertEqual(len(self.inbox()), 1)
        # the operator lists it again (lost acknowledgement)
        transport.acknowledged.clear()
        result = self.company._banqup_fetch(transport=transport)
        self.assertFalse(result["stored"])
        self.assertEqual(len(self.inbox()), 1)
        self.assertEqual(
            self.env["account.move"].search_count([("name", "=", "LV-2026-0001")]), 1
        )

    def test_unique_constraint(self):
        """The database refuses a second record with the same Banqup id in the same
        company."""
        vals = {
            "name": "x",
            "company_id": self.company.id,
            "banqup_id": "DUP",
            "direction": "sales",
        }
        self.env["banqup.document"].create(vals)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
        ):
            with self.env.cr.savepoint():
                self.env["banqup.document"].create(vals)

    def test_concurrent_store_is_skipped(self):
        """When another worker stored the same id first, storing returns nothing instead
        of failing."""
        payload = DocumentPayload(
            "RACE", "sales", "race.xml", sample("lv_sales_invoice.xml")
        )
        Document = self.env["banqup.document"]
        # the search sees nothing (as when the other worker has not committed yet), the
        # insert collides
        Document.create(
            {
                "name": "other",
                "company_id": self.company.id,
                "banqup_id": "RACE",
                "direction": "sales",
            }
        )
        with patch.object(
            type(Document), "search_count", lambda self, domain, limit=None: 0
        ):
            with mute_logger("odoo.sql_db"):
                stored = Document._banqup_store(self.company, payload)
        self.assertFalse(stored)
        self.assertEqual(Document.search_count([("banqup_id", "=", "RACE")]), 1)

    def test_two_workers_lock(self):
        """While another cursor holds the company's fetch lock, a fetch does nothing
        (and vice versa)."""
        transport = FakeTransport([("A", "sales", sample("lv_sales_invoice.xml"))])
        with self.registry.cursor() as other_cr:
            other_env = api.Environment(other_cr, api.SUPERUSER_ID, {})
            self.assertTrue(
                other_env["res.company"]
                .browse(self.company.id)
                ._l10n_lv_banqup_try_lock()
            )
            result = self.company._banqup_fetch(transport=transport)
            self.assertTrue(result["skipped"])
            self.assertFalse(self.inbox())
            self.assertEqual(transport.log, [])
            # the other worker ends: its lock goes with its transaction
            other_cr.rollback()
        result = self.company._banqup_fetch(transport=transport)
        self.assertFalse(result["skipped"])
        self.assertEqual(len(self.inbox()), 1)
        # now this transaction holds the lock: a second worker cannot enter
        with self.registry.cursor() as other_cr:
            other_env = api.Environment(other_cr, api.SUPERUSER_ID, {})
            self.assertFalse(
                other_env["res.company"]
                .browse(self.company.id)
                ._l10n_lv_banqup_try_lock()
            )
            other_cr.rollback()

    def test_crash_between_store_and_import(self):
        """A stored but not imported document is imported by the next run, then
        acknowledged."""
        doc_id = self.add_emulator_document("lv_sales_invoice.xml")
        self.company._banqup_fetch(import_documents=False)
        document = self.inbox()
        self.assertEqual(document.state, "received")
        self.assertFalse(document.acknowledged)
        self.assertEqual(self.emulator.acknowledged, [])
        self.company._banqup_fetch()
        self.assertEqual(document.state, "imported")
        self.assertTrue(document.acknowledged)
        self.assertEqual(self.emulator.acknowledged, [doc_id])
        self.assertEqual(len(self.inbox()), 1)

    def test_crash_during_import_keeps_document(self):
        """An unexpected failure in the import phase leaves the stored document
        received."""
        self.add_emulator_document("lv_sales_invoice.xml")
        Document = self.registry["banqup.document"]

        class WorkerKilled(BaseException):
            """Stands for the process dying (not an error the import could record)."""

        def crash(record):
            raise WorkerKilled()

        # not assertRaises: Odoo's version rolls back to a savepoint, hiding what was
        # stored
        crashed = False
        with patch.object(Document, "_banqup_import_one", crash):
            try:
                self.company._banqup_fetch()
            except WorkerKilled:
                crashed = True
        self.assertTrue(crashed)
        # what the commit point made durable before the crash
        self.assertEqual(self.commit_log, ["commit"])
        self.assertEqual(self.inbox().state, "received")
        self.assertEqual(self.emulator.acknowledged, [])
        self.company._banqup_fetch()
        self.assertEqual(self.inbox().state, "imported")
        self.assertTrue(self.inbox().acknowledged)

    def test_failed_document_is_kept_and_not_acknowledged(self):
        bad_id = self.add_emulator_document("lv_unknown_tax.xml")
        good_id = self.add_emulator_document("lv_sales_invoice.xml")
        result = self.company._banqup_fetch()
        bad = self.inbox().filtered(lambda d: d.banqup_id == bad_id)
        self.assertEqual(result["failed"], bad)
        self.assertEqual(bad.state, "error")
        self.assertIn("17", bad.error_message)
        self.assertEqual(bad.raw_attachment_id.raw, sample("lv_unknown_tax.xml"))
        self.assertEqual(self.emulator.acknowledged, [good_id])
        # it is listed again by Banqup, but not stored twice nor retried automatically
        self.company._banqup_fetch()
        self.assertEqual(len(self.inbox()), 2)
        self.assertEqual(bad.state, "error")
        # ignoring it acknowledges it at the next run
        bad.action_ignore()
        self.company._banqup_fetch()
        self.assertEqual(sorted(self.emulator.acknowledged), sorted([good_id, bad_id]))

    def test_unexpected_error_is_recorded_and_the_batch_goes_on(self):
        transport = FakeTransport(
            [
                ("A", "sales", sample("lv_sales_invoice.xml")),
                ("B", "sales", sample("lv_credit_note.xml")),
            ]
        )
        Document = self.registry["banqup.document"]
        original = Document._prepare_move_vals

        def buggy(record, document):
            if record.banqup_id == "A":
                raise KeyError("bug in a customisation")
            return original(record, document)

        with mute_logger("odoo.addons.l10n_lv_banqup.models.banqup_document"):
            with patch.object(Document, "_prepare_move_vals", buggy):
                self.company._banqup_fetch(transport=transport)
        docs = self.inbox()
        self.assertEqual(docs.mapped("state"), ["error", "imported"])
        # the accountant reads what happened and what to do, not the Python exception
        # (that is in the log)
        self.assertIn("unexpected error", docs[0].error_message)
        self.assertIn("press Retry", docs[0].error_message)
        self.assertNotIn("KeyError", docs[0].error_message)
        self.assertIn(docs[0].display_name, docs[0].error_message)
        self.assertTrue(docs[0].raw_attachment_id.datas)
        self.assertEqual(transport.acknowledged, ["B"])

    def test_acknowledgement_failure_is_retried(self):
        transport = FakeTransport(
            [("A", "sales", sample("lv_sales_invoice.xml"))], fail_ack=True
        )
        self.company._banqup_fetch(transport=transport)
        document = self.inbox()
        self.assertEqual(document.state, "imported")
        self.assertFalse(document.acknowledged)
        transport.fail_ack = False
        self.company._banqup_fetch(transport=transport)
        self.assertTrue(document.acknowledged)
        self.assertEqual(transport.acknowledged, ["A"])
        self.assertEqual(
            self.env["account.move"].search_count([("name", "=", "LV-2026-0001")]), 1
        )

    def test_token_expiry_and_pagination(self):
        """Many documents over several pages with an expiring token are all fetched."""
        ids = [self.add_emulator_document("lv_sales_invoice.xml") for _ in range(3)]
        settings = {"max_retries": 0, "timeout": 5.0, "page_size": 2}
        with patch.object(
            self.registry["res.company"],
            "_l10n_lv_banqup_btx_settings",
            lambda self: settings,
        ):
            self.company._banqup_fetch(import_documents=False)
        self.assertEqual(sorted(self.inbox().mapped("banqup_id")), sorted(ids))

    def test_retry_on_demand(self):
        document = self.import_sample("lv_unknown_tax.xml")
        self.assertEqual(document.state, "error")
        tax_17 = self.env["account.tax"].create(
            {
                "name": "Sale 17%",
                "amount": 17.0,
                "type_tax_use": "sale",
                "company_id": self.company.id,
            }
        )
        self.env["l10n_lv_banqup.tax.mapping"].create(
            {"direction": "sale", "category": "S", "rate": 17.0, "tax_id": tax_17.id}
        )
        document.action_retry()
        self.assertEqual(document.state, "imported")
        self.assertEqual(document.move_id.amount_total, 117.0)
        self.assertFalse(document.error_message)

    def test_unlink_imported_refused(self):
        document = self.import_sample("lv_sales_invoice.xml")
        with self.assertRaises(UserError):
            document.unlink()
        failed = self.import_sample("lv_unknown_tax.xml")
        failed.unlink()
        self.assertFalse(failed.exists())

    def test_ignore_and_back(self):
        document = self.import_sample("lv_unknown_tax.xml")
        document.action_ignore()
        self.assertEqual(document.state, "ignored")
        document.action_reset_to_received()
        self.assertEqual(document.state, "received")
        imported = self.import_sample("lv_sales_invoice.xml")
        with self.assertRaises(UserError):
            imported.action_ignore()
        with self.assertRaises(UserError):
            imported.action_import()

    def test_cron(self):
        """The scheduled action exists, runs every 15 minutes and fetches for configured
        companies."""
        cron = self.env.ref("l10n_lv_banqup.ir_cron_banqup_fetch")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (15, "minutes"))
        self.add_emulator_document("lv_sales_invoice.xml")
        # e-services not registered yet, then a failed registration: the cron leaves the
        # company alone
        self.env["res.company"]._cron_l10n_lv_banqup_fetch()
        self.assertFalse(self.inbox())
        self.configure_company(self.company, client_secret="wrong-secret")
        self.company._l10n_lv_banqup_register(
            self.company._l10n_lv_banqup_ensure_services()
        )
        self.assertFalse(self.company.l10n_lv_banqup_service_ids.filtered("active"))
        self.env["res.company"]._cron_l10n_lv_banqup_fetch()
        self.assertFalse(self.inbox())
        self.configure_company(self.company)
        self.company._l10n_lv_banqup_register(
            self.company._l10n_lv_banqup_ensure_services()
        )
        self.env["res.company"]._cron_l10n_lv_banqup_fetch()
        self.assertEqual(self.inbox().state, "imported")

    def test_cron_writes_errors_in_the_company_language(self):
        """The cron's import errors are stored as template and values: each reader sees
        them in their own language (here Latvian and English), whatever the language of
        the company that ran the import."""
        self.env["res.lang"]._activate_lang("lv_LV")
        self.company.partner_id.lang = "lv_LV"
        self.company._l10n_lv_banqup_register(
            self.company._l10n_lv_banqup_ensure_services()
        )
        self.add_emulator_document("lv_total_mismatch.xml")
        self.env["res.company"].with_context(lang="en_US")._cron_l10n_lv_banqup_fetch()
        document = self.inbox()
        self.assertEqual(document.state, "error")
        self.assertIn(
            "Rēķina kopsumma Odoo ir", document.with_context(lang="lv_LV").error_message
        )
        self.assertIn(
            "The invoice total in Odoo is",
            document.with_context(lang="en_US").error_message,
        )

    def test_fetch_now_button(self):
        self.add_emulator_document("lv_sales_invoice.xml")
        action = (
            self.env["banqup.document"].with_company(self.company).action_fetch_now()
        )
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(self.inbox().state, "imported")

    def test_upload_zip_with_pdf(self):
        """A zip exported from Banqup: each XML is a document, a PDF of the same stem
        its file."""
        import base64
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("LV-2026-0001.xml", sample("lv_sales_invoice.xml"))
            archive.writestr("LV-2026-0001.pdf", sample("lv_embedded_pdf.pdf"))
            archive.writestr("LV-2026-K001.xml", sample("lv_credit_note.xml"))
        attachment = self.env["ir.attachment"].create(
            {"name": "banqup-export.zip", "datas": base64.b64encode(buffer.getvalue())}
        )
        wizard = (
            self.env["banqup.upload.wizard"]
            .with_company(self.company)
            .create({"direction": "sales", "attachment_ids": [(6, 0, attachment.ids)]})
        )
        action = wizard.action_upload()
        docs = self.inbox()
        self.assertEqual(sorted(action["domain"][0][2]), sorted(docs.ids))
        self.assertEqual(docs.mapped("state"), ["imported", "imported"])
        invoice = docs.filtered(lambda d: d.move_id.move_type == "out_invoice")
        self.assertEqual(invoice.file_attachment_ids.name, "LV-2026-0001.pdf")
        self.assertIn("LV-2026-0001.pdf", invoice.move_id.attachment_ids.mapped("name"))

    def test_upload_wizard(self):
        """Uploaded files go through the same inbox; the same file twice is stored
        once."""
        import base64

        self.company.l10n_lv_banqup_transport = "upload"
        attachment = self.env["ir.attachment"].create(
            {
                "name": "lv_sales_invoice.xml",
                "datas": base64.b64encode(sample("lv_sales_invoice.xml")),
            }
        )
        wizard = (
            self.env["banqup.upload.wizard"]
            .with_company(self.company)
            .create({"direction": "sales", "attachment_ids": [(6, 0, attachment.ids)]})
        )
        wizard.action_upload()
        document = self.inbox()
        self.assertEqual((document.state, document.source), ("imported", "upload"))
        self.assertTrue(document.banqup_id.startswith("sha256:"))
        self.assertTrue(document.acknowledged)
        wizard2 = (
            self.env["banqup.upload.wizard"]
            .with_company(self.company)
            .create({"direction": "sales", "attachment_ids": [(6, 0, attachment.ids)]})
        )
        wizard2.action_upload()
        self.assertEqual(len(self.inbox()), 1)

    def test_batch_with_a_bad_document_falls_back_one_by_one(self):
        """The invoices of a batch are created together; a failing one only holds
        itself."""
        good_id = self.add_emulator_document("lv_intra_eu.xml")
        bad_id = self.add_emulator_document("lv_total_mismatch.xml")
        result = self.company._banqup_fetch()
        by_id = {doc.banqup_id: doc for doc in self.inbox()}
        self.assertEqual(by_id[good_id].state, "imported")
        self.assertTrue(by_id[good_id].move_id)
        self.assertEqual(by_id[bad_id].state, "error")
        self.assertIn("376.41", by_id[bad_id].error_message)
        self.assertFalse(by_id[bad_id].move_id)
        self.assertEqual(result["imported"], by_id[good_id])
        self.assertEqual(result["failed"], by_id[bad_id])
        self.assertEqual(len(self.emulator.acknowledged), 1)

    def test_batch_holds_an_unmapped_tax_without_parsing_it_again(self):
        """A document whose tax is unknown is held from the batch directly: parsed once,
        its number kept."""
        transport = FakeTransport(
            [
                ("BAD", "sales", sample("lv_unknown_tax.xml")),
                ("GOOD", "sales", sample("lv_intra_eu.xml")),
            ]
        )
        Document = self.registry["banqup.document"]
        original = Document._banqup_parse
        parsed = []

        def parse(record):
            parsed.append(record.banqup_id)
            return original(record)

        with patch.object(Document, "_banqup_parse", parse):
            result = self.company._banqup_fetch(transport=transport)
        by_id = {doc.banqup_id: doc for doc in self.inbox()}
        self.assertEqual(parsed.count("BAD"), 1)
        self.assertEqual(by_id["BAD"].state, "error")
        self.assertIn("17", by_id["BAD"].error_message)
        self.assertTrue(by_id["BAD"].document_number)
        self.assertEqual(result["failed"], by_id["BAD"])
        self.assertEqual(result["imported"], by_id["GOOD"])

    def test_import_checks_every_state_before_the_first_invoice(self):
        """Importing a selection with an imported document refuses it by name before
        making any invoice."""
        self.company._banqup_fetch(
            transport=FakeTransport([("DONE", "sales", sample("lv_sales_invoice.xml"))])
        )
        self.company._banqup_fetch(
            transport=FakeTransport([("NEW", "sales", sample("lv_intra_eu.xml"))]),
            import_documents=False,
        )
        by_id = {doc.banqup_id: doc for doc in self.inbox()}
        self.assertEqual(
            (by_id["DONE"].state, by_id["NEW"].state), ("imported", "received")
        )
        moves_before = self.env["account.move"].search_count([])
        with self.assertRaisesRegex(
            UserError,
            re.escape(f"{by_id['DONE'].name} is Imported and cannot be imported"),
        ):
            (by_id["NEW"] | by_id["DONE"]).action_import()
        self.assertEqual(by_id["NEW"].state, "received")
        self.assertEqual(self.env["account.move"].search_count([]), moves_before)

    def test_batch_with_the_same_number_twice(self):
        """Two documents with one invoice number in one batch: one invoice, one
        duplicate error."""
        first = self.add_emulator_document("lv_sales_invoice.xml")
        second = self.add_emulator_document("lv_sales_invoice.xml")
        self.company._banqup_fetch()
        by_id = {doc.banqup_id: doc for doc in self.inbox()}
        self.assertEqual(
            sorted(by_id[first].mapped("state") + by_id[second].mapped("state")),
            ["error", "imported"],
        )
        self.assertEqual(
            self.env["account.move"].search_count([("name", "=", "LV-2026-0001")]), 1
        )


class _FlakyTransport(FakeTransport):
    """Download of ``bad_id`` fails with ``error``."""

    def __init__(self, documents, bad_id, error):
        super().__init__(documents)
        self.bad_id = bad_id
        self.error = error

    def download(self, document):
        if document.banqup_id == self.bad_id:
            raise self.error
        return super().download(document)


@tagged("post_install", "-at_install")
class TestBanqupFetchErrors(BanqupTestCommon):
    def inbox(self):
        return self.env["banqup.document"].search(
            [("company_id", "=", self.company.id)], order="id"
        )

    def test_one_unreadable_document_does_not_block_the_others(self):
        docs = [
            ("A", "sales", sample("lv_sales_invoice.xml")),
            ("B", "sales", sample("lv_credit_note.xml")),
        ]
        transport = _FlakyTransport(
            docs, "A", ProtocolError("GET ...: the document has no UBL file")
        )
        result = self.company._banqup_fetch(transport=transport)
        # A is in the inbox, held with the reason (it stays listed and is downloaded
        # again); B imported
        self.assertEqual(
            self.inbox().mapped(lambda d: (d.banqup_id, d.state)),
            [("A", "error"), ("B", "imported")],
        )
        self.assertIn("no UBL file", self.inbox()[0].error_message)
        self.assertEqual(
            [banqup_id for banqup_id, _message in result["download_errors"]], ["A"]
        )
        self.assertIn("no UBL file", result["download_errors"][0][1])
        self.assertEqual(transport.acknowledged, ["B"])

    def test_operator_down_midway_keeps_and_imports_what_was_stored(self):
        docs = [
            ("A", "sales", sample("lv_sales_invoice.xml")),
            ("B", "sales", sample("lv_credit_note.xml")),
        ]
        transport = _FlakyTransport(docs, "B", OperatorUnavailable("GET ...: HTTP 503"))
        result = self.company._banqup_fetch(transport=transport)
        self.assertIn("not reachable", result["error"])
        self.assertEqual(
            self.inbox().mapped(lambda d: (d.banqup_id, d.state)), [("A", "imported")]
        )
        self.assertEqual(transport.acknowledged, ["A"])
        transport.bad_id = None
        self.company._banqup_fetch(transport=transport)
        self.assertEqual(self.inbox().mapped("state"), ["imported", "imported"])

    def test_fetch_now_reports_an_operator_that_is_down(self):
        """Banqup down while listing: *Fetch now* says why, and nothing is stored."""
        self.emulator.fail_next(count=3, status=503, path_contains="/documents")
        with self.assertRaisesRegex(UserError, "not reachable"):
            self.env["banqup.document"].with_company(self.company).action_fetch_now()
        self.assertFalse(self.inbox())

    def settings(self):
        return self.env["res.config.settings"].with_company(self.company).create({})

    def test_settings_fetch_now_reports_an_operator_that_is_down(self):
        """*Fetch now* in the settings does not open an empty inbox when Banqup is down:
        it says why."""
        self.emulator.fail_next(count=3, status=503, path_contains="/documents")
        with self.assertRaisesRegex(UserError, "not reachable"):
            self.settings().action_l10n_lv_banqup_fetch()
        self.assertFalse(self.inbox())

    def test_settings_fetch_now_opens_the_inbox(self):
        self.add_emulator_document("lv_sales_invoice.xml")
        action = self.settings().action_l10n_lv_banqup_fetch()
        self.assertEqual(action["res_model"], "banqup.document")
        self.assertEqual(self.inbox().state, "imported")

    def test_fetch_now_while_another_fetch_runs(self):
        """Both *Fetch now* buttons tell that another fetch holds the lock instead of "0
        new documents"."""
        self.add_emulator_document("lv_sales_invoice.xml")
        with self.registry.cursor() as other_cr:
            other_env = api.Environment(other_cr, api.SUPERUSER_ID, {})
            self.assertTrue(
                other_env["res.company"]
                .browse(self.company.id)
                ._l10n_lv_banqup_try_lock()
            )
            with self.assertRaisesRegex(UserError, "Another Banqup fetch is running"):
                self.env["banqup.document"].with_company(
                    self.company
                ).action_fetch_now()
            with self.assertRaisesRegex(UserError, "Another Banqup fetch is running"):
                self.settings().action_l10n_lv_banqup_fetch()
            other_cr.rollback()
        self.assertFalse(self.inbox())

    def test_fetch_now_shows_download_errors(self):
        """Documents left at the source are counted and named, by both *Fetch now*
        buttons."""
        docs = [
            ("A", "sales", sample("lv_sales_invoice.xml")),
            ("B", "sales", sample("lv_credit_note.xml")),
        ]
        transport = _FlakyTransport(
            docs, "A", ProtocolError("GET ...: the document has no UBL file")
        )
        Company = self.registry["res.company"]
        with patch.object(
            Company, "_l10n_lv_banqup_get_transport", lambda company: transport
        ):
            action = (
                self.env["banqup.document"]
                .with_company(self.company)
                .action_fetch_now()
            )
            params = action["params"]
            self.assertEqual(params["type"], "warning")
            self.assertIn(
                "1 new document(s), 1 imported, 0 with errors.", params["message"]
            )
            self.assertIn(
                "1 document(s) could not be downloaded and stay at Banqup: A (",
                params["message"],
            )
            self.assertIn("no UBL file", params["message"])
            # the settings button shows the same warning, then opens the inbox
            action = self.settings().action_l10n_lv_banqup_fetch()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(
            "could not be downloaded and stay at Banqup: A (",
            action["params"]["message"],
        )
        self.assertEqual(action["params"]["next"]["res_model"], "banqup.document")
        self.assertEqual(
            self.inbox().mapped(lambda d: (d.banqup_id, d.state)),
            [("A", "error"), ("B", "imported")],
        )

    def test_register_with_upload_transport(self):
        self.company.l10n_lv_banqup_transport = "upload"
        services = self.company._l10n_lv_banqup_register(
            self.company._l10n_lv_banqup_ensure_services()
        )
        self.assertEqual(services.mapped("active"), [True, True])
        self.assertEqual(self.emulator.requests, [])


@tagged("post_install", "-at_install")
class TestBanqupImportLockRealCursors(BanqupTestCommon):
    """The per-document import lock, with real committed rows and two real cursors."""

    def test_one_import_per_document(self):
        company_id = self.env.ref("base.main_company").id
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            document_id = (
                env["banqup.document"]
                .create(
                    {
                        "name": "lock.xml",
                        "company_id": company_id,
                        "banqup_id": "LOCK-TEST",
                        "direction": "sales",
                    }
                )
                .id
            )
        try:
            with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
                doc_a = api.Environment(cr_a, api.SUPERUSER_ID, {})[
                    "banqup.document"
                ].browse(document_id)
                doc_b = api.Environment(cr_b, api.SUPERUSER_ID, {})[
                    "banqup.document"
                ].browse(document_id)
                self.assertTrue(doc_a._banqup_lock_for_import())
                self.assertFalse(
                    doc_b._banqup_lock_for_import(),
                    "the second worker must not import it too",
                )
                with self.assertRaisesRegex(UserError, "another process"):
                    doc_b.action_import()
                doc_a.write({"state": "imported"})
                cr_a.commit()
                cr_b.rollback()
            with self.registry.cursor() as cr_c:
                doc_c = api.Environment(cr_c, api.SUPERUSER_ID, {})[
                    "banqup.document"
                ].browse(document_id)
                self.assertFalse(
                    doc_c._banqup_lock_for_import(),
                    "an imported document is not imported again",
                )
                cr_c.rollback()
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM banqup_document WHERE id = %s", [document_id])
                cr.execute(
                    "DELETE FROM mail_message WHERE model = 'banqup.document' AND "
                    "res_id = %s",
                    [document_id],
                )
                cr.execute(
                    "DELETE FROM mail_followers WHERE res_model = 'banqup.document' "
                    "AND res_id = %s",
                    [document_id],
                )
