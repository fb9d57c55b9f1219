# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""*Stop Background Job*: the way out of a lock whose job can never finish.

A job whose worker dies (killed, out of memory) stays *running* and is taken again by
the next cron run, which finishes it. A job that kills its worker on every try would
keep its receipt locked for ever: an accounting manager stops it. The job is marked
failed (as one failing with an error), what its committed batches imported stays on the
receipt (a new import of the file skips those entries by their bank key), and the
receipt is unlocked. A job a worker is processing at that moment cannot be stopped (its
row is locked)."""

from odoo import models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL


class AccountReceipt(models.Model):
    _inherit = "account.receipt"  # pylint: disable=consider-merging-classes-inherited

    def action_stop_import_job(self):
        """Stop the background job of these receipts (accounting managers)."""
        if not self.env.user.has_group("account.group_account_manager"):
            raise AccessError(
                self.env._("Only accounting managers can stop a background job.")
            )
        self.check_access("write")
        for receipt in self:
            job = receipt._get_running_import_job()
            if job:
                job.sudo()._stop()
        return True


class AccountReceiptImportJob(models.Model):
    _inherit = "account.receipt.import.job"

    def _stop(self):
        """Mark this job failed unless a worker holds it right now."""
        self.ensure_one()
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM account_receipt_import_job WHERE id = %s "
                "FOR NO KEY UPDATE SKIP LOCKED",
                self.id,
            )
        )
        if not self.env.cr.fetchone():
            raise UserError(
                self.env._(
                    "The background job of receipt %(receipt)s is processing a batch "
                    "right now: try again in a moment.",
                    receipt=self.receipt_id.name,
                )
            )
        self._fail(
            self.env._(
                "Stopped by %(user)s; what was imported before stays on the receipt.",
                user=self.env.user.name,
            )
        )
