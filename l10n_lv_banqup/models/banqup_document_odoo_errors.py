# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Odoo's own refusals (constraints, checks at posting) told in the inbox's words."""

import logging

from odoo import models
from odoo.exceptions import UserError, ValidationError

from ..parsers.exceptions import Text, _lt
from .banqup_document import BanqupImportError

_logger = logging.getLogger(__name__)


class BanqupDocument(models.Model):
    _inherit = "banqup.document"  # pylint: disable=consider-merging-classes-inherited

    def _banqup_odoo_error(self, exc, document):
        """The :class:`BanqupImportError` the inbox shows for an error raised by Odoo
        itself.

        Odoo's text is written for someone editing the invoice by hand (for instance
        "clear the sequence number to proceed"); the inbox says which invoice was
        refused, gives Odoo's reason, and what to do with the document.
        """
        reason = (exc.args[0] if exc.args else "") or type(exc).__name__
        _logger.info(
            "Banqup document %s: Odoo refused invoice %s: %s",
            self.banqup_id,
            document.number,
            reason,
        )
        return BanqupImportError(
            Text(
                _lt(
                    "Odoo refused the invoice %(number)s of this document: %(reason)s "
                    "The document and its file are kept; correct the cause (or ask "
                    "your administrator) and press Retry."
                ),
                number=document.number or "?",
                reason=reason.rstrip(".") + ".",
            )
        )

    def _prepare_move_vals(self, document):
        try:
            return super()._prepare_move_vals(document)
        except BanqupImportError:
            raise
        except (UserError, ValidationError) as exc:
            raise self._banqup_odoo_error(exc, document) from exc

    def _banqup_create_move(self, document):
        try:
            return super()._banqup_create_move(document)
        except BanqupImportError:
            raise
        except (UserError, ValidationError) as exc:
            raise self._banqup_odoo_error(exc, document) from exc
