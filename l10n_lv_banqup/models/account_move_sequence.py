# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoice numbers issued outside Odoo: a sale imported from Banqup keeps Banqup's
number."""

from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def _l10n_lv_banqup_number_issued_outside(self):
        """True for a customer invoice or credit note imported from Banqup: its number
        was issued outside Odoo.

        The seller's invoicing program (through Banqup) numbered it, in any format
        (``K24-17``, ``SB-12-00345``, ``2025/0007``, ...), and that number is the legal
        one.
        """
        self.ensure_one()
        return bool(self.l10n_lv_banqup_document_id) and self.is_sale_document(
            include_receipts=False
        )

    def _sequence_matches_date(self):
        """Banqup's number is never "not aligned with the date".

        ``sequence.mixin`` reads a year or a month in any number (``K24-17`` = 2024,
        ``F10-0040`` = 2010, ``SB-12-00345`` = December) and then both resets the name
        of a draft (``_compute_name``) and refuses to post
        (``_constrains_date_sequence``). For a number issued outside Odoo there is no
        sequence of Odoo's to align with: the same thing Odoo does for the sequences it
        cannot check (``quick_edit_mode`` in ``_must_check_constrains_date_sequence``).
        """
        if self._l10n_lv_banqup_number_issued_outside():
            return True
        return super()._sequence_matches_date()

    def _must_check_constrains_date_sequence(self):
        """Odoo's date/sequence check does not apply to a number issued outside Odoo."""
        if self._l10n_lv_banqup_number_issued_outside():
            return False
        return super()._must_check_constrains_date_sequence()
