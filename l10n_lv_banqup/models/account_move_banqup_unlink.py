# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A deleted invoice gives its Banqup document back to the inbox, on every path (UI,
RPC, code)."""

import logging

from odoo import models

_logger = logging.getLogger(__name__)


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def unlink(self):
        """Delete the invoices, then put their Banqup documents back to *Received* (to
        import).

        ``unlink()`` is the one door of every deletion (the form, the list, RPC). The
        documents are written with ``sudo()``: the user was allowed to delete the
        invoice, and the inbox must say what happened to it (a billing user cannot write
        documents).
        """
        documents = self.sudo().l10n_lv_banqup_document_id
        documents = documents.filtered(lambda d: d.move_id and d.move_id in self)
        names = {document.id: document.move_id.display_name for document in documents}
        result = super().unlink()
        if documents:
            documents._banqup_invoice_deleted(names)
        return result


class BanqupDocument(models.Model):
    _inherit = "banqup.document"  # pylint: disable=consider-merging-classes-inherited

    def _banqup_invoice_deleted(self, names):
        """The invoice of each document was deleted: back to *Received*, with a note of
        who and which.

        :param dict names: ``{document id: the deleted invoice's name}``.
        """
        user = self.env.user.display_name
        for document in self.sudo():
            document.with_context(mail_notrack=True).write(
                {
                    "state": "received",
                    "move_id": False,
                    "imported_date": False,
                    "error_message": False,
                }
            )
            document._message_log(
                body=self.env._(
                    "The invoice %(invoice)s made from this document was deleted by "
                    "%(user)s: the document is back in the inbox to import (Import, "
                    "or the next run). Ignore it to leave it out of the accounting.",
                    invoice=names.get(document.id) or "?",
                    user=user,
                )
            )
            _logger.info(
                "Banqup document %s: its invoice was deleted, back to received",
                document.banqup_id,
            )
