# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A receipt is locked while a background job imports into it or posts it: no edit, no
confirm, no reset, no other import; only the job itself (its :class:`ImportJobId` in the
context) changes it. The form shows the job's progress."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .import_job_context import running_job_id


class AccountReceipt(models.Model):
    _inherit = "account.receipt"  # pylint: disable=consider-merging-classes-inherited

    import_job_ids = fields.One2many(
        comodel_name="account.receipt.import.job", inverse_name="receipt_id"
    )
    import_job_running = fields.Boolean(
        compute="_compute_import_job", string="Background Job Running"
    )
    import_job_progress = fields.Char(
        compute="_compute_import_job", string="Background Job"
    )

    @api.depends("import_job_ids.state", "import_job_ids.done", "import_job_ids.total")
    def _compute_import_job(self):
        for receipt in self:
            job = receipt._get_running_import_job()
            receipt.import_job_running = bool(job)
            receipt.import_job_progress = job._get_progress_text() if job else False

    def _get_running_import_job(self):
        """The queued or running background job of this receipt, else an empty
        recordset."""
        self.ensure_one()
        return (
            self.sudo()
            .import_job_ids.filtered(lambda job: job.state in ("queued", "running"))[:1]
            .sudo(False)
        )

    def _check_no_import_job(self):
        """Refuse any change of a receipt a background job works on, except by that
        job."""
        for receipt in self:
            job = receipt._get_running_import_job()
            if job and running_job_id(self.env) != job.id:
                raise UserError(
                    self.env._(
                        "Receipt %(receipt)s is locked while a background job works "
                        "on it. %(progress)s",
                        receipt=receipt.name,
                        progress=job._get_progress_text(),
                    )
                )

    def write(self, vals):
        if set(vals) - {"message_main_attachment_id"}:
            self._check_no_import_job()
        return super().write(vals)

    def unlink(self):
        self._check_no_import_job()
        return super().unlink()

    def _check_importable(self):
        self._check_no_import_job()
        return super()._check_importable()

    def action_post(self):
        self._check_no_import_job()
        large = self.filtered(lambda receipt: receipt._should_post_in_background())
        if not large:
            return super().action_post()
        super(AccountReceipt, self - large).action_post()
        for receipt in large:
            # the user may post this receipt (checked above); the job record itself is
            # written by the system
            self.env["account.receipt.import.job"].sudo()._start(receipt, "post")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Posting in the background"),
                "message": self.env._(
                    "%(receipts)s: too many lines to post at once; posted in the "
                    "background, the receipt is locked until then.",
                    receipts=", ".join(large.mapped("name")),
                ),
                "type": "info",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _should_post_in_background(self):
        """Whether Confirm hands the posting of this receipt to a background job (more
        lines than the company's threshold, and not already inside a job)."""
        self.ensure_one()
        if running_job_id(self.env):
            return False
        return len(self.line_ids) >= self.company_id._get_receipt_background_threshold()

    def action_draft(self):
        self._check_no_import_job()
        return super().action_draft()

    def action_cancel(self):
        self._check_no_import_job()
        return super().action_cancel()


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        receipt_ids = {vals.get("receipt_id") for vals in vals_list} - {False, None}
        self.env["account.receipt"].browse(receipt_ids)._check_no_import_job()
        return super().create(vals_list)

    def write(self, vals):
        receipts = self.receipt_id
        if vals.get("receipt_id"):
            # a line moved into a locked receipt changes it too
            receipts |= self.env["account.receipt"].browse(vals["receipt_id"])
        receipts._check_no_import_job()
        return super().write(vals)

    def unlink(self):
        self.receipt_id._check_no_import_job()
        return super().unlink()
