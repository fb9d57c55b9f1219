# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fault runs: each failure holds only its document, visibly, with a message; nothing
blocks the rest."""

from odoo.exceptions import UserError
from odoo.modules.neutralize import get_neutralization_queries
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..banqup.exceptions import OperatorUnavailable, ProtocolError
from ..banqup.transport import DocumentPayload
from .common import BanqupTestCommon, FakeTransport, sample


class _AckRefusingTransport(FakeTransport):
    """Acknowledgement of the ids in ``refused`` fails with ``error``."""

    def __init__(self, documents, refused=(), error=None):
        super().__init__(documents)
        self.refused = set(refused)
        self.error = error
        self.ack_calls = []

    def acknowledge(self, banqup_id):
        self.ack_calls.append(banqup_id)
        if banqup_id in self.refused:
            raise self.error
        return super().acknowledge(banqup_id)


class _DownloadFailingTransport(FakeTransport):
    """Download of ``bad_id`` fails with ``error`` (while ``bad_id`` is set)."""

    def __init__(self, documents, bad_id, error):
        super().__init__(documents)
        self.bad_id = bad_id
        self.error = error
        self.downloads = []

    def download(self, document):
        self.downloads.append(document.banqup_id)
        if document.banqup_id == self.bad_id:
            raise self.error
        return super().download(document)


def _numbered(number):
    """The sales sample with another invoice number (a distinct document)."""
    return sample("lv_sales_invoice.xml").replace(b"LV-2026-0001", number.encode())


@tagged("post_install", "-at_install")
class TestBanqupFaults(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_company_identifiers(
            cls.company
        )  # the company is the seller of the sales samples

    def inbox(self):
        return self.env["banqup.document"].search(
            [("company_id", "=", self.company.id)], order="id"
        )

    def by_id(self, banqup_id):
        return self.inbox().filtered(lambda d: d.banqup_id == banqup_id)

    # -- unreadable files
    # ---------------------------------------------------------------

    def test_empty_and_non_xml_files_hold_only_themselves(self):
        """Empty, blank, binary, PDF and plain-text "UBL" files are held; the good ones
        after them import."""
        transport = FakeTransport(
            [
                ("EMPTY", "sales", b""),
                ("BLANK", "sales", b" \r\n\t\n"),
                ("BINARY", "sales", b"\x00\x01\x02\xff\xfe binary"),
                ("PDF", "purchase", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"),
                ("TEXT", "sales", b"Invoice LV-1, 12.00 EUR"),
                ("GOOD-1", "sales", _numbered("LV-2026-0101")),
                ("GOOD-2", "sales", _numbered("LV-2026-0102")),
            ]
        )
        result = self.company._banqup_fetch(transport=transport)
        states = {doc.banqup_id: doc.state for doc in self.inbox()}
        self.assertEqual(
            states,
            {
                "EMPTY": "error",
                "BLANK": "error",
                "BINARY": "error",
                "PDF": "error",
                "TEXT": "error",
                "GOOD-1": "imported",
                "GOOD-2": "imported",
            },
        )
        self.assertEqual(len(result["imported"]), 2)
        self.assertEqual(len(result["failed"]), 5)
        self.assertEqual(
            self.by_id("EMPTY").error_message, "The document has no stored UBL file."
        )
        self.assertEqual(
            self.by_id("BLANK").error_message,
            "BLANK.xml is malformed: the file is empty",
        )
        for banqup_id in ("BINARY", "PDF", "TEXT"):
            self.assertEqual(
                self.by_id(banqup_id).error_message,
                f"{banqup_id}.xml is not a UBL invoice or credit note: the file is "
                f"not XML",
            )
        for doc in self.inbox().filtered(lambda d: d.state == "error"):
            self.assertFalse(doc.move_id)
            self.assertFalse(doc.acknowledged)
        self.assertEqual(sorted(transport.acknowledged), ["GOOD-1", "GOOD-2"])

    def test_an_emptied_file_and_an_unexpected_reader_error_hold_only_their_document(
        self,
    ):
        """A stored file without bytes (the reader used to get ``False`` and raise
        ``TypeError``) and any unexpected error of the reader hold their document; the
        run goes on and later runs are not blocked."""
        empty = self.env["banqup.document"]._banqup_store(
            self.company,
            DocumentPayload(
                "EMPTIED", "sales", "emptied.xml", _numbered("LV-2026-0201"), ()
            ),
            "upload",
        )
        empty.raw_attachment_id.sudo().raw = b""
        broken = self.env["banqup.document"]._banqup_store(
            self.company,
            DocumentPayload(
                "BROKEN", "sales", "broken.xml", _numbered("LV-2026-0202"), ()
            ),
            "upload",
        )
        good = self.env["banqup.document"]._banqup_store(
            self.company,
            DocumentPayload("GOOD", "sales", "good.xml", _numbered("LV-2026-0203"), ()),
            "upload",
        )
        Document = self.registry["banqup.document"]
        original = Document._banqup_parse

        def parse(record):
            if record.banqup_id == "BROKEN":
                raise TypeError("unexpected reader failure")
            return original(record)

        from unittest.mock import patch

        # the unexpected error is logged with its traceback (an ERROR record, which
        # Odoo's runner counts as a failure): expected here
        with (
            patch.object(Document, "_banqup_parse", parse),
            mute_logger("odoo.addons.l10n_lv_banqup.models.banqup_document_faults"),
        ):
            (empty | broken | good)._banqup_import_batch()
        self.assertEqual(
            (empty.state, broken.state, good.state), ("error", "error", "imported")
        )
        self.assertEqual(
            empty.error_message,
            "The e-invoice file emptied.xml is empty: there is nothing to import. Ask "
            "the sender to send the e-invoice again, then ignore this document.",
        )
        self.assertIn(
            "The e-invoice file broken.xml could not be read", broken.error_message
        )
        self.assertNotIn("TypeError", broken.error_message)
        # the next run is not blocked: a new document imports
        later = self.import_xml(_numbered("LV-2026-0204"), banqup_id="LATER")
        self.assertEqual(later.state, "imported")

    # -- acknowledgements
    # ------------------------------------------------------------------

    def stored_and_ignored(self, transport):
        """Store the transport's documents, ignore them (ignored ones are acknowledged
        too)."""
        self.company._banqup_fetch(transport=transport, import_documents=False)
        documents = self.inbox()
        documents.action_ignore()
        return documents

    def test_a_refused_acknowledgement_holds_only_its_document(self):
        """40 documents, the newest refused for good: the 39 others are acknowledged;
        the refused one says so in the inbox and is tried again by every run."""
        ids = [f"ACK-{index:02d}" for index in range(40)]
        refused = ProtocolError(
            "POST .../export-acknowledgement: HTTP 409 (ALREADY_EXPORTED)"
        )
        transport = _AckRefusingTransport(
            [(banqup_id, "sales", _numbered(banqup_id)) for banqup_id in ids],
            refused=["ACK-39"],
            error=refused,
        )
        documents = self.stored_and_ignored(transport)
        result = self.company._banqup_fetch(transport=transport)
        self.assertEqual(len(result["acknowledged"]), 39)
        self.assertEqual(sorted(transport.acknowledged), ids[:39])
        held = self.by_id("ACK-39")
        self.assertEqual(held.state, "ignored")
        self.assertFalse(held.acknowledged)
        self.assertEqual(held.acknowledge_attempts, 1)
        self.assertEqual(
            held.acknowledge_error,
            "Banqup was not told that this document is imported: Unexpected reply "
            "from Banqup: POST .../export-acknowledgement: HTTP 409 "
            "(ALREADY_EXPORTED). The next fetch tries again; until then Banqup lists "
            "it as not exported.",
        )
        self.assertTrue(all((documents - held).mapped("acknowledged")))
        self.assertFalse(any((documents - held).mapped("acknowledge_error")))
        # the next run tries again (only the refused one), then Banqup accepts it
        transport.ack_calls.clear()
        self.company._banqup_fetch(transport=transport)
        self.assertEqual(transport.ack_calls, ["ACK-39"])
        self.assertEqual(held.acknowledge_attempts, 2)
        transport.refused.clear()
        self.company._banqup_fetch(transport=transport)
        self.assertTrue(held.acknowledged)
        self.assertFalse(held.acknowledge_error)
        self.assertEqual(held.acknowledge_attempts, 0)
        # the inbox shows it: the filter of failed acknowledgements
        self.assertFalse(
            self.env["banqup.document"].search([("acknowledge_attempts", ">", 0)])
        )

    def test_operator_down_stops_the_acknowledgements_of_the_run_only(self):
        ids = ["DOWN-1", "DOWN-2", "DOWN-3", "DOWN-4", "DOWN-5"]
        down = OperatorUnavailable("POST .../export-acknowledgement: HTTP 503")
        transport = _AckRefusingTransport(
            [(banqup_id, "sales", _numbered(banqup_id)) for banqup_id in ids],
            refused=ids,
            error=down,
        )
        self.stored_and_ignored(transport)
        self.company._banqup_fetch(transport=transport)
        # three failures in a row: the operator is down, the run stops asking
        self.assertEqual(transport.ack_calls, ids[:3])
        self.assertEqual(self.inbox().mapped("acknowledge_attempts"), [1, 1, 1, 0, 0])
        self.assertIn(
            "Banqup is not reachable right now", self.by_id("DOWN-1").acknowledge_error
        )
        transport.refused.clear()
        self.company._banqup_fetch(transport=transport)
        self.assertEqual(self.inbox().mapped("acknowledged"), [True] * 5)

    # -- downloads that fail for good
    # ------------------------------------------------------------

    def test_a_permanent_download_failure_is_in_the_inbox(self):
        transport = _DownloadFailingTransport(
            [
                ("LOST", "purchase", sample("purchase_supplier_invoice.xml")),
                ("OK", "sales", _numbered("LV-2026-0301")),
            ],
            "LOST",
            ProtocolError("GET .../documents/LOST: the document has no UBL file"),
        )
        result = self.company._banqup_fetch(transport=transport)
        lost = self.by_id("LOST")
        self.assertRecordValues(
            lost,
            [
                {
                    "state": "error",
                    "download_failed": True,
                    "acknowledged": False,
                    "move_id": False,
                }
            ],
        )
        self.assertEqual(
            lost.error_message,
            "Banqup listed this document but it could not be downloaded: Unexpected "
            "reply from Banqup: GET .../documents/LOST: the document has no UBL file. "
            "It stays at Banqup and every fetch tries again (Retry does it now); if "
            "it never arrives, ask Banqup's support about document LOST.",
        )
        self.assertEqual(self.by_id("OK").state, "imported")
        self.assertEqual(transport.acknowledged, ["OK"])
        self.assertEqual(
            [banqup_id for banqup_id, _message in result["download_errors"]], ["LOST"]
        )
        # the "To do" and "Not downloaded" filters of the inbox show it
        self.assertIn(
            lost,
            self.env["banqup.document"].search(
                [("state", "in", ("received", "error"))]
            ),
        )
        self.assertEqual(
            self.env["banqup.document"].search([("download_failed", "=", True)]), lost
        )
        # the next run downloads it again; still failing: one record, the same message
        transport.downloads.clear()
        self.company._banqup_fetch(transport=transport)
        self.assertEqual(transport.downloads, ["LOST"])
        self.assertEqual(self.by_id("LOST"), lost)
        self.assertEqual(lost.state, "error")
        # it arrives: Retry fetches it, it is imported and acknowledged
        transport.bad_id = None
        Company = self.registry["res.company"]
        from unittest.mock import patch

        with patch.object(
            Company, "_l10n_lv_banqup_get_fetch_transport", lambda company: transport
        ):
            lost.action_retry()
        self.assertRecordValues(
            lost,
            [{"state": "imported", "download_failed": False, "acknowledged": True}],
        )
        self.assertEqual(lost.move_id.ref, "SUP-778")
        self.assertFalse(lost.error_message)
        self.assertEqual(
            lost.raw_attachment_id.raw, sample("purchase_supplier_invoice.xml")
        )

    def test_the_cron_shows_a_permanent_download_failure(self):
        """A company that only has the scheduled fetch sees the document in its
        inbox."""
        transport = _DownloadFailingTransport(
            [("LOST", "sales", _numbered("LV-2026-0401"))],
            "LOST",
            ProtocolError("GET ...: HTTP 404 (NOT_FOUND)"),
        )
        self.company._l10n_lv_banqup_ensure_services().sudo().write({"active": True})
        Company = self.registry["res.company"]
        from unittest.mock import patch

        with patch.object(
            Company, "_l10n_lv_banqup_get_fetch_transport", lambda company: transport
        ):
            self.env["res.company"]._cron_l10n_lv_banqup_fetch()
        lost = self.by_id("LOST")
        self.assertEqual(lost.state, "error")
        self.assertIn("could not be downloaded", lost.error_message)
        self.assertIn("HTTP 404 (NOT_FOUND)", lost.error_message)

    # -- a deleted draft
    # -----------------------------------------------------------------------

    def test_deleting_the_draft_invoice_gives_the_document_back(self):
        self.company.sudo().l10n_lv_banqup_auto_post = False
        document = self.import_xml(_numbered("LV-2026-0501"), banqup_id="DRAFT")
        self.assertEqual(document.state, "imported")
        move = document.move_id
        self.assertEqual(move.state, "draft")
        name = move.display_name
        billing = new_test_user(
            self.env,
            login="banqup_fault_billing",
            groups="base.group_user,account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        # as over RPC: the ORM's unlink() as a billing user, who cannot write inbox
        # documents
        move.with_user(billing).unlink()
        self.assertFalse(move.exists())
        self.assertRecordValues(
            document,
            [
                {
                    "state": "received",
                    "move_id": False,
                    "imported_date": False,
                    "error_message": False,
                }
            ],
        )
        self.assertIn(
            f"The invoice {name} made from this document was deleted by",
            document.message_ids[0].body,
        )
        self.assertIn("back in the inbox to import", document.message_ids[0].body)
        # imported again: one invoice
        document.action_import()
        self.assertEqual(document.state, "imported")
        self.assertEqual(
            self.env["account.move"].search_count(
                [("l10n_lv_banqup_document_id", "=", document.id)]
            ),
            1,
        )

    def test_a_posted_invoice_is_not_deleted_and_keeps_its_document(self):
        self.company.sudo().l10n_lv_banqup_auto_post = True
        document = self.import_xml(_numbered("LV-2026-0502"), banqup_id="POSTED")
        with self.assertRaises(UserError):
            document.move_id.unlink()
        self.assertEqual(document.state, "imported")
        self.assertTrue(document.move_id)


@tagged("post_install", "-at_install")
class TestBanqupNeutralized(BanqupTestCommon):
    """``data/neutralize.sql`` as ``odoo-bin neutralize`` runs it: nothing reaches
    Banqup any more."""

    NEUTRALIZED = "This database is a neutralized copy"

    def neutralize(self):
        queries = list(get_neutralization_queries(["l10n_lv_banqup"]))
        self.assertEqual(len(queries), 1, "l10n_lv_banqup ships data/neutralize.sql")
        self.env.flush_all()
        self.env.cr.execute(queries[0])
        self.env.invalidate_all()
        self.env.registry.clear_cache()

    def test_neutralized_database_refuses_every_door_to_banqup(self):
        received = self.env["banqup.document"]._banqup_store(
            self.company,
            DocumentPayload(
                "WAITING", "sales", "waiting.xml", sample("lv_credit_note.xml"), ()
            ),
            "btx",
        )
        services = self.company._l10n_lv_banqup_ensure_services()
        services.sudo().write({"active": True})
        self.company.sudo().l10n_lv_banqup_send_method = "api"
        invoice = self.init_invoice(
            "out_invoice", amounts=[100.0], post=True, company=self.company
        )
        self.emulator.reset()
        self.add_emulator_document("lv_sales_invoice.xml")
        self.neutralize()

        self.assertFalse(self.company.sudo().l10n_lv_banqup_client_secret)
        self.assertFalse(self.company.sudo().l10n_lv_banqup_einvoice_key)
        self.assertFalse(services.exists().filtered("active"))
        Document = self.env["banqup.document"].with_company(self.company)
        with self.assertRaisesRegex(UserError, self.NEUTRALIZED):
            Document.action_fetch_now()
        settings = self.env["res.config.settings"].with_company(self.company).create({})
        with self.assertRaisesRegex(UserError, self.NEUTRALIZED):
            settings.action_l10n_lv_banqup_fetch()
        with self.assertRaisesRegex(UserError, self.NEUTRALIZED):
            settings.action_l10n_lv_banqup_register()
        with self.assertRaisesRegex(UserError, self.NEUTRALIZED):
            self.env["banqup.service"].with_company(
                self.company
            ).action_open_register_wizard()
        with self.assertRaisesRegex(UserError, self.NEUTRALIZED):
            self.company._l10n_lv_banqup_register(services)
        with self.assertRaisesRegex(UserError, self.NEUTRALIZED):
            invoice.action_l10n_lv_banqup_send()
        self.assertFalse(
            self.env["account.move.send"]._is_applicable_to_company(
                "banqup", self.company
            )
        )
        self.assertFalse(invoice.l10n_lv_banqup_outbox_ids)
        # the scheduled actions say why in the log and do nothing
        with self.assertLogs(
            "odoo.addons.l10n_lv_banqup.models.banqup_neutralize", "WARNING"
        ) as logs:
            self.env["res.company"]._cron_l10n_lv_banqup_fetch()
            self.env["res.company"]._cron_l10n_lv_banqup_inbox()
            self.env["banqup.outbox"]._cron_l10n_lv_banqup_send()
        self.assertEqual(len(logs.output), 3)
        self.assertTrue(all(self.NEUTRALIZED in line for line in logs.output))
        self.assertEqual(self.emulator.requests, [])
        self.assertEqual(
            len(self.emulator.pending()),
            1,
            "production's document is still waiting at Banqup",
        )
        self.assertEqual(received.state, "received")
        self.assertFalse(received.error_message)
        self.assertFalse(received.move_id)
        # uploading a file calls nobody: it still works on the copy
        wizard = (
            self.env["banqup.upload.wizard"]
            .with_company(self.company)
            .create(
                {
                    "direction": "sales",
                    "attachment_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "up.xml",
                                "raw": _numbered("LV-2026-0601"),
                                "res_model": "banqup.upload.wizard",
                            },
                        )
                    ],
                }
            )
        )
        wizard.action_upload()
        uploaded = self.env["banqup.document"].search([("source", "=", "upload")])
        self.assertEqual(uploaded.mapped("state"), ["imported"])
