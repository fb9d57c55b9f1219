# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import models

#: a camt entry element, with or without a namespace prefix
_ENTRY_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Ntry[\s>]")


class AccountReceiptCamtImport(models.TransientModel):
    """A statement with many entries (the company's background threshold) is not
    previewed in the dialog: it is read, matched and filled into the receipt in the
    background, batch by batch (``account.receipt.import.job``), while the receipt shows
    the progress and stays locked."""

    _inherit = "account.receipt.camt.import"

    def _count_file_entries(self, data):
        """Number of ``Ntry`` elements of the file, counted on the bytes without
        parsing."""
        return len(_ENTRY_TAG.findall(data))

    def action_read_file(self):
        self.ensure_one()
        self.receipt_id._check_importable()
        data = self._get_file_data()
        count = self._count_file_entries(data)
        if count < self.company_id._get_receipt_background_threshold():
            return super().action_read_file()
        # the file is checked now (format, account, currency), so that a wrong file is
        # refused at once
        self._check_statements(self._parse())
        # the user may import into this receipt (checked above); the job record itself
        # is written by the system
        job = (
            self.env["account.receipt.import.job"]
            .sudo()
            ._start(self.receipt_id, "import", data, self._get_filename())
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self._get_import_title(),
                "message": self.env._(
                    "%(filename)s has %(count)s entries: it is read, matched and "
                    "filled into %(receipt)s in the background. The receipt shows the "
                    "progress and is locked until then; you are told when it is done.",
                    filename=job.filename,
                    count=self._format_count(count),
                    receipt=self.receipt_id.name,
                ),
                "type": "info",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
