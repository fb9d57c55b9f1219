# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The lock of a receipt a background job imports into, tried as another accountant and
as the job's own user over the ORM calls RPC makes (writes, deletes, new lines, Confirm,
Reset, Cancel, another import), also with the job's id forged into the context: every
attempt is refused with a message naming the receipt; only the job run by the cron
passes. A job that crashes unlocks the receipt; one whose worker died resumes (its next
run finishes it)."""

import base64
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models.account_receipt_import_job import AccountReceiptImportJob
from .test_background_import import BackgroundImportCommon

LOCKED = "Receipt .* is locked while a background job works on it"


@tagged("post_install", "-at_install")
class TestGuaranteesImportLock(BackgroundImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,account.group_account_user"
        company = cls.company
        cls.starter, cls.accountant = (
            new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )
            for login in ("lock_starter", "lock_accountant")
        )
        cls.manager = new_test_user(
            cls.env,
            login="lock_manager",
            groups="base.group_user,account.group_account_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def setUp(self):
        super().setUp()
        self.env = self.env(user=self.starter)
        self.receipt, _result = self.start_import()
        self.job = self.receipt.import_job_ids
        self.assertTrue(self.receipt.import_job_running)
        self.other_receipt = self.env["account.receipt"].create(
            {
                "journal_id": self.journal.id,
                "date": "2026-11-20",
                "line_ids": [
                    Command.create({"partner_id": self.partner_a.id, "amount": 9})
                ],
            }
        )

    def attempts(self, receipt, line=None):
        """Every change a user can ask for over RPC, on ``receipt`` (its env's user and
        context) and its ``line``."""
        attempts = {
            "write": lambda: receipt.write({"ref": "changed"}),
            "write lines": lambda: receipt.write(
                {
                    "line_ids": [
                        Command.create({"partner_id": self.partner_a.id, "amount": 5})
                    ]
                }
            ),
            "unlink": receipt.unlink,
            "Confirm": receipt.action_post,
            "Reset to Draft": receipt.action_draft,
            "Cancel": receipt.action_cancel,
            "add a line": lambda: receipt.line_ids.create(
                {"receipt_id": receipt.id, "partner_id": self.partner_a.id, "amount": 5}
            ),
            "another import": receipt.action_import_sepa_est,
        }
        other_line = self.other_receipt.line_ids.with_env(receipt.env)
        attempts["move a line in"] = lambda: other_line.write(
            {"receipt_id": receipt.id}
        )
        if line:
            attempts["line write"] = lambda: line.write({"amount": 1.0})
            attempts["line unlink"] = line.unlink
        return attempts

    def assertAllRefused(self, receipt, line=None):
        for name, attempt in self.attempts(receipt, line).items():
            with self.subTest(attempt=name), self.assertRaisesRegex(UserError, LOCKED):
                attempt()

    def test_lock_holds_for_every_user_and_forged_context(self):
        self.job._run_batch()  # first batch committed: 3 lines on the locked receipt
        self.assertEqual((self.job.state, len(self.receipt.line_ids)), ("running", 3))
        line = self.receipt.line_ids[0]
        job_id = self.job.id
        for user in (self.starter, self.accountant):
            for context in ({}, {"bank_import_job_id": job_id}):
                with self.subTest(user=user.login, context=context):
                    self.assertAllRefused(
                        self.receipt.with_user(user).with_context(**context),
                        line.with_user(user).with_context(**context),
                    )
        self.env.invalidate_all()
        self.assertEqual(
            (self.receipt.state, self.receipt.ref, len(self.receipt.line_ids)),
            ("draft", False, 3),
        )
        # the cron (superuser) runs the job as its user: it passes the lock and finishes
        self.env(su=True)["account.receipt.import.job"]._cron_run()
        self.run_cron_until_done(self.job)
        self.assertEqual(self.job.state, "done")
        self.assert_imported_once(self.receipt)
        self.assertFalse(self.receipt.import_job_running)
        self.receipt.with_user(self.accountant).write({"ref": "unlocked"})

    def test_posting_job_lock(self):
        """Confirm of a receipt above the threshold: a posting job locks it the same
        way, the forged context included; the job posts it."""
        self.run_cron_until_done(self.job)
        self.receipt.action_post()
        post_job = self.receipt.import_job_ids.filtered(lambda job: job.kind == "post")
        self.assertEqual((self.receipt.state, post_job.state), ("draft", "queued"))
        forged = {"bank_import_job_id": post_job.id}
        self.assertAllRefused(
            self.receipt.with_user(self.accountant).with_context(**forged),
            self.receipt.line_ids[0].with_user(self.accountant).with_context(**forged),
        )
        self.run_cron_until_done(post_job)
        self.assertEqual((self.receipt.state, post_job.state), ("posted", "done"))
        # the posted receipt's own Reset to Draft works once the lock is gone
        self.receipt.with_user(self.accountant).action_draft()
        self.assertEqual(self.receipt.state, "draft")

    def test_crashed_job_unlocks_and_dead_worker_resumes(self):
        """An unexpected error in a batch fails the job (reported in the chatter),
        leaves nothing of the batch and unlocks the receipt; a job left *running* by a
        worker that died is taken again by the next cron run, which finishes it."""
        self.job._run_batch()
        self.assertEqual((self.job.state, len(self.receipt.line_ids)), ("running", 3))
        # the worker died after its commit: the job stays running and locked, then
        # resumes
        self.assertTrue(self.receipt.import_job_running)
        Job = self.env["account.receipt.import.job"]
        self.assertEqual(Job._lock_next(), self.job)

        def crash(job):
            job.receipt_id.line_ids[:1].write({"amount": 0.5})
            raise RuntimeError("disk full")

        with (
            patch.object(AccountReceiptImportJob, "_run_import_batch", crash),
            mute_logger(
                "odoo.addons.bank_import_swed.models.account_receipt_import_job"
            ),
        ):
            self.job._run_batch()
        self.assertEqual(self.job.state, "failed")
        self.assertIn("disk full", self.job.message)
        self.assertIn(
            "Background job failed", " ".join(self.receipt.message_ids.mapped("body"))
        )
        self.assertNotIn(0.5, self.receipt.line_ids.mapped("amount"))
        self.assertEqual(len(self.receipt.line_ids), 3)
        self.assertFalse(self.receipt.import_job_running)
        self.assertFalse(Job._lock_next())
        self.receipt.with_user(self.accountant).write({"ref": "unlocked"})
        self.receipt.line_ids[0].with_user(self.accountant).unlink()
        self.assertEqual(len(self.receipt.line_ids), 2)

    def test_manager_stops_a_job_that_never_finishes(self):
        """A job whose worker dies on every try would lock its receipt for ever: an
        accounting manager stops it (an accountant may not). What was imported stays;
        importing the file again adds only the rest, each entry once."""
        self.job._run_batch()
        self.assertEqual(len(self.receipt.line_ids), 3)
        with self.assertRaisesRegex(AccessError, "Only accounting managers"):
            self.receipt.with_user(self.accountant).action_stop_import_job()
        self.assertTrue(self.receipt.import_job_running)
        self.receipt.with_user(self.manager).action_stop_import_job()
        self.assertEqual(self.job.state, "failed")
        self.assertIn("Stopped by", self.job.message)
        self.assertIn(
            "Background job failed", " ".join(self.receipt.message_ids.mapped("body"))
        )
        self.assertFalse(self.receipt.import_job_running)
        self.assertEqual(len(self.receipt.line_ids), 3)
        # the same statement again: a new background job imports the other entries
        action = self.receipt.action_import_sepa_est()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard.write({"data_file": base64.b64encode(self.data), "filename": "big.xml"})
        wizard.action_read_file()
        second = self.receipt.import_job_ids - self.job
        self.assertEqual(second.state, "queued")
        self.run_cron_until_done(second)
        self.assert_imported_once(self.receipt)
