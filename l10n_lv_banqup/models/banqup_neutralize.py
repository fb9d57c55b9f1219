# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A neutralized database (a test or staging copy) never talks to Banqup.

``data/neutralize.sql`` runs on ``odoo-bin neutralize`` and on a database duplicated
with neutralization, as Odoo's EDI modules do: it sets ``database.is_neutralized`` and
forgets production's secrets. Every door to Banqup then refuses with a clear message:
*Fetch now* (inbox list and settings), *Register service*, *Send via Banqup* (and Send &
Print), the message listener, and the scheduled actions (they log it and do nothing).
Uploading files and importing what is already stored stay possible: they call nobody.
"""

import logging

from odoo import api, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _l10n_lv_banqup_is_neutralized(self):
        """True on a neutralized database (``database.is_neutralized``, set by the
        neutralization)."""
        return bool(
            self.env["ir.config_parameter"].sudo().get_param("database.is_neutralized")
        )

    @api.model
    def _l10n_lv_banqup_neutralized_message(self):
        return self.env._(
            "This database is a neutralized copy (test or staging): it does not "
            "connect to Banqup, so that it never takes, acknowledges or sends "
            "production's documents. Upload files to try the import here."
        )

    @api.model
    def _l10n_lv_banqup_check_not_neutralized(self):
        """:raises UserError: on a neutralized database, with the reason."""
        if self._l10n_lv_banqup_is_neutralized():
            raise UserError(self._l10n_lv_banqup_neutralized_message())

    def _banqup_fetch(self, transport=None, import_documents=True, source="btx"):
        """Refused on a neutralized database when it would call Banqup (no transport
        given: the company's)."""
        if transport is None:
            self._l10n_lv_banqup_check_not_neutralized()
        return super()._banqup_fetch(
            transport=transport, import_documents=import_documents, source=source
        )

    def _l10n_lv_banqup_register(self, services):
        self._l10n_lv_banqup_check_not_neutralized()
        return super()._l10n_lv_banqup_register(services)

    def _l10n_lv_banqup_can_send(self):
        """Send & Print offers no *via Banqup* on a neutralized database."""
        return (
            not self._l10n_lv_banqup_is_neutralized()
            and super()._l10n_lv_banqup_can_send()
        )

    @api.model
    def _cron_l10n_lv_banqup_fetch(self):
        if self._l10n_lv_banqup_is_neutralized():
            _logger.warning(
                "Banqup fetch not run: %s", self._l10n_lv_banqup_neutralized_message()
            )
            return
        return super()._cron_l10n_lv_banqup_fetch()

    @api.model
    def _cron_l10n_lv_banqup_inbox(self):
        if self._l10n_lv_banqup_is_neutralized():
            _logger.warning(
                "Banqup inbox run not run: %s",
                self._l10n_lv_banqup_neutralized_message(),
            )
            return
        return super()._cron_l10n_lv_banqup_inbox()


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    def action_l10n_lv_banqup_register(self):
        self.env["res.company"]._l10n_lv_banqup_check_not_neutralized()
        return super().action_l10n_lv_banqup_register()


class BanqupOutbox(models.Model):
    _inherit = "banqup.outbox"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _l10n_lv_banqup_enqueue(self, moves, xml_by_move=None):
        self.env["res.company"]._l10n_lv_banqup_check_not_neutralized()
        return super()._l10n_lv_banqup_enqueue(moves, xml_by_move=xml_by_move)

    def action_resend(self):
        self.env["res.company"]._l10n_lv_banqup_check_not_neutralized()
        return super().action_resend()

    @api.model
    def _cron_l10n_lv_banqup_send(self):
        if self.env["res.company"]._l10n_lv_banqup_is_neutralized():
            _logger.warning(
                "Banqup sending not run: %s",
                self.env["res.company"]._l10n_lv_banqup_neutralized_message(),
            )
            return
        return super()._cron_l10n_lv_banqup_send()
