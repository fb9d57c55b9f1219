# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import logging

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..parsers import ParseError

_logger = logging.getLogger(__name__)

#: default upload limit: a 10,000-entry camt.053 is about 21 MB
DEFAULT_MAX_BYTES = 40 * 1024 * 1024
#: skipped entries listed one by one in the receipt's chatter (the rest are counted)
CHATTER_SKIP_LIMIT = 200


class AccountReceiptImportMixin(models.AbstractModel):
    """Steps shared by the receipt imports: upload, parse, duplicate check, fill the receipt, attach the file.

    A concrete import defines ``_parse_file``, the creation of its preview lines, ``_match_invoices`` and
    ``_prepare_receipt_line_vals``; each step is a small method an integrator can override."""

    _name = "account.receipt.import.mixin"
    _description = "Receipt Import (common steps)"

    receipt_id = fields.Many2one(
        comodel_name="account.receipt", required=True, ondelete="cascade", readonly=True, check_company=True
    )
    company_id = fields.Many2one(related="receipt_id.company_id")
    journal_id = fields.Many2one(related="receipt_id.journal_id")
    currency_id = fields.Many2one(related="receipt_id.currency_id")
    data_file = fields.Binary(string="File", attachment=False)
    filename = fields.Char(string="File Name")
    state = fields.Selection(
        selection=[("upload", "Upload"), ("preview", "Preview"), ("match", "Matching")],
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
            "name": title or self._description,
            "context": dict(self.env.context, dialog_size="extra-large"),
        }

    def _action_open_receipt(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.receipt",
            "res_id": self.receipt_id.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------ file

    @api.model
    def _get_max_bytes(self):
        """Upload size limit in bytes (system parameter ``bank_import_swed.max_file_bytes``, default 40 MB)."""
        value = self.env["ir.config_parameter"].sudo().get_param("bank_import_swed.max_file_bytes")
        try:
            return int(value) if value else DEFAULT_MAX_BYTES
        except ValueError:
            return DEFAULT_MAX_BYTES

    def _get_file_data(self):
        """The uploaded file as bytes; a clear error when nothing was uploaded."""
        self.ensure_one()
        if not self.data_file:
            raise UserError(self.env._("Choose the file to import first."))
        return base64.b64decode(self.data_file)

    def _get_filename(self):
        self.ensure_one()
        return self.filename or self.env._("(unnamed file)")

    def _parse_file(self, data, filename):
        """Parse the raw file ``data`` and return the parser's plain data (no records). Parser errors must be
        raised as :class:`ParseError`; :meth:`_parse` turns them into a :class:`UserError`."""
        raise NotImplementedError

    def _parse(self):
        """Run :meth:`_parse_file` on the upload; parser errors become a translated :class:`UserError` naming the
        file and the place of the first problem."""
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
        """The account the file's bank references belong to (the key of the duplicate check together with the
        bank reference)."""
        raise NotImplementedError

    def _get_imported_references(self, scope, references):
        """Those of ``references`` already on a receipt line of the company for ``scope``, as ``{bank reference:
        receipt number}`` (one query)."""
        return self.env["account.receipt.line"]._get_imported_bank_references(
            self.receipt_id.company_id, scope, references
        )

    # ------------------------------------------------------------------ apply

    def _get_skip_records(self):
        """Skipped entries of this import (``account.receipt.import.skip``)."""
        raise NotImplementedError

    def _create_receipt_lines(self, vals_list):
        """Create the receipt lines in one batch."""
        for vals in vals_list:
            vals["receipt_id"] = self.receipt_id.id
        return self.env["account.receipt.line"].create(vals_list)

    def _attach_file(self, lines, skipped):
        """Attach the imported file to the receipt and post a note listing what was imported and skipped."""
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
            "%(count)s line(s) imported from %(filename)s.", count=len(lines), filename=self._get_filename()
        )
        if skipped:
            texts = skipped[:CHATTER_SKIP_LIMIT]._describe()
            body += Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("%(count)s entry(ies) skipped:", count=len(skipped)),
                Markup("").join(Markup("<li>%s</li>") % escape(text) for text in texts),
            )
            if len(skipped) > CHATTER_SKIP_LIMIT:
                body += Markup("<p>%s</p>") % self.env._(
                    "… and %(count)s more.", count=len(skipped) - CHATTER_SKIP_LIMIT
                )
        receipt.message_post(body=body, attachment_ids=attachment.ids)
        return attachment
