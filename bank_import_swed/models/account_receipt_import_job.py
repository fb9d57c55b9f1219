# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Large imports and postings run in the background, on Odoo's own job machinery: a job
record per receipt, processed batch by batch by one cron (``ir.cron._trigger()`` wakes
it, ``_notify_progress(done=, remaining=)`` tells Odoo's cron runner to call it again in
the same run and to reschedule it when it stops early).

Each batch is one transaction: the receipt lines of the batch and the job's progress are
committed together. A worker killed in the middle of a batch leaves nothing of it; the
next run starts the batch again. The bank's duplicate key of every line
(``account.receipt.line`` ``bank_import_key``) is a second guard: an entry already on a
receipt is skipped, never imported twice."""

import base64
import logging

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..wizards.account_receipt_import_mixin import CHATTER_SKIP_LIMIT
from .import_job_context import job_context

_logger = logging.getLogger(__name__)

#: entries of the file read, matched and filled per batch
DEFAULT_BATCH_SIZE = 2000


class AccountReceiptImportJob(models.Model):
    """A background import of a bank statement into a receipt (``import``), or the
    posting of a large receipt (``post``). The receipt is locked while one runs."""

    _name = "account.receipt.import.job"
    _description = "Receipt Background Import"
    _order = "id"

    receipt_id = fields.Many2one(
        comodel_name="account.receipt", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="receipt_id.company_id", store=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        default=lambda self: self.env.user,
        help=(
            "Who started it: the job runs with this user's rights and tells this user "
            "its progress."
        ),
    )
    kind = fields.Selection(
        selection=[("import", "Import a statement"), ("post", "Post the receipt")],
        required=True,
        default="import",
    )
    state = fields.Selection(
        selection=[
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        default="queued",
        required=True,
    )
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment", ondelete="restrict", help="The statement file."
    )
    filename = fields.Char()
    total = fields.Integer(help="Entries of the file (known after the first batch).")
    done = fields.Integer(
        help=(
            "Entries of the file read, matched and filled (committed with their "
            "receipt lines)."
        )
    )
    batch_size = fields.Integer(default=DEFAULT_BATCH_SIZE)
    line_count = fields.Integer(help="Receipt lines created so far.")
    skip_count = fields.Integer(
        help="Entries skipped so far (listed in the receipt's chatter)."
    )
    message = fields.Char(help="What went wrong, for a failed job.")

    # ------------------------------------------------------------------ starting

    @api.model
    def _start(self, receipt, kind, data=None, filename=None):
        """Create the job of ``receipt`` (the file ``data`` for an import) and wake the
        cron."""
        receipt._check_no_import_job()
        vals = {"receipt_id": receipt.id, "kind": kind, "filename": filename}
        vals["batch_size"] = (
            receipt.company_id.receipt_import_batch_size or DEFAULT_BATCH_SIZE
        )
        if data is not None:
            vals["attachment_id"] = (
                self.env["ir.attachment"]
                .create(
                    {
                        "name": filename or "statement.xml",
                        "raw": data,
                        "res_model": receipt._name,
                        "res_id": receipt.id,
                    }
                )
                .id
            )
        job = self.create(vals)
        self.env.ref("bank_import_swed.ir_cron_receipt_import_job").sudo()._trigger()
        return job

    # ------------------------------------------------------------------ progress

    def _get_progress_text(self):
        """What the receipt shows while the job runs."""
        self.ensure_one()
        if self.kind == "post":
            return self.env._(
                "Receipt %(receipt)s is being posted in the background.",
                receipt=self.receipt_id.name,
            )
        if not self.total:
            return self.env._(
                "%(filename)s is waiting to be imported in the background.",
                filename=self.filename or "",
            )
        return self.env._(
            "Importing %(filename)s in the background: %(done)s of %(total)s entries "
            "done (%(percent)s %%), %(lines)s receipt line(s) so far.",
            filename=self.filename or "",
            done=self.done,
            total=self.total,
            percent=100 * self.done // self.total,
            lines=self.line_count,
        )

    # ------------------------------------------------------------------ the cron

    @api.model
    def _cron_run(self):
        """One batch of the oldest waiting job, then tell Odoo's cron runner how many
        batches are left (it calls again, committing after each call, and reschedules
        the cron when it stops before the end)."""
        job = self._lock_next()
        if job:
            job._run_batch()
        remaining = sum(
            pending._get_remaining_batches()
            for pending in self.search([("state", "in", ("queued", "running"))])
        )
        self.env["ir.cron"]._notify_progress(done=1 if job else 0, remaining=remaining)

    @api.model
    def _lock_next(self):
        """The oldest queued or running job, locked for this worker (jobs locked by
        another worker are left to it), else an empty recordset."""
        self.flush_model()
        self.env.cr.execute(
            "SELECT id FROM account_receipt_import_job WHERE state IN ('queued', "
            "'running') ORDER BY id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED"
        )
        row = self.env.cr.fetchone()
        return self.browse(row[0] if row else [])

    def _get_remaining_batches(self):
        self.ensure_one()
        if self.kind == "post" or not self.total:
            return 1
        return max(-(-(self.total - self.done) // max(self.batch_size, 1)), 1)

    def _run_batch(self):
        """Process the next batch of this job as its user, in the current transaction; a
        batch that fails marks the job failed (its work rolled back, the receipt
        unlocked) and tells the user why."""
        self.ensure_one()
        job = (
            self.with_user(self.user_id)
            .with_company(self.company_id)
            .with_context(**job_context(self))
        )
        try:
            with self.env.cr.savepoint():
                if job.kind == "post":
                    job._run_post()
                else:
                    job._run_import_batch()
        except UserError as exc:
            self._fail(str(exc))
        except psycopg2.OperationalError:
            # a lock or serialization conflict: the cron runner rolls back, the batch
            # runs again later
            raise
        except Exception as exc:
            _logger.exception("Receipt background job %s failed", self.id)
            self._fail(self.env._("Unexpected error: %(error)s", error=exc))

    def _fail(self, message):
        self.sudo().write({"state": "failed", "message": message})
        self.receipt_id.sudo().with_context(**job_context(self)).message_post(
            body=self.env._("Background job failed: %(message)s", message=message)
        )
        self._notify_user(message, "danger")

    def _notify_user(self, message, kind="info"):
        self.ensure_one()
        self.user_id._bus_send(
            "simple_notification",
            {
                "title": self.receipt_id.name,
                "message": message,
                "type": kind,
                "sticky": kind != "info",
            },
        )

    def _get_wizard(self):
        """An IMPORT SEPA EST wizard of the job's receipt holding the file (its steps do
        the work)."""
        self.ensure_one()
        return self.env["account.receipt.camt.import"].create(
            {
                "receipt_id": self.receipt_id.id,
                "data_file": base64.b64encode(self.attachment_id.raw),
                "filename": self.filename,
            }
        )

    def _run_import_batch(self):
        """Read, match and fill the entries ``[done, done + batch_size)`` of the
        file."""
        self.sudo().state = "running"
        wizard = self._get_wizard()
        start, stop = self.done, self.done + max(self.batch_size, 1)
        total = wizard._read_file(window=(start, stop))
        wizard._match_invoices(wizard.line_ids)
        receipt_lines, _imported = wizard._apply_lines()
        done = min(stop, total)
        self.sudo().write(
            {
                "total": total,
                "done": done,
                "line_count": self.line_count + len(receipt_lines),
                "skip_count": self.skip_count + len(wizard.skip_ids),
            }
        )
        if wizard.skip_ids:
            self._post_skipped(wizard, start, done, total)
        if done < total:
            self._notify_user(self._get_progress_text())
            return
        self.receipt_id.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Background import of %(filename)s done: %(lines)s receipt line(s) "
                "from %(total)s entries, %(skipped)s entry(ies) skipped.",
                filename=self.filename,
                lines=self.line_count,
                total=total,
                skipped=self.skip_count,
            ),
            attachment_ids=self.attachment_id.ids,
        )
        self.sudo().state = "done"
        self._notify_user(
            self.env._(
                "%(filename)s imported into %(receipt)s: %(lines)s receipt line(s), "
                "total %(amount)s.",
                filename=self.filename,
                receipt=self.receipt_id.name,
                lines=self.line_count,
                amount=self.receipt_id.currency_id.format(self.receipt_id.amount_total),
            ),
            "success",
        )

    def _post_skipped(self, wizard, start, stop, total):
        """List the entries of one batch left out (already imported, debits…) in the
        receipt's chatter."""
        skipped = wizard.skip_ids
        texts = skipped[:CHATTER_SKIP_LIMIT]._describe()
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._(
                "%(filename)s, entries %(start)s–%(stop)s of %(total)s: %(count)s "
                "entry(ies) skipped:",
                filename=self.filename,
                start=start + 1,
                stop=stop,
                total=total,
                count=len(skipped),
            ),
            Markup("").join(Markup("<li>%s</li>") % text for text in texts),
        )
        if len(skipped) > CHATTER_SKIP_LIMIT:
            body += Markup("<p>%s</p>") % self.env._(
                "… and %(count)s more.", count=len(skipped) - CHATTER_SKIP_LIMIT
            )
        self.receipt_id.message_post(body=body)

    def _run_post(self):
        """Post the receipt (one journal entry: not split in batches)."""
        self.sudo().state = "running"
        self.receipt_id.action_post()
        self.sudo().state = "done"
        self._notify_user(
            self.env._("Receipt %(receipt)s posted.", receipt=self.receipt_id.name),
            "success",
        )
