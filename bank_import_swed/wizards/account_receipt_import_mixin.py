# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import logging

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ..parsers import FileTooLarge, ParseError

_logger = logging.getLogger(__name__)

#: default upload limit: a 10,000-entry camt.053 is about 21 MB
DEFAULT_MAX_BYTES = 40 * 1024 * 1024
#: from this number of payments (or rows) an import tells its progress while it runs
DEFAULT_PROGRESS_THRESHOLD = 500
#: payments (or rows) of a long import created per batch, with a progress notification
#: after each batch
PROGRESS_BATCH = 1000
#: skip reasons that mean "already imported"
DUPLICATE_REASONS = ("duplicate", "duplicate_file")
#: skipped entries listed one by one in the receipt's chatter (the rest are counted)
CHATTER_SKIP_LIMIT = 200


class AccountReceiptImportMixin(models.AbstractModel):
    """Steps shared by the receipt imports: upload, parse, duplicate check, fill the
    receipt, attach the file.

    A concrete import defines ``_parse_file``, the creation of its preview lines,
    ``_match_invoices`` and ``_prepare_receipt_line_vals``; each step is a small method
    an integrator can override."""

    _name = "account.receipt.import.mixin"
    _description = "Receipt Import (common steps)"

    receipt_id = fields.Many2one(
        comodel_name="account.receipt",
        required=True,
        ondelete="cascade",
        readonly=True,
        check_company=True,
        help="Draft receipt that the imported payments are added to as lines.",
    )
    company_id = fields.Many2one(related="receipt_id.company_id")
    journal_id = fields.Many2one(
        related="receipt_id.journal_id",
        string="Payment Mode",
        help=(
            "Payment mode (journal) of the receipt: the file must be for its bank "
            "account."
        ),
    )
    currency_id = fields.Many2one(related="receipt_id.currency_id")
    data_file = fields.Binary(
        string="File",
        attachment=False,
        help=(
            "The file saved from the bank's internet bank. It is attached to the "
            "receipt when the lines are filled in."
        ),
    )
    filename = fields.Char(string="File Name")
    state = fields.Selection(
        selection=[("upload", "Upload"), ("preview", "Preview"), ("match", "Matching")],
        string="Step",
        default="upload",
        required=True,
    )
    summary = fields.Char(readonly=True, help="What the file contains.")

    # ------------------------------------------------------------------ navigation

    def _reopen(self, title=None):
        """Action showing this wizard again (in its current step)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": title or self._get_import_title(),
            "context": dict(self.env.context, dialog_size="extra-large"),
        }

    def _format_count(self, number):
        """A count as the user's language writes it (``3,000`` in English, ``3 000`` in
        Latvian)."""
        return formatLang(self.env, number, digits=0)

    def _get_import_title(self):
        """Translated name of the import (title of its notifications)."""
        raise NotImplementedError

    def _get_done_message(self, count, amount, skipped):
        """What the import did, in one sentence: ``count`` payments (or rows) for
        ``amount`` in the receipt currency imported, ``skipped``
        (``account.receipt.import.skip``) entries left out, with how many of them were
        already imported."""
        self.ensure_one()
        message = self.env._(
            "%(count)s payment(s) imported into %(receipt)s, total %(amount)s.",
            count=self._format_count(count),
            receipt=self.receipt_id.name,
            amount=self.currency_id.format(amount),
        )
        if skipped:
            duplicates = skipped.filtered(lambda skip: skip.reason in DUPLICATE_REASONS)
            message += " " + self.env._(
                "%(skipped)s entry(ies) skipped, %(duplicates)s of them already "
                "imported: see the receipt's chatter.",
                skipped=self._format_count(len(skipped)),
                duplicates=self._format_count(len(duplicates)),
            )
        return message

    def _action_done(self, count, amount, skipped):
        """Client action after a successful import: a notification saying what was
        imported (counts, amount, skipped entries and duplicates), then the dialog
        closes and the receipt shows its new lines. It stays until closed when nothing
        was imported or entries were already imported (routine skips such as bank fees
        do not keep it)."""
        self.ensure_one()
        duplicates = skipped.filtered(lambda skip: skip.reason in DUPLICATE_REASONS)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self._get_import_title(),
                "message": self._get_done_message(count, amount, skipped),
                "type": "success" if count else "warning",
                "sticky": bool(duplicates) or not count,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------------ progress

    @api.model
    def _get_progress_threshold(self):
        """From how many payments (or rows) an import tells its progress (system
        parameter ``bank_import_swed.progress_threshold``, default 500)."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("bank_import_swed.progress_threshold")
        )
        try:
            return max(int(value), 1) if value else DEFAULT_PROGRESS_THRESHOLD
        except ValueError:
            return DEFAULT_PROGRESS_THRESHOLD

    def _notify_progress(self, message):
        """Tell the user how far a long import is, while it still runs: a bus
        notification sent and committed on a cursor of its own (the import's transaction
        is only committed at the end)."""
        self.ensure_one()
        payload = {
            "title": self._get_import_title(),
            "message": message,
            "type": "info",
            "sticky": False,
        }
        user_id = self.env.uid
        try:
            with self.env.registry.cursor() as cr:
                self.env(cr=cr)["res.users"].browse(user_id)._bus_send(
                    "simple_notification", payload
                )
        except Exception:  # progress is a courtesy: never fail the import for it
            _logger.warning(
                "Receipt import: progress notification not sent", exc_info=True
            )

    # ------------------------------------------------------------------ file

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_upload_size(vals.get("data_file"), vals.get("filename"))
        return super().create(vals_list)

    def write(self, vals):
        self._check_upload_size(vals.get("data_file"), vals.get("filename"))
        return super().write(vals)

    def _check_upload_size(self, data, filename=None):
        """Refuse an upload above :meth:`_get_max_bytes` from the length of its base64
        text, before it is decoded, stored or parsed: a 60 MB file then costs neither a
        copy nor a parse."""
        if not data:
            return
        size = len(data) * 3 // 4 - (
            data[-2:].count("=" if isinstance(data, str) else b"=")
        )
        limit = self._get_max_bytes()
        if size > limit:
            filename = (
                filename
                or (self.filename if len(self) == 1 else None)
                or self.env._("(unnamed file)")
            )
            raise UserError(FileTooLarge(filename, size, limit).translate(self.env._))

    @api.model
    def _get_max_bytes(self):
        """Upload size limit in bytes (system parameter
        ``bank_import_swed.max_file_bytes``, default 40 MB)."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("bank_import_swed.max_file_bytes")
        )
        try:
            return int(value) if value else DEFAULT_MAX_BYTES
        except ValueError:
            return DEFAULT_MAX_BYTES

    def _get_file_data(self):
        """The uploaded file as bytes; a clear error when nothing was uploaded."""
        self.ensure_one()
        if not self.data_file:
            raise UserError(self.env._("Choose the file to import first."))
        self._check_upload_size(self.data_file, self.filename)
        return base64.b64decode(self.data_file)

    def _get_filename(self):
        self.ensure_one()
        return self.filename or self.env._("(unnamed file)")

    def _parse_file(self, data, filename):
        """Parse the raw file ``data`` and return the parser's plain data (no records).
        Parser errors must be raised as :class:`ParseError`; :meth:`_parse` turns them
        into a :class:`UserError`."""
        raise NotImplementedError

    def _parse(self):
        """Run :meth:`_parse_file` on the upload; parser errors become a translated
        :class:`UserError` naming the file and the place of the first problem."""
        self.ensure_one()
        self.receipt_id._check_importable()
        filename = self._get_filename()
        try:
            return self._parse_file(self._get_file_data(), filename)
        except ParseError as exc:
            _logger.info("Receipt import: file %s refused: %s", filename, exc)
            raise UserError(exc.translate(self.env._)) from exc

    # ------------------------------------------------------------------ duplicates

    def _get_duplicate_scope(self, parsed=None):
        """The account the file's bank references belong to (the key of the duplicate
        check together with the bank reference)."""
        raise NotImplementedError

    def _get_imported_references(self, scope, references):
        """Those of ``references`` already on a receipt line of the company for
        ``scope``, as ``{bank reference: receipt number}`` (one query)."""
        return self.env["account.receipt.line"]._get_imported_bank_references(
            self.receipt_id.company_id, scope, references
        )

    # ------------------------------------------------------------------ apply

    def _create_receipt_lines(self, vals_list):
        """Create the receipt lines in one batch; a long import (see
        :meth:`_get_progress_threshold`) in batches of ``PROGRESS_BATCH`` with a
        progress notification after each."""
        for vals in vals_list:
            vals["receipt_id"] = self.receipt_id.id
        Line = self.env["account.receipt.line"]
        total = len(vals_list)
        if total < self._get_progress_threshold():
            return Line.create(vals_list)
        lines = Line
        for start in range(0, total, PROGRESS_BATCH):
            lines |= Line.create(vals_list[start : start + PROGRESS_BATCH])
            self._notify_progress(
                self.env._(
                    "Filling receipt %(receipt)s: %(done)s of %(total)s lines created…",
                    receipt=self.receipt_id.name,
                    done=self._format_count(min(start + PROGRESS_BATCH, total)),
                    total=self._format_count(total),
                )
            )
        return lines

    def _attach_file(self, lines, skipped):
        """Attach the imported file to the receipt and post a note listing what was
        imported and skipped."""
        self.ensure_one()
        receipt = self.receipt_id
        attachment = self.env["ir.attachment"].create(
            {
                "name": self._get_filename(),
                "raw": self._get_file_data(),
                "res_model": receipt._name,
                "res_id": receipt.id,
            }
        )
        body = Markup("<p>%s</p>") % self.env._(
            "%(count)s line(s) imported from %(filename)s.",
            count=self._format_count(len(lines)),
            filename=self._get_filename(),
        )
        if skipped:
            texts = skipped[:CHATTER_SKIP_LIMIT]._describe()
            body += Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._(
                    "%(count)s entry(ies) skipped:",
                    count=self._format_count(len(skipped)),
                ),
                Markup("").join(Markup("<li>%s</li>") % escape(text) for text in texts),
            )
            if len(skipped) > CHATTER_SKIP_LIMIT:
                body += Markup("<p>%s</p>") % self.env._(
                    "… and %(count)s more.",
                    count=self._format_count(len(skipped) - CHATTER_SKIP_LIMIT),
                )
        receipt.message_post(body=body, attachment_ids=attachment.ids)
        return attachment
