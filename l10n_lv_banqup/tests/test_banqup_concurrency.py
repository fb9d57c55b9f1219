# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two workers at the same time, with real cursors and real commits (cleaned up
afterwards).

The other tests run in the test transaction, where commits are forbidden; here two
threads each open their own cursor on committed data (the main company), fetch or
store the same documents at once, commit, and the test checks that each document is
stored exactly once.
"""

import threading
import time
from unittest.mock import patch

from odoo import api
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from ..banqup.transport import DocumentPayload
from ..models.res_company import ResCompany
from .common import FakeTransport, sample

PREFIX = "CONCURRENCY-TEST-"


class _SlowTransport(FakeTransport):
    """Downloads take a while, so that two runs overlap."""

    def download(self, document):
        time.sleep(0.15)
        return super().download(document)


@tagged("post_install", "-at_install")
class TestBanqupConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        # Odoo's runner (odoo-bin --test-enable) runs the tests while holding
        # Registry._lock; the threads opening an environment (Registry(dbname)) would
        # wait for it until their join timed out. Odoo's HttpCase swaps in a DummyRLock
        # for its server threads in the same way (Registry.enter_test_mode).
        self.patch(Registry, "_lock", DummyRLock())
        self.company_id = self.env.ref("base.main_company").id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id FROM banqup_document WHERE banqup_id LIKE %s", [PREFIX + "%"]
            )
            ids = [row[0] for row in cr.fetchall()]
            if ids:
                cr.execute(
                    "DELETE FROM ir_attachment WHERE res_model = 'banqup.document' "
                    "AND res_id = ANY(%s)",
                    [ids],
                )
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
                cr.execute("DELETE FROM banqup_document WHERE id = ANY(%s)", [ids])

    def _run_in_threads(self, target, count=2):
        """Run ``target(env)`` in ``count`` threads at once, each on its own committed
        cursor."""
        barrier = threading.Barrier(count)
        results = [None] * count

        def run(index):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    barrier.wait(timeout=10)
                    results[index] = target(env)
            except Exception as exc:  # reported by the assertions below
                results[index] = exc

        threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        for result in results:
            self.assertNotIsInstance(result, Exception, result)
        return results

    def _stored(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT banqup_id, count(*) FROM banqup_document WHERE banqup_id LIKE "
                "%s GROUP BY banqup_id",
                [PREFIX + "%"],
            )
            return dict(cr.fetchall())

    def test_two_fetches_at_once_store_each_document_once(self):
        """Two workers fetch the same listing at once: the lock lets one in, nothing is
        doubled."""
        xml = sample("lv_sales_invoice.xml")
        docs = [(f"{PREFIX}{n}", "sales", xml) for n in range(3)]

        def fetch(env):
            company = env["res.company"].browse(self.company_id)
            result = company._banqup_fetch(
                transport=_SlowTransport(docs), import_documents=False, source="upload"
            )
            return len(result["stored"]), result["skipped"]

        with patch.object(
            self.registry["res.company"],
            "_l10n_lv_banqup_commit",
            ResCompany._l10n_lv_banqup_commit,
        ):
            results = self._run_in_threads(fetch)
        self.assertEqual(self._stored(), {doc[0]: 1 for doc in docs})
        self.assertEqual(sum(stored for stored, _skipped in results), 3)

    def test_two_stores_at_once_without_lock(self):
        """Even without the lock, the unique index makes the second insert a no-op, not
        a duplicate."""
        payload = DocumentPayload(
            f"{PREFIX}RACE", "sales", "race.xml", sample("lv_sales_invoice.xml")
        )

        def store(env):
            company = env["res.company"].browse(self.company_id)
            Document = env["banqup.document"]
            document = Document._banqup_store(company, payload, "upload")
            time.sleep(
                0.3
            )  # hold the transaction open so that the other insert waits on it
            env.cr.commit()
            return bool(document)

        with mute_logger("odoo.sql_db"):
            results = self._run_in_threads(store)
        self.assertEqual(self._stored(), {f"{PREFIX}RACE": 1})
        self.assertEqual(sorted(results), [False, True])
