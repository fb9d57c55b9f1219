# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scale past one request: a statement above the company's threshold is read, matched
and filled in the background by Odoo's cron (batches, ``_notify_progress``), the receipt
locked and showing the progress meanwhile; a worker killed in the middle of a batch
resumes without importing anything twice. Posting a receipt above the threshold runs in
the background too. Generic chart."""

import base64
from decimal import Decimal

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from . import camt_builder as cb

IBAN = "EE102200221055501234"


class WorkerKilled(Exception):
    """Stands for a worker killed before its transaction is committed."""


class BackgroundImportCommon(AccountTestInvoicingCommon):
    """Seven invoices and a statement of their payments and a bank debit (8 entries)
    above the company's background threshold (5), imported in batches of 3."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.currency = cls.company.currency_id
        cls.company.write(
            {
                "receipt_prepayment_account_id": cls.env["account.account"]
                .create(
                    {
                        "name": "Prepayments",
                        "code": "BG1",
                        "account_type": "liability_current",
                        "reconcile": True,
                    }
                )
                .id,
                "receipt_import_background_threshold": 5,
                "receipt_import_batch_size": 3,
            }
        )
        bank_account = cls.env["res.partner.bank"].create(
            {"acc_number": IBAN, "partner_id": cls.company.partner_id.id}
        )
        cls.journal = cls.env["account.journal"].create(
            {
                "name": "Swedbank",
                "code": "BGSW",
                "type": "bank",
                "bank_account_id": bank_account.id,
            }
        )
        cls.invoices = cls.env["account.move"]
        entries = []
        for index in range(7):
            partner = cls.env["res.partner"].create(
                {"name": f"Klient {index} OÜ", "is_company": True}
            )
            invoice = cls.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": "2026-11-02",
                    "invoice_payment_term_id": False,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Service",
                                "quantity": 1,
                                "price_unit": 100.0 + index,
                                "tax_ids": [Command.clear()],
                                "account_id": cls.company_data[
                                    "default_account_revenue"
                                ].id,
                            }
                        )
                    ],
                }
            )
            invoice.action_post()
            cls.invoices |= invoice
            entry = cb.single(
                100 + index,
                acct_svcr_ref=f"BG-{index:04d}",
                name=partner.name,
                text=f"Arve {invoice.name}",
            )
            entry.currency = cls.currency.name
            entries.append(entry)
        debit = cb.single(25, acct_svcr_ref="BG-FEE", name="Bank", text="Teenustasu")
        debit.credit_debit, debit.currency = "DBIT", cls.currency.name
        entries.insert(4, debit)
        cls.money = sum((Decimal(100 + index) for index in range(7)), Decimal(0))
        cls.data = cb.build([(IBAN, entries, cls.currency.name)])

    def start_import(self):
        receipt = self.env["account.receipt"].create(
            {"journal_id": self.journal.id, "date": "2026-11-20"}
        )
        action = receipt.action_import_sepa_est()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard.write({"data_file": base64.b64encode(self.data), "filename": "big.xml"})
        result = wizard.action_read_file()
        return receipt, result

    def run_cron_until_done(self, job, limit=10):
        Job = self.env["account.receipt.import.job"]
        for _run in range(limit):
            if job.state not in ("queued", "running"):
                return
            Job._cron_run()
        self.fail(f"job still {job.state} after {limit} runs")

    def assert_imported_once(self, receipt):
        lines = receipt.line_ids
        self.assertEqual(len(lines), 7)
        keys = [
            (line.bank_import_key, line.bank_import_part, line.bank_import_split)
            for line in lines
        ]
        self.assertEqual(len(set(keys)), 7, "an entry imported twice")
        self.assertEqual(
            Decimal(str(receipt.amount_total)).quantize(Decimal("0.01")), self.money
        )
        self.assertEqual(lines.invoice_id, self.invoices)


@tagged("post_install", "-at_install")
class TestBackgroundImport(BackgroundImportCommon):
    def test_large_statement_in_background_resumes_after_a_killed_worker(self):
        receipt, result = self.start_import()
        self.assertEqual(result["tag"], "display_notification")
        job = receipt.import_job_ids
        self.assertEqual(
            (job.kind, job.state, job.user_id), ("import", "queued", self.env.user)
        )
        cron = self.env.ref("bank_import_swed.ir_cron_receipt_import_job")
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
            "the cron was not triggered",
        )
        # locked while the job runs: no edit, no confirm, no other import
        self.assertTrue(receipt.import_job_running)
        self.assertIn("waiting to be imported", receipt.import_job_progress)
        with self.assertRaisesRegex(UserError, "locked while a background job"):
            receipt.action_post()
        with self.assertRaisesRegex(UserError, "locked while a background job"):
            receipt.write({"ref": "changed"})
        with self.assertRaisesRegex(UserError, "locked while a background job"):
            self.env["account.receipt.line"].create(
                {"receipt_id": receipt.id, "amount": 1.0}
            )
        with self.assertRaisesRegex(UserError, "locked while a background job"):
            receipt.action_import_sepa_est()

        # first batch, through Odoo's progress API: 3 of 8 entries done, 2 batches left
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        self.env["account.receipt.import.job"].with_context(
            ir_cron_progress_id=progress.id
        )._cron_run()
        self.assertEqual(
            (job.state, job.total, job.done, len(receipt.line_ids)),
            ("running", 8, 3, 3),
        )
        self.assertEqual((progress.done, progress.remaining), (1, 2))
        self.assertIn("3 of 8 entries done", receipt.import_job_progress)

        # the second batch's worker is killed before its commit: nothing of that batch
        # stays
        with self.assertRaises(WorkerKilled), self.env.cr.savepoint():
            job._run_batch()
            self.assertEqual(
                (job.done, len(receipt.line_ids)), (6, 5)
            )  # entries 4-6: the debit and two payments
            raise WorkerKilled
        self.env.invalidate_all()
        self.assertEqual(
            (job.state, job.done, len(receipt.line_ids)), ("running", 3, 3)
        )

        # the cron resumes where the last committed batch ended
        self.run_cron_until_done(job)
        self.assertEqual(
            (job.state, job.done, job.line_count, job.skip_count), ("done", 8, 7, 1)
        )
        self.assert_imported_once(receipt)
        self.assertFalse(receipt.import_job_running)
        chatter = " ".join(receipt.message_ids.mapped("body"))
        self.assertIn("Background import of big.xml done", chatter)
        self.assertIn("BG-FEE", chatter)  # the skipped debit, listed
        self.assertEqual(receipt.message_ids.attachment_ids.mapped("name"), ["big.xml"])

        # a receipt above the threshold is posted in the background too
        result = receipt.action_post()
        self.assertEqual(result["tag"], "display_notification")
        post_job = receipt.import_job_ids.filtered(lambda j: j.kind == "post")
        self.assertEqual((receipt.state, post_job.state), ("draft", "queued"))
        with self.assertRaisesRegex(UserError, "locked while a background job"):
            receipt.line_ids[0].amount = 1.0
        self.run_cron_until_done(post_job)
        self.assertEqual((receipt.state, post_job.state), ("posted", "done"))
        self.assertEqual(set(self.invoices.mapped("payment_state")), {"paid"})
        self.assertEqual(
            sum(receipt.move_id.line_ids.mapped("debit")), float(self.money)
        )

    def test_lost_progress_never_doubles(self):
        """Even when the job's progress is lost after a batch was committed (the job run
        again from the start), the bank's duplicate key skips what is on the receipt
        already: each entry once, totals equal."""
        receipt, _result = self.start_import()
        job = receipt.import_job_ids
        job._run_batch()
        self.assertEqual(len(receipt.line_ids), 3)
        job.sudo().write({"done": 0, "line_count": 0, "skip_count": 0})
        self.run_cron_until_done(job)
        self.assert_imported_once(receipt)
        # the three entries of the first batch are reported as already imported, the
        # debit as a debit
        self.assertEqual((job.line_count, job.skip_count), (4, 4))
        self.assertIn(
            "already imported", " ".join(receipt.message_ids.mapped("body")).lower()
        )

    def test_small_statement_stays_in_the_dialog(self):
        self.company.receipt_import_background_threshold = 50
        receipt, result = self.start_import()
        self.assertEqual(result["res_model"], "account.receipt.camt.import")
        self.assertFalse(receipt.import_job_ids)

    def test_failed_job_unlocks_the_receipt(self):
        """A job that cannot finish (here: the payment mode's account changed meanwhile)
        is marked failed with the reason in the chatter; its batch leaves nothing and
        the receipt is no longer locked."""
        receipt, _result = self.start_import()
        job = receipt.import_job_ids
        self.journal.bank_account_id = self.env["res.partner.bank"].create(
            {
                "acc_number": "EE382200221020145685",
                "partner_id": self.company.partner_id.id,
            }
        )
        job._run_batch()
        self.assertEqual(job.state, "failed")
        self.assertIn("EE102200221055501234", job.message)
        self.assertFalse(receipt.line_ids)
        self.assertFalse(receipt.import_job_running)
        receipt.write({"ref": "unlocked"})
