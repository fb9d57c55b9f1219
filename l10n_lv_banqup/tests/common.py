# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fixtures of the Odoo tests: a Latvian company, Banqup journals, the local API
emulator."""

import os
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from odoo import Command, http

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from ..banqup.transport import DocumentFile, DocumentPayload, RemoteDocument, Transport
from .banqup_emulator import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_SPACE_ID,
    BanqupEmulator,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_dir():
    """The project's shared folder: ``$BALTIC_SHARED_DIR`` or
    ``<repo_root>.parent / "shared"``."""
    override = os.environ.get("BALTIC_SHARED_DIR")
    return Path(override) if override else REPO_ROOT.parent / "shared"


def sample(name):
    """Bytes of a sample under tests/data."""
    return (DATA_DIR / name).read_bytes()


def fake_commit(company):
    """Test stand-in of the documented commit point: no commit, the lock stays held."""
    company._l10n_lv_banqup_commit_log.append("commit")
    return company._l10n_lv_banqup_try_lock()


class FakeTransport(Transport):
    """In-memory transport recording what happens, in order, into ``log``.

    :param documents: list of ``(banqup_id, direction, xml bytes)`` or payloads.
    """

    def __init__(self, documents, log=None, fail_ack=False):
        self.payloads = []
        for item in documents:
            if isinstance(item, DocumentPayload):
                self.payloads.append(item)
            else:
                banqup_id, direction, xml = item[:3]
                files = tuple(
                    DocumentFile(*f) for f in (item[3] if len(item) > 3 else ())
                )
                self.payloads.append(
                    DocumentPayload(
                        banqup_id, direction, f"{banqup_id}.xml", xml, files
                    )
                )
        self.log = log if log is not None else []
        self.acknowledged = []
        self.fail_ack = fail_ack

    def discover_space(self):
        raise NotImplementedError

    def register(self, services):
        raise NotImplementedError

    def list_new_documents(self, cursor=None):
        self.log.append("list")
        docs = [
            RemoteDocument(p.banqup_id, p.direction, p.filename)
            for p in self.payloads
            if p.banqup_id not in self.acknowledged
        ]
        return docs, None

    def download(self, document):
        self.log.append(f"download {document.banqup_id}")
        return next(p for p in self.payloads if p.banqup_id == document.banqup_id)

    def acknowledge(self, banqup_id):
        if self.fail_ack:
            from ..banqup.exceptions import OperatorUnavailable

            raise OperatorUnavailable("test: acknowledgement refused")
        self.log.append(f"ack {banqup_id}")
        self.acknowledged.append(banqup_id)


class BanqupTestCommon(AccountTestInvoicingCommon):
    """A Latvian company (l10n_lv chart) with Banqup journals, pointed at a local
    emulator.

    ``banqup_undocumented``: True for the tests of the document listing (*Fetch now*),
    which needs the administrator's opt-in *Use undocumented document endpoints
    (assumption)*; then the emulator serves those endpoints too. False: the documented
    API only. After every test, no call may have gone to a path the emulator does not
    serve (:attr:`BanqupEmulator.unserved`).
    """

    banqup_undocumented = True

    @classmethod
    @AccountTestInvoicingCommon.setup_country("lv")
    def setUpClass(cls):
        super().setUpClass()
        # the web server reads every addon's manifest on the first static file request;
        # read them now, in one thread, before a tour's browser asks for several files
        # at once (Python 3.11's parser is not thread-safe there:
        # https://github.com/python/cpython/issues/106905)
        _ = http.root.statics
        cls.company = cls.company_data["company"]
        cls.emulator = BanqupEmulator(undocumented=cls.banqup_undocumented).start()
        cls.addClassCleanup(cls.emulator.stop)
        cls.sale_journal = cls.env["account.journal"].create(
            {
                "name": "Banqup sales",
                "code": "BQS",
                "type": "sale",
                "company_id": cls.company.id,
                "default_account_id": cls.company_data["default_account_revenue"].id,
            }
        )
        cls.purchase_journal = cls.env["account.journal"].create(
            {
                "name": "Banqup purchases",
                "code": "BQP",
                "type": "purchase",
                "company_id": cls.company.id,
                "default_account_id": cls.company_data["default_account_expense"].id,
            }
        )
        cls.configure_company(cls.company)
        cls.env["res.currency"].search([("name", "=", "USD")]).active = True

    @classmethod
    def configure_company(
        cls, company, client_id=DEMO_CLIENT_ID, client_secret=DEMO_CLIENT_SECRET
    ):
        """Point ``company`` at the emulator with the given credentials."""
        company.sudo().write(
            {
                "l10n_lv_banqup_transport": "btx",
                "l10n_lv_banqup_environment": "custom",
                "l10n_lv_banqup_custom_url": cls.emulator.url,
                "l10n_lv_banqup_client_id": client_id,
                "l10n_lv_banqup_client_secret": client_secret,
                "l10n_lv_banqup_einvoice_key": "EINV-KEY-123",
                "l10n_lv_banqup_undocumented_api": cls.banqup_undocumented,
                "l10n_lv_banqup_sale_journal_id": cls.sale_journal.id
                if company == cls.company
                else company.l10n_lv_banqup_sale_journal_id.id,
                "l10n_lv_banqup_purchase_journal_id": cls.purchase_journal.id
                if company == cls.company
                else company.l10n_lv_banqup_purchase_journal_id.id,
            }
        )

    @classmethod
    def set_company_identifiers(cls, company):
        """Give ``company`` the VAT and registration number of the seller of the sales
        samples."""
        company.sudo().with_context(no_vat_validation=True).write(
            {"vat": "LV40103000001", "company_registry": "40103000001"}
        )

    def setUp(self):
        super().setUp()
        self.emulator.reset()
        self.addCleanup(self.assert_no_unserved_calls)
        Company = self.registry["res.company"]
        Company._l10n_lv_banqup_commit_log = []
        self.commit_log = Company._l10n_lv_banqup_commit_log
        patcher = patch.object(Company, "_l10n_lv_banqup_commit", fake_commit)
        patcher.start()
        self.addCleanup(patcher.stop)
        settings = {"max_retries": 0, "timeout": 5.0}
        patcher = patch.object(
            Company, "_l10n_lv_banqup_btx_settings", lambda self: settings
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def assert_no_unserved_calls(self):
        """Fails the test when the client called a path the emulator does not serve."""
        self.assertEqual(
            self.emulator.unserved,
            [],
            "the client called paths the Banqup emulator does not serve",
        )

    # -- helpers ---------------------------------------------------------------------

    def shared_sample_path(self, *parts):
        """A file of the shared folder; skips the test when absent."""
        path = shared_dir().joinpath(*parts)
        if not path.exists():
            self.skipTest(f"shared data not available: {path} (set BALTIC_SHARED_DIR)")
        return path

    def add_emulator_document(
        self, name, folder="SALES", files=(), document_id=None, space_id=DEMO_SPACE_ID
    ):
        """Put a sample of tests/data into the emulator; returns its Banqup id."""
        return self.emulator.add_document(
            sample(name),
            folder=folder,
            filename=name,
            files=files,
            document_id=document_id,
            space_id=space_id,
        )

    def import_xml(
        self,
        xml,
        direction="sales",
        banqup_id=None,
        company=None,
        files=(),
        filename="doc.xml",
    ):
        """Store ``xml`` as a received document and import it; returns the document."""
        company = company or self.company
        payload = DocumentPayload(
            banqup_id or f"test-{len(xml)}-{hash(xml)}", direction, filename, xml, files
        )
        document = (
            self.env["banqup.document"]
            .with_company(company)
            ._banqup_store(company, payload, "upload")
        )
        self.assertTrue(document, "the document must be stored")
        document._banqup_import_one()
        return document

    def import_sample(self, name, direction="sales", **kwargs):
        """Import a sample of tests/data."""
        return self.import_xml(
            sample(name), direction, banqup_id=name, filename=name, **kwargs
        )

    @contextmanager
    def assert_no_new_moves(self):
        before = self.env["account.move"].search_count([])
        yield
        self.assertEqual(self.env["account.move"].search_count([]), before)

    def invoice_lines(self, move):
        """``(name, quantity, price_unit, discount, tax names, subtotal)`` of each
        product line."""
        return [
            (
                line.name,
                line.quantity,
                line.price_unit,
                line.discount,
                tuple(line.tax_ids.mapped("name")),
                line.price_subtotal,
            )
            for line in move.invoice_line_ids
        ]

    @classmethod
    def lv_tax(cls, template, company=None):
        """The company's tax created from an l10n_lv template id."""
        return (
            cls.env["account.chart.template"]
            .with_company(company or cls.company)
            .ref(template)
        )

    @classmethod
    def new_partner(cls, **vals):
        return (
            cls.env["res.partner"]
            .with_context(no_vat_validation=True)
            .create({"is_company": True, **vals})
        )

    @classmethod
    def command_set(cls, records):
        return [Command.set(records.ids)]
